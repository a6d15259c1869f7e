package org.jdotcompute.api.exceptions;

/**
 * The root of every JDotCompute exception (the seed's {@code PyDotComputeError}). Unchecked.
 * Message: {@code {message}}, as given.
 *
 * <p>When raised: JDotCompute throws its subclasses; catch this type to handle every
 * JDotCompute failure at once. It is thrown as itself only as the stand-in cause of a
 * {@link DeviceKernelException} whose device exception could not be recreated on the host (see
 * {@link DeviceKernelException#fromDevice}).
 *
 * <p>Serializable ("picklable for multiprocessing"): class, message, fields, cause, suppressed
 * exceptions and stack trace survive a round trip through {@link java.io.ObjectOutputStream},
 * for every class in this package.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads (the parts
 * every {@code Throwable} can mutate — suppressed list, stack trace — are synchronized by
 * {@code Throwable}).
 */
public class ComputeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message, used as is */
    public ComputeException(String message) {
        super(message);
    }

    /** @param message the message, used as is; @param cause the cause (never in the message) */
    public ComputeException(String message, Throwable cause) {
        super(message, cause);
    }
}
