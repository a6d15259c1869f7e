package org.jdotcompute.api.exceptions;

/**
 * A memory-related failure (the seed's {@code MemoryError}). Message: {@code {message}}, as given.
 *
 * <p>When raised: through its subclasses ({@link AllocationException},
 * {@link ComputeOutOfMemoryException}); catch it to handle both.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class ComputeMemoryException extends ComputeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message */
    public ComputeMemoryException(String message) {
        super(message);
    }

    /** As {@link #ComputeMemoryException(String)}, with a cause. */
    public ComputeMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
