package org.jdotcompute.api.ring;

/**
 * A message with a priority from {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY}; higher is
 * delivered first when a queue has priorities enabled, FIFO within a priority. A message that
 * does not implement this interface has {@link #DEFAULT_PRIORITY} in such a queue.
 *
 * <p>Implementations must return the same value every time; it is read once, on the thread that
 * puts the message.
 */
public interface Prioritized {
    /** The lowest priority. */
    int MIN_PRIORITY = 0;
    /** The highest priority. */
    int MAX_PRIORITY = 255;
    /** The priority of a message that does not implement {@code Prioritized}. */
    int DEFAULT_PRIORITY = 128;

    /** The priority, 0 (lowest) to 255 (highest). */
    int priority();

    /**
     * The priority {@code message} has in a priority queue: its {@link #priority()}, or
     * {@link #DEFAULT_PRIORITY} when it does not implement {@code Prioritized}.
     *
     * @throws IllegalArgumentException if the message reports a priority outside 0–255 (names the
     *                                  value and the message type)
     */
    static int priorityOf(Object message) {
        if (!(message instanceof Prioritized p)) {
            return DEFAULT_PRIORITY;
        }
        int priority = p.priority();
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + priority + " of a " + message.getClass().getName()
                    + " is outside " + MIN_PRIORITY + "–" + MAX_PRIORITY + "; return a priority in that range");
        }
        return priority;
    }
}
