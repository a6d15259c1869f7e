package org.jdotcompute.api.exceptions;

/**
 * The device context is unusable: CUDA's sticky errors (700 illegal address, 710 assert,
 * 714–719: hardware stack error, illegal instruction, misaligned address, invalid address space,
 * invalid PC, launch failure), a lost Metal device. Message:
 * {@code [{backend}] Execution failed: {reason}}.
 *
 * <p>When raised: by the operation that found the context lost, and then by every later
 * operation on the runtime that used it; close the runtime and create a new one.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class DeviceContextLostException extends BackendExecutionException {
    private static final long serialVersionUID = 1L;

    /** @param backend the backend's display name; @param reason what was lost and why */
    public DeviceContextLostException(String backend, String reason) {
        this(backend, reason, 0, "", null);
    }

    /** As {@link #DeviceContextLostException(String, String)}, with a cause. */
    public DeviceContextLostException(String backend, String reason, Throwable cause) {
        this(backend, reason, 0, "", cause);
    }

    /**
     * @param backend         the backend's display name
     * @param reason          what was lost and why
     * @param nativeErrorCode the driver's error code ({@code 0}: none)
     * @param nativeErrorName the code's symbolic name ({@code ""}: none)
     * @param cause           the cause, or {@code null}
     */
    public DeviceContextLostException(String backend, String reason, int nativeErrorCode, String nativeErrorName,
            Throwable cause) {
        super(backend, reason, nativeErrorCode, nativeErrorName, cause);
    }
}
