package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.exceptions.ComputeException;

/**
 * A user-defined {@link ComputeException} subclass thrown by corpus kernels, with a primitive and a
 * string constructor argument. Its message: {@code corpus failure {code}: {detail}}. Immutable
 * apart from its stack trace, like every exception.
 */
public class CorpusException extends ComputeException {
    private static final long serialVersionUID = 1L;

    /** @param code a code; @param detail a detail */
    public CorpusException(int code, String detail) {
        super("corpus failure " + code + ": " + detail);
    }
}
