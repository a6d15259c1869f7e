package org.jdotcompute.api.exceptions;

/**
 * The device context is unusable (CUDA's sticky errors 700, 710, 714–719, a lost Metal
 * device). Every later operation on the runtime that used it fails with this exception.
 */
public class DeviceContextLostException extends BackendExecutionException {
    private static final long serialVersionUID = 1L;

    /** @param backend the backend's display name; @param reason what was lost and why */
    public DeviceContextLostException(String backend, String reason) {
        this(backend, reason, 0, "", null);
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
