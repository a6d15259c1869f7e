package org.jdotcompute.backend.opencl;

/** Why OpenCL cannot be used here, in words a user can act on; becomes {@code Availability.Unavailable}. */
final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String reason) {
        super(reason);
    }

    UnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
