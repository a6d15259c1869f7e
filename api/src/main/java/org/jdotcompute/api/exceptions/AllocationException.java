package org.jdotcompute.api.exceptions;

/**
 * An allocation was refused for a reason other than capacity. Message:
 * {@code Cannot allocate {size} bytes: {reason}}.
 *
 * <p>When raised: a negative size, an allocation on a closed runtime, a driver refusal for a
 * non-capacity reason. A request the device cannot hold is a {@link ComputeOutOfMemoryException}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class AllocationException extends ComputeMemoryException {
    private static final long serialVersionUID = 1L;
    private final long size;
    private final String reason;

    /** @param size the requested size in bytes; @param reason why it was refused */
    public AllocationException(long size, String reason) {
        this(size, reason, null);
    }

    /** As {@link #AllocationException(long, String)}, with a cause. */
    public AllocationException(long size, String reason, Throwable cause) {
        super("Cannot allocate " + size + " bytes: " + reason, cause);
        this.size = size;
        this.reason = reason;
    }

    /** The requested size in bytes. */
    public long size() {
        return size;
    }

    /** Why it was refused. */
    public String reason() {
        return reason;
    }
}
