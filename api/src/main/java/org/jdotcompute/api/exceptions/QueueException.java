package org.jdotcompute.api.exceptions;

/**
 * A queue-related failure (the seed's {@code QueueError}). Message: {@code {message}}, as given.
 *
 * <p>When raised: through its subclasses ({@link QueueFullException},
 * {@link QueueEmptyException}); catch it to handle both.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class QueueException extends ComputeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message */
    public QueueException(String message) {
        super(message);
    }

    /** As {@link #QueueException(String)}, with a cause. */
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
