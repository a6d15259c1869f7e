package org.jdotcompute.api.ring;

/**
 * The storage behind a {@link MessageQueue}: a bounded buffer of non-null elements with a logical
 * capacity, never blocking. Which threads may call which method is the subclass's contract
 * ({@link QueueConcurrency}).
 *
 * <p>Memory ordering every subclass guarantees, which {@link MessageQueue}'s wake-up protocol
 * relies on: a successful {@link #offer} ends with a sequentially consistent write that
 * {@link #size()} reads, and — when {@link #producersMayWait} — a successful {@link #poll} ends
 * with a sequentially consistent write that {@link #size()} reads. So a thread that announces it
 * waits and then reads {@code size()} cannot miss an offer (or poll) whose thread then looks for
 * waiters. (Without waiting producers a poll needs only a release write, which saves a fence.)
 */
abstract class Ring<E> {
    /** The logical capacity: the most elements the ring holds. */
    final int capacity;
    /** Whether producers may park waiting for room (BLOCK), so polls must publish with a full fence. */
    final boolean producersMayWait;

    Ring(int capacity, boolean producersMayWait) {
        this.capacity = capacity;
        this.producersMayWait = producersMayWait;
    }

    /** Adds {@code e} with {@code priority} (ignored by FIFO rings); {@code false} when full. */
    abstract boolean offer(E e, int priority);

    /** Removes the next element; {@code null} when empty. */
    abstract E poll();

    /**
     * Adds {@code e}, removing the oldest elements while the ring is full; returns how many were
     * removed (dropped). Only for rings that allow several consumers.
     */
    abstract int offerDropping(E e, int priority);

    /** Elements accepted so far. */
    abstract long produced();

    /** Elements removed so far (polled or dropped). */
    abstract long consumed();

    /** The number of elements, from 0 to the capacity (a snapshot under concurrency). */
    abstract int size();

    /** Removes every element; returns how many. Caller must be the only consumer at the time. */
    int clear() {
        int n = 0;
        while (poll() != null) {
            n++;
        }
        return n;
    }

    /** The smallest power of two ≥ {@code n} and ≥ 2. */
    static int physicalSize(int n) {
        if (n > (1 << 30)) {
            throw new IllegalArgumentException("capacity " + n + " is too large; the most is " + (1 << 30));
        }
        return Math.max(2, Integer.highestOneBit(n - 1) << 1);
    }

    static int clampSize(long size, int capacity) {
        return (int) Math.max(0, Math.min(size, capacity));
    }
}
