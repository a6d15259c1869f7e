package org.jdotcompute.api.ring;

/**
 * A message with a priority from 0 to 255; higher is delivered first when a queue has
 * priorities enabled, FIFO within a priority.
 */
public interface Prioritized {
    /** The priority, 0 (lowest) to 255 (highest). */
    int priority();
}
