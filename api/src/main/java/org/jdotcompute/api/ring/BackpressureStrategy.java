package org.jdotcompute.api.ring;

/** What a full {@link MessageQueue} does with a new message. Immutable. */
public enum BackpressureStrategy {
    /** {@code put} waits until there is room (a timed put throws {@code QueueFullException} on expiry). */
    BLOCK,
    /** {@code put} throws {@code QueueFullException} at once. */
    REJECT,
    /** The oldest message (lowest priority first, when priorities are on) is removed and counted as dropped. */
    DROP_OLDEST
}
