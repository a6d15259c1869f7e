package org.jdotcompute.api.exceptions;

/**
 * A kernel-related failure (the seed's {@code KernelError}). Message: {@code [{kernelId}] {detail}}.
 */
public class KernelException extends ComputeException {
    private static final long serialVersionUID = 1L;
    private final String kernelId;

    /** @param kernelId the kernel; @param message the detail after the id */
    public KernelException(String kernelId, String message) {
        this(kernelId, message, null);
    }

    /** As {@link #KernelException(String, String)}, with a cause. */
    public KernelException(String kernelId, String message, Throwable cause) {
        super("[" + kernelId + "] " + message, cause);
        this.kernelId = kernelId;
    }

    /** The kernel's id. */
    public String kernelId() {
        return kernelId;
    }
}
