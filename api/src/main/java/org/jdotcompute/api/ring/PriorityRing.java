package org.jdotcompute.api.ring;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded priority buffer: one FIFO bucket per priority (0–255, created on first use) and a
 * 256-bit map of non-empty buckets, under a short lock. Higher priorities are polled first, FIFO
 * within a priority; the capacity bounds the total. Dropping (for {@code DROP_OLDEST}) removes the
 * oldest element of the lowest priority — counting the incoming element as the newest of its
 * priority, so an incoming element of lower priority than everything queued is the one dropped.
 * Thread-safe for any number of producers and consumers.
 */
final class PriorityRing<E> extends Ring<E> {
    private static final int LEVELS = Prioritized.MAX_PRIORITY + 1;

    private final ReentrantLock lock = new ReentrantLock();
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<E>[] buckets = new ArrayDeque[LEVELS];
    private final long[] nonEmpty = new long[LEVELS / Long.SIZE];
    // Written under the lock, read without it (size(), counters): volatile.
    private volatile int count;
    private volatile long produced;
    private volatile long consumed;

    PriorityRing(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }

    @Override
    boolean offer(E e, int priority) {
        lock.lock();
        try {
            if (count >= capacity) {
                return false;
            }
            add(e, priority);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    int offerDropping(E e, int priority) {
        lock.lock();
        try {
            if (count < capacity) {
                add(e, priority);
                return 0;
            }
            int lowest = lowestLevel();
            if (priority < lowest) {
                consumed = consumed + 1; // the incoming element is the least important: it is dropped
                produced = produced + 1;
                return 1;
            }
            removeFirst(lowest);
            add(e, priority);
            return 1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    E poll() {
        if (count == 0) {
            return null;
        }
        lock.lock();
        try {
            return count == 0 ? null : removeFirst(highestLevel());
        } finally {
            lock.unlock();
        }
    }

    private void add(E e, int priority) {
        ArrayDeque<E> bucket = buckets[priority];
        if (bucket == null) {
            bucket = new ArrayDeque<>();
            buckets[priority] = bucket;
        }
        bucket.addLast(e);
        nonEmpty[priority >>> 6] |= 1L << priority;
        produced = produced + 1;
        count = count + 1; // the volatile write that publishes the element (see Ring)
    }

    private E removeFirst(int priority) {
        ArrayDeque<E> bucket = buckets[priority];
        E e = bucket.pollFirst();
        if (bucket.isEmpty()) {
            nonEmpty[priority >>> 6] &= ~(1L << priority);
        }
        consumed = consumed + 1;
        count = count - 1;
        return e;
    }

    private int highestLevel() {
        for (int word = nonEmpty.length - 1; word >= 0; word--) {
            if (nonEmpty[word] != 0) {
                return word * Long.SIZE + (Long.SIZE - 1 - Long.numberOfLeadingZeros(nonEmpty[word]));
            }
        }
        throw new IllegalStateException("no non-empty priority although count is " + count);
    }

    private int lowestLevel() {
        for (int word = 0; word < nonEmpty.length; word++) {
            if (nonEmpty[word] != 0) {
                return word * Long.SIZE + Long.numberOfTrailingZeros(nonEmpty[word]);
            }
        }
        throw new IllegalStateException("no non-empty priority although count is " + count);
    }

    @Override
    long produced() {
        return produced;
    }

    @Override
    long consumed() {
        return consumed;
    }

    @Override
    int size() {
        return count;
    }
}
