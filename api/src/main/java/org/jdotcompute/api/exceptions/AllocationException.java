package org.jdotcompute.api.exceptions;

/**
 * An allocation was refused for a reason other than capacity: a negative size, a closed
 * runtime, a driver refusal. Message: {@code Cannot allocate {size} bytes: {reason}}.
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
