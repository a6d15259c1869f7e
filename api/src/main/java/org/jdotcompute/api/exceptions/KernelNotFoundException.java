package org.jdotcompute.api.exceptions;

/**
 * No kernel has this id. Message: {@code [{id}] Kernel not found: '{id}'}.
 *
 * <p>When raised: {@code send}, {@code receive}, {@code activate}, {@code deactivate},
 * {@code reactivate}, {@code terminate} and {@code state} with an unknown id.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
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
