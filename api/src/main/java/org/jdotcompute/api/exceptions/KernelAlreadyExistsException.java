package org.jdotcompute.api.exceptions;

/**
 * A kernel with this id is already registered. Message: {@code [{id}] Kernel already exists}.
 *
 * <p>When raised: {@code launch} with an id already registered.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class KernelAlreadyExistsException extends KernelException {
    private static final long serialVersionUID = 1L;

    /** @param kernelId the id that is taken */
    public KernelAlreadyExistsException(String kernelId) {
        this(kernelId, null);
    }

    /** As {@link #KernelAlreadyExistsException(String)}, with a cause. */
    public KernelAlreadyExistsException(String kernelId, Throwable cause) {
        super(kernelId, "Kernel already exists", cause);
    }
}
