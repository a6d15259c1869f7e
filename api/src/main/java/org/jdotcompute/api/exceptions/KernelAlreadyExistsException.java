package org.jdotcompute.api.exceptions;

/**
 * A kernel with this id is already launched. Raised by {@code launch}. Message:
 * {@code [{id}] Kernel already exists}.
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
