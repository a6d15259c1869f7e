package org.jdotcompute.api.exceptions;

/**
 * A kernel could not be compiled. Message: {@code [{id}] Compilation failed: {reason}}.
 *
 * <p>When raised: the method has the wrong shape, the bytecode front end rejects a construct
 * (the reason names it and {@code File.java:line}), or the native compiler fails
 * ({@link #compilerLog()} holds its complete log, which is not part of the message). For Metal
 * the cause is an {@link MslCompilationException}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class KernelCompilationException extends KernelException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String backend;
    private final String compilerLog;

    /** @param kernelId the kernel; @param reason why compilation failed */
    public KernelCompilationException(String kernelId, String reason) {
        this(kernelId, reason, "", "", null);
    }

    /** As {@link #KernelCompilationException(String, String)}, with a cause. */
    public KernelCompilationException(String kernelId, String reason, Throwable cause) {
        this(kernelId, reason, "", "", cause);
    }

    /**
     * @param kernelId    the kernel
     * @param reason      why compilation failed
     * @param backend     the backend's display name ({@code ""} when the front end failed)
     * @param compilerLog the native compiler's complete log ({@code ""} if none)
     * @param cause       the cause, or {@code null}
     */
    public KernelCompilationException(String kernelId, String reason, String backend, String compilerLog,
            Throwable cause) {
        super(kernelId, "Compilation failed: " + reason, cause);
        this.reason = reason;
        this.backend = backend == null ? "" : backend;
        this.compilerLog = compilerLog == null ? "" : compilerLog;
    }

    /** Why compilation failed. */
    public String reason() {
        return reason;
    }

    /** The backend's display name, {@code ""} if the failure is not backend-specific. */
    public String backend() {
        return backend;
    }

    /** The native compiler's complete log, {@code ""} if there is none. Not part of the message. */
    public String compilerLog() {
        return compilerLog;
    }
}
