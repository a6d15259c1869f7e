package org.jdotcompute.api.ring;

import java.time.Duration;

import org.jdotcompute.api.ComputeRuntime;

/**
 * A ring kernel's view of its queues. Not thread-safe: confined to the kernel's own thread.
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
     * Returns {@code null} at once when the kernel is asked to terminate (then {@code run} should
     * return).
     */
    I receive();

    /**
     * Receives the next input, waiting at most {@code timeout}; {@code null} when the timeout
     * expires or the kernel is asked to terminate.
     */
    I receive(Duration timeout);

    /**
     * Sends {@code message} to the output queue under its backpressure strategy (or, while
     * handling a {@link RingKernelRuntime#call}, as that call's reply).
     *
     * @throws org.jdotcompute.api.exceptions.MessageValidationException if the message has the
     *         wrong output type, or the output codec rejects it
     * @throws org.jdotcompute.api.exceptions.QueueFullException if the output queue is full under
     *         {@code REJECT}
     * @throws org.jdotcompute.api.exceptions.KernelStateException if the kernel is asked to
     *         terminate while this waits for room; let it propagate: the kernel then ends as
     *         {@code TERMINATED}, not as failed
     */
    void send(O message);

    /** The compute runtime, to launch data-parallel kernels from the ring kernel. */
    ComputeRuntime runtime();
}
