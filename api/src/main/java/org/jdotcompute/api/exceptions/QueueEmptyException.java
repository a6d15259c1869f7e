package org.jdotcompute.api.exceptions;

/**
 * The queue has no message: a non-blocking {@code get()} on an empty queue, or a timed
 * {@code get}/{@code receive} whose timeout expired. Message: {@code Queue is empty}.
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
