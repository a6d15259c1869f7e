package org.jdotcompute.api.exceptions;

/**
 * The queue cannot take the message. Message: {@code Queue is full (size: {n})}.
 *
 * <p>When raised: {@code put} under {@code REJECT} on a full queue; a {@code BLOCK} put whose
 * timeout expired; a {@code send} to a kernel whose input queue is full under those rules.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class QueueFullException extends QueueException {
    private static final long serialVersionUID = 1L;
    private final int queueSize;

    /** @param queueSize the queue's capacity */
    public QueueFullException(int queueSize) {
        this(queueSize, null);
    }

    /** As {@link #QueueFullException(int)}, with a cause. */
    public QueueFullException(int queueSize, Throwable cause) {
        super("Queue is full (size: " + queueSize + ")", cause);
        this.queueSize = queueSize;
    }

    /** The queue's capacity. */
    public int queueSize() {
        return queueSize;
    }
}
