package org.jdotcompute.api.ring;

import java.time.Duration;

import org.jdotcompute.api.ComputeRuntime;

/**
 * A ring kernel's view of its queues. Confined to the kernel's own thread.
 *
 * @param <I> the input message type
 * @param <O> the output message type
 */
public interface RingKernelContext<I, O> {
    /** The kernel's id. */
    String kernelId();

    /** Whether the kernel has been asked to terminate. */
    boolean shouldTerminate();

    /**
     * Receives the next input, blocking while there is none or the kernel is deactivated.
     * Returns {@code null} at once when the kernel is asked to terminate.
     */
    I receive();

    /**
     * Receives the next input, waiting at most {@code timeout}; {@code null} when the timeout
     * expires or the kernel is asked to terminate.
     */
    I receive(Duration timeout);

    /** Sends {@code message} to the output queue under its backpressure strategy. */
    void send(O message);

    /** The compute runtime, to launch data-parallel kernels from the ring kernel. */
    ComputeRuntime runtime();
}
