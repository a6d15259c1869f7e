package org.jdotcompute.api.ring;

/**
 * A snapshot of a {@link MessageQueue}'s counters. Immutable.
 *
 * @param capacity      the most messages the queue holds
 * @param depth         messages in the queue when the snapshot was taken
 * @param highWaterMark the greatest depth seen right after a put
 * @param enqueued      messages accepted by a put
 * @param dequeued      messages taken by a consumer
 * @param dropped       messages removed by {@link BackpressureStrategy#DROP_OLDEST}
 * @param rejected      puts refused (full under {@code REJECT}, an expired {@code BLOCK} wait)
 */
public record QueueMetrics(int capacity, int depth, int highWaterMark, long enqueued, long dequeued, long dropped,
        long rejected) {
    public QueueMetrics {
        if (capacity <= 0 || depth < 0 || highWaterMark < 0 || enqueued < 0 || dequeued < 0 || dropped < 0
                || rejected < 0) {
            throw new IllegalArgumentException("queue metrics must be non-negative (capacity positive): capacity "
                    + capacity + ", depth " + depth + ", highWaterMark " + highWaterMark + ", enqueued " + enqueued
                    + ", dequeued " + dequeued + ", dropped " + dropped + ", rejected " + rejected);
        }
    }

    /** A snapshot of {@code queue}'s counters. */
    public static QueueMetrics of(MessageQueue<?> queue) {
        return new QueueMetrics(queue.capacity(), queue.size(), queue.highWaterMark(), queue.enqueuedCount(),
                queue.dequeuedCount(), queue.droppedCount(), queue.rejectedCount());
    }
}
