package org.jdotcompute.api.exceptions;

/**
 * A kernel-related failure (the seed's {@code KernelError}). Message: {@code [{kernelId}] {detail}}.
 *
 * <p>When raised: through its subclasses ({@link KernelNotFoundException},
 * {@link KernelStateException}, {@link KernelAlreadyExistsException},
 * {@link KernelCompilationException}); catch it to handle all of them. Kernel code may throw it
 * itself, e.g. {@code new KernelException(id, "bad " + v)}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
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
