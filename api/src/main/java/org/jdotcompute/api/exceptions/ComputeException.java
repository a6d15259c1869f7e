package org.jdotcompute.api.exceptions;

/**
 * The root of every JDotCompute exception (the seed's {@code PyDotComputeError}). Unchecked.
 * Message: {@code {message}}.
 *
 * <p>Serializable ("picklable for multiprocessing"): class, message, fields, cause and stack
 * trace survive a round trip through {@link java.io.ObjectOutputStream}.
 */
public class ComputeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message, used as is */
    public ComputeException(String message) {
        super(message);
    }

    /** @param message the message, used as is; @param cause the cause (never in the message) */
    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
