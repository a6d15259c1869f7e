package org.jdotcompute.backend.metal;

import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.jdotcompute.api.exceptions.MetalException;

/**
 * The names of Metal's command-buffer errors and the exceptions they become. Thread-safe
 * (stateless).
 */
final class MetalErrors {
    /** {@code MTLCommandBufferStatusError}. */
    static final long STATUS_ERROR = 5;
    /** {@code MTLCommandBufferErrorAccessRevoked} (formerly {@code Blacklisted}). */
    static final int ACCESS_REVOKED = 4;
    /** {@code MTLCommandBufferErrorDeviceRemoved}. */
    static final int DEVICE_REMOVED = 11;

    private MetalErrors() {
    }

    /** The symbolic name of an {@code MTLCommandBufferError} code (from {@code MTLCommandBuffer.h}). */
    static String commandBufferErrorName(long code) {
        return switch ((int) code) {
            case 0 -> "MTLCommandBufferErrorNone";
            case 1 -> "MTLCommandBufferErrorInternal";
            case 2 -> "MTLCommandBufferErrorTimeout";
            case 3 -> "MTLCommandBufferErrorPageFault";
            case ACCESS_REVOKED -> "MTLCommandBufferErrorAccessRevoked";
            case 7 -> "MTLCommandBufferErrorNotPermitted";
            case 8 -> "MTLCommandBufferErrorOutOfMemory";
            case 9 -> "MTLCommandBufferErrorInvalidResource";
            case 10 -> "MTLCommandBufferErrorMemoryless";
            case DEVICE_REMOVED -> "MTLCommandBufferErrorDeviceRemoved";
            case 12 -> "MTLCommandBufferErrorStackOverflow";
            default -> "MTLCommandBufferError(" + code + ")";
        };
    }

    /** The {@code MTLCommandBufferStatus} name. */
    static String statusName(long status) {
        return switch ((int) status) {
            case 0 -> "NotEnqueued";
            case 1 -> "Enqueued";
            case 2 -> "Committed";
            case 3 -> "Scheduled";
            case 4 -> "Completed";
            case 5 -> "Error";
            default -> "status " + status;
        };
    }

    /** Whether the code means the device is gone for this process: every later command would fail too. */
    static boolean losesDevice(long code) {
        return code == ACCESS_REVOKED || code == DEVICE_REMOVED;
    }

    /**
     * The exception for a command buffer of {@code what} that ended with {@code completion}:
     * {@link DeviceContextLostException} for a removed device or revoked access, otherwise
     * {@link BackendExecutionException}; both carry the {@code MTLCommandBufferError} code and
     * name, and a {@link MetalException} with Metal's description as the cause.
     */
    static BackendExecutionException commandBufferFailure(String what, String device, MetalApi.Completion completion) {
        long code = completion.errorCode();
        String name = commandBufferErrorName(code);
        String description = completion.errorDescription().isEmpty() ? "Metal gave no description"
                : completion.errorDescription();
        MetalException cause = new MetalException("command buffer of " + what + " ended with status "
                + statusName(completion.status()) + ", " + name + " (" + code + "): " + description);
        if (losesDevice(code)) {
            return new DeviceContextLostException(MetalBackend.DISPLAY_NAME, "the Metal device '" + device
                    + "' is lost to this process (" + name + ") while running " + what
                    + "; close this runtime and create a new one", (int) code, name, cause);
        }
        String advice = switch ((int) code) {
            case 2 -> "; the GPU stopped it for running too long: split the work into smaller launches";
            case 3 -> "; the kernel accessed memory outside its buffers: run it with CheckMode.INDEX or FULL to find the access";
            case 8 -> "; free buffers or launch smaller work";
            default -> "";
        };
        return new BackendExecutionException(MetalBackend.DISPLAY_NAME, "the command buffer of " + what + " failed with "
                + name + " (" + code + "): " + description + advice, (int) code, name, cause);
    }
}
