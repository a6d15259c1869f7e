package org.jdotcompute.api.exceptions;

/**
 * No kernel has this id. Raised by {@code send}, {@code receive}, {@code activate},
 * {@code deactivate}, {@code reactivate}, {@code terminate} and {@code state} with an unknown id.
 * Message: {@code [{id}] Kernel not found: '{id}'}.
 */
public class KernelNotFoundException extends KernelException {
    private static final long serialVersionUID = 1L;

    /** @param kernelId the unknown id */
    public KernelNotFoundException(String kernelId) {
        this(kernelId, null);
    }

    /** As {@link #KernelNotFoundException(String)}, with a cause. */
    public KernelNotFoundException(String kernelId, Throwable cause) {
        super(kernelId, "Kernel not found: '" + kernelId + "'", cause);
    }
}
