package org.jdotcompute.api.exceptions;

/**
 * The queue has no message. Message: {@code Queue is empty}.
 *
 * <p>When raised: a non-blocking {@code get()} on an empty queue; a timed {@code get} or
 * {@code receive} whose timeout expired.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class QueueEmptyException extends QueueException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public QueueEmptyException() {
        this(null);
    }

    /** With a cause. */
    public QueueEmptyException(Throwable cause) {
        super("Queue is empty", cause);
    }
}
