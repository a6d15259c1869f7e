package org.jdotcompute.api.ring;

/**
 * Which threads may use a {@link MessageQueue} at the same time; it picks the lock-free ring the
 * queue uses. A queue used outside its promise may lose or duplicate messages, so choose
 * {@link #MPMC} (the default) unless the promise holds. Threads that take turns as the single
 * producer (or consumer) are fine when each turn happens-before the next. Immutable.
 */
public enum QueueConcurrency {
    /** One producer thread and one consumer thread at a time: the cheapest ring. */
    SPSC,
    /** Any number of producers, one consumer thread at a time. */
    MPSC,
    /** Any number of producers and consumers. */
    MPMC
}
