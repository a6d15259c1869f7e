package org.jdotcompute.api.exceptions;

/**
 * The device (or a configured limit) cannot hold the request. Recoverable, unlike
 * {@link OutOfMemoryError}: free buffers and retry. Message:
 * {@code Out of memory: requested {r} bytes, available {a} bytes}.
 */
public class ComputeOutOfMemoryException extends ComputeMemoryException {
    private static final long serialVersionUID = 1L;
    private final long requested;
    private final long available;

    /** @param requested bytes requested; @param available bytes available ({@code -1} when unknown) */
    public ComputeOutOfMemoryException(long requested, long available) {
        this(requested, available, null);
    }

    /** As {@link #ComputeOutOfMemoryException(long, long)}, with a cause. */
    public ComputeOutOfMemoryException(long requested, long available, Throwable cause) {
        super("Out of memory: requested " + requested + " bytes, available " + available + " bytes", cause);
        this.requested = requested;
        this.available = available;
    }

    /** Bytes requested. */
    public long requested() {
        return requested;
    }

    /** Bytes available, {@code -1} when unknown. */
    public long available() {
        return available;
    }
}
