package org.jdotcompute.api.exceptions;

/**
 * The device (or a pool, or a configured limit) cannot hold the request. Recoverable, unlike
 * {@link OutOfMemoryError} — which this is deliberately not: free buffers and retry. Message:
 * {@code Out of memory: requested {r} bytes, available {a} bytes} ({@code -1} when the available
 * amount is unknown).
 *
 * <p>When raised: an allocation the device or pool cannot hold.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
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
