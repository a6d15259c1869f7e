package org.jdotcompute.api.exceptions;

/**
 * A backend failed to execute an operation. Where the driver gave an error code,
 * {@link #nativeErrorCode()} and {@link #nativeErrorName()} hold it. Message:
 * {@code [{backend}] Execution failed: {reason}}.
 *
 * <p>When raised: a driver call of a launch, copy or synchronization fails; a device error
 * record is corrupt. A kernel that threw is the subclass {@link DeviceKernelException}; a lost
 * device context is {@link DeviceContextLostException}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class BackendExecutionException extends BackendException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final int nativeErrorCode;
    private final String nativeErrorName;

    /** @param backend the backend's display name; @param reason what failed */
    public BackendExecutionException(String backend, String reason) {
        this(backend, reason, 0, "", null);
    }

    /** As {@link #BackendExecutionException(String, String)}, with a cause. */
    public BackendExecutionException(String backend, String reason, Throwable cause) {
        this(backend, reason, 0, "", cause);
    }

    /**
     * @param backend         the backend's display name
     * @param reason          what failed
     * @param nativeErrorCode the driver's error code ({@code 0}: none — 0 is success in every driver API)
     * @param nativeErrorName the code's symbolic name, e.g. {@code CL_OUT_OF_RESOURCES} ({@code ""}: none)
     * @param cause           the cause, or {@code null}
     */
    public BackendExecutionException(String backend, String reason, int nativeErrorCode, String nativeErrorName,
            Throwable cause) {
        super(backend, "Execution failed: " + reason, cause);
        this.reason = reason;
        this.nativeErrorCode = nativeErrorCode;
        this.nativeErrorName = nativeErrorName == null ? "" : nativeErrorName;
    }

    /** What failed. */
    public String reason() {
        return reason;
    }

    /** The driver's error code, {@code 0} when the driver gave none. */
    public int nativeErrorCode() {
        return nativeErrorCode;
    }

    /** The driver error code's symbolic name, {@code ""} when the driver gave none. */
    public String nativeErrorName() {
        return nativeErrorName;
    }
}
