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
 * <h2>Lifecycle</h2>
 * <ul>
 *   <li>{@link #launch} → {@link KernelState#LAUNCHED}: the kernel's thread (named
 *       {@code ring-kernel-<id>}) exists but {@link RingKernel#run} has not started; messages sent
 *       now queue up.
 *   <li>{@link #activate} → {@link KernelState#ACTIVE}: {@code run} starts.
 *   <li>{@link #deactivate} → {@link KernelState#DEACTIVATED}: a message the kernel is handling is
 *       finished, but its context's {@code receive} delivers nothing more until
 *       {@link #reactivate}; sends still queue up. Nothing is processed, nothing is lost.
 *   <li>{@link #terminate} → {@link KernelState#TERMINATING} → {@link KernelState#TERMINATED}: the
 *       context's {@code receive} returns {@code null} at once (no poll interval), a kernel blocked
 *       in its context's {@code send} is woken, threads blocked in {@link #send} or {@link #receive}
 *       for the kernel get {@link KernelStateException}; messages still queued are discarded.
 *       {@code terminate} returns when the kernel's thread has ended. A kernel whose {@code run}
 *       returns by itself is also {@code TERMINATED}.
 *   <li>A kernel whose {@code run} throws goes to {@link KernelState#FAILED}: the outputs it
 *       produced can still be received, then {@code send}, {@code receive} and the lifecycle
 *       methods throw {@link KernelStateException} whose cause is the handler's exception, and
 *       {@link #close()} reports it. Failures are never swallowed.
 * </ul>
 * Any operation but {@link #state}, {@link #metrics} and {@link #kernelIds} on a
 * {@code TERMINATED} kernel throws {@link KernelStateException}; ids stay registered until
 * {@link #close()}.
 *
 * <p>Messages are passed by reference (zero copy) unless the kernel was launched with a
 * {@link MessageCodec} ({@link RingKernelOptions#withInputCodec}), which copies them.
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
     * @throws IllegalStateException        if the runtime is closed
     */
    <I, O> void launch(String kernelId, RingKernel<I, O> kernel);

    /** Launches {@code kernel} with {@code options}; see {@link #launch(String, RingKernel)}. */
    <I, O> void launch(String kernelId, RingKernel<I, O> kernel, RingKernelOptions options);

    /**
     * LAUNCHED → ACTIVE: the kernel starts processing.
     *
     * @throws KernelNotFoundException for an unknown id
     * @throws KernelStateException    if not LAUNCHED (expected {@code [LAUNCHED]})
     */
    void activate(String kernelId);

    /**
     * ACTIVE → DEACTIVATED: nothing more is processed and nothing is lost.
     *
     * @throws KernelNotFoundException for an unknown id
     * @throws KernelStateException    if not ACTIVE (expected {@code [ACTIVE]})
     */
    void deactivate(String kernelId);

    /**
     * DEACTIVATED → ACTIVE.
     *
     * @throws KernelNotFoundException for an unknown id
     * @throws KernelStateException    if not DEACTIVATED (expected {@code [DEACTIVATED]})
     */
    void reactivate(String kernelId);

    /**
     * Stops the kernel gracefully (TERMINATING → TERMINATED), waking a blocked receive at once;
     * returns when its thread has stopped. A concurrent second call waits too. Called by the kernel
     * on itself, it returns at once and the kernel stops when its {@code run} returns.
     *
     * @throws KernelNotFoundException for an unknown id
     * @throws KernelStateException    if the kernel is already TERMINATED, or FAILED (also when it
     *                                 fails while stopping; the cause is its exception)
     */
    void terminate(String kernelId);

    /**
     * Sends {@code message} to the kernel's input queue under its backpressure strategy
     * ({@code BLOCK} waits as long as it takes).
     *
     * @throws KernelNotFoundException    for an unknown id
     * @throws QueueFullException         if the queue is full under {@code REJECT}
     * @throws MessageValidationException if the message has the wrong type for the kernel, or its
     *                                    codec rejects it
     * @throws KernelStateException       if the kernel failed (cause: its exception) or terminated
     * @throws NullPointerException       if {@code message} is null
     */
    void send(String kernelId, Object message);

    /** Sends, waiting at most {@code timeout} for room under {@code BLOCK}; {@link QueueFullException} on expiry. */
    void send(String kernelId, Object message, Duration timeout);

    /**
     * Receives the kernel's next output, blocking until there is one.
     *
     * @throws KernelNotFoundException for an unknown id
     * @throws KernelStateException    if the kernel failed and its outputs are all received (the
     *                                 cause is its exception), or it terminated
     */
    <O> O receive(String kernelId);

    /**
     * Receives the next output, waiting at most {@code timeout}.
     *
     * @throws QueueEmptyException if the timeout expires; see {@link #receive(String)} for the others
     */
    <O> O receive(String kernelId, Duration timeout);

    /**
     * Request/reply: sends {@code request} and returns the first output the kernel sends while
     * handling it, matched by a correlation id. Replies never go through the output queue, so no
     * other caller's reply and no plain output is lost or taken; further outputs for the same
     * request go to the output queue. A reply arriving after the timeout is discarded (counted as
     * dropped).
     *
     * @param timeout the longest wait, for room in the input queue and for the reply together
     * @throws QueueEmptyException if no reply arrives in time
     * @throws QueueFullException  if the input queue stays full (or is full under {@code REJECT})
     * @throws KernelStateException if the kernel fails or terminates before replying (the cause is
     *                              its exception, if any); see {@link #send(String, Object)} for
     *                              the others
     */
    <R> R call(String kernelId, Object request, Duration timeout);

    /**
     * The kernel's state.
     *
     * @throws KernelNotFoundException for an unknown id
     */
    KernelState state(String kernelId);

    /**
     * A snapshot of the kernel's telemetry (also emitted as JDK Flight Recorder events).
     *
     * @throws KernelNotFoundException for an unknown id
     */
    RingKernelMetrics metrics(String kernelId);

    /** The ids of every kernel launched and not yet removed. */
    Set<String> kernelIds();

    /**
     * Terminates every kernel concurrently and releases the runtime; no kernel thread outlives
     * this call. Every failure — handler failures nobody received included — is reported at once.
     * Idempotent.
     *
     * @throws ComputeExceptionGroup holding every failure, if any
     * @throws IllegalStateException if called from one of this runtime's kernels (it would wait for
     *                               its own thread)
     */
    @Override
    void close();
}
