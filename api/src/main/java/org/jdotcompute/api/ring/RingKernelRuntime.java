package org.jdotcompute.api.ring;

import java.time.Duration;
import java.util.Set;

import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelAlreadyExistsException;
import org.jdotcompute.api.exceptions.KernelNotFoundException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;

/**
 * Hosts named ring kernels: persistent actors, each with an input and an output
 * {@link MessageQueue}, with the lifecycle launch → activate → (deactivate ⇄ reactivate) →
 * terminate.
 *
 * <p>Thread-safe. Happens-before: a message sent with {@link #send} happens-before the
 * kernel's receipt of it; a message the kernel sends happens-before its {@link #receive}.
 */
public interface RingKernelRuntime extends AutoCloseable {

    /**
     * Creates a standalone ring-kernel runtime on {@code ComputeRuntime.create()}'s backend;
     * closing it closes both.
     */
    static RingKernelRuntime create() {
        return EngineBridge.load().createRingRuntime(RuntimeSettings.fromSystemProperties());
    }

    /**
     * Launches {@code kernel} under {@code kernelId} with default options: state
     * {@link KernelState#LAUNCHED}; messages sent now queue until it is activated.
     *
     * @throws KernelAlreadyExistsException if the id is taken
     */
    <I, O> void launch(String kernelId, RingKernel<I, O> kernel);

    /** Launches {@code kernel} with {@code options}; see {@link #launch(String, RingKernel)}. */
    <I, O> void launch(String kernelId, RingKernel<I, O> kernel, RingKernelOptions options);

    /** LAUNCHED → ACTIVE: the kernel starts processing. @throws KernelStateException if not LAUNCHED */
    void activate(String kernelId);

    /** ACTIVE → DEACTIVATED: nothing is processed and nothing is lost. @throws KernelStateException if not ACTIVE */
    void deactivate(String kernelId);

    /** DEACTIVATED → ACTIVE. @throws KernelStateException if not DEACTIVATED */
    void reactivate(String kernelId);

    /**
     * Stops the kernel gracefully (TERMINATING → TERMINATED), waking a blocked receive at once;
     * returns when its thread has stopped.
     */
    void terminate(String kernelId);

    /**
     * Sends {@code message} to the kernel's input queue under its backpressure strategy.
     *
     * @throws KernelNotFoundException    for an unknown id
     * @throws QueueFullException         if the queue is full under {@code REJECT}
     * @throws MessageValidationException if the message has the wrong type for the kernel
     * @throws KernelStateException       if the kernel failed (cause: its exception) or terminated
     */
    void send(String kernelId, Object message);

    /** Sends, waiting at most {@code timeout} for room under {@code BLOCK}; {@link QueueFullException} on expiry. */
    void send(String kernelId, Object message, Duration timeout);

    /** Receives the kernel's next output, blocking until there is one. */
    <O> O receive(String kernelId);

    /** Receives the next output, waiting at most {@code timeout}; {@link QueueEmptyException} on expiry. */
    <O> O receive(String kernelId, Duration timeout);

    /** The kernel's state. @throws KernelNotFoundException for an unknown id */
    KernelState state(String kernelId);

    /** The ids of every kernel launched and not yet removed. */
    Set<String> kernelIds();

    /**
     * Terminates every kernel concurrently and releases the runtime. Every failure — handler
     * failures nobody received included — is reported at once.
     *
     * @throws ComputeExceptionGroup holding every failure, if any
     */
    @Override
    void close();
}
