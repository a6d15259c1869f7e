package org.jdotcompute.spi.internal.ring;

import org.jdotcompute.api.ring.Prioritized;

/**
 * A message on its way through a kernel's queue: the payload (by reference), when it was sent
 * (for end-to-end latency) and, for a {@code call}, its correlation id. Immutable once published
 * through a queue, except {@link #replied}, which only the kernel's thread touches.
 */
final class Envelope implements Prioritized {
    /** {@link #originNanos} when there is no origin to measure latency from. */
    static final long NO_ORIGIN = Long.MIN_VALUE;
    /** {@link #correlationId} of a plain message. */
    static final long NO_CORRELATION = 0;

    final Object payload;
    /** The {@link System#nanoTime()} of the send this message (or the input it answers) came from. */
    final long originNanos;
    final long correlationId;
    /** Whether the kernel has answered this call already (kernel thread only). */
    boolean replied;

    Envelope(Object payload, long originNanos, long correlationId) {
        this.payload = payload;
        this.originNanos = originNanos;
        this.correlationId = correlationId;
    }

    @Override
    public int priority() {
        return Prioritized.priorityOf(payload);
    }
}
