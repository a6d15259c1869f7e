package org.jdotcompute.spi.internal.ring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.MessageCodec;
import org.jdotcompute.api.ring.MessageQueue;
import org.jdotcompute.api.ring.QueueConcurrency;
import org.jdotcompute.api.ring.QueueMetrics;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelMetrics;
import org.jdotcompute.api.ring.RingKernelOptions;

/**
 * One ring kernel: its queues, its thread, its lifecycle and its counters. Thread-safe.
 *
 * <p>Lifecycle transitions happen under {@link #lock}; {@link #gate} is signalled on every one, and
 * the kernel's thread waits on it before {@code run} starts and while deactivated. Termination
 * closes both queues, which wakes a kernel blocked in its context's {@code receive} or
 * {@code send}, and every external thread blocked in {@code send} or {@code receive}.
 */
final class KernelHost {
    private static final List<KernelState> RUNNABLE = List.of(KernelState.LAUNCHED, KernelState.ACTIVE,
            KernelState.DEACTIVATED);

    final String id;
    final RingKernelOptions options;
    final MessageQueue<Envelope> input;
    final MessageQueue<Envelope> output;
    /** Whether any input (output) passes unchecked and uncopied: no type and no codec. */
    private final boolean anyInput;
    private final boolean anyOutput;
    private final RingKernel<Object, Object> kernel;
    private final HostContext context;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition gate = lock.newCondition();
    private volatile KernelState state = KernelState.LAUNCHED;
    private volatile boolean terminateRequested;
    private volatile Throwable failure;

    /** Pending {@code call}s by correlation id. */
    final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();

    // Telemetry. messagesIn, messagesOut and handlerNanos have one writer, the kernel's thread.
    final AtomicLong messagesIn = new AtomicLong();
    final AtomicLong messagesOut = new AtomicLong();
    final AtomicLong handlerNanos = new AtomicLong();
    final AtomicLong invalidSends = new AtomicLong();
    final AtomicLong lateReplies = new AtomicLong();
    final LatencyRecorder latency = new LatencyRecorder();

    @SuppressWarnings("unchecked")
    KernelHost(String id, RingKernel<?, ?> kernel, RingKernelOptions options, RingRuntime runtime) {
        this.id = id;
        this.kernel = (RingKernel<Object, Object>) kernel;
        this.options = options;
        this.anyInput = options.inputType() == Object.class && options.inputCodec().isEmpty();
        this.anyOutput = options.outputType() == Object.class && options.outputCodec().isEmpty();
        BackpressureStrategy strategy = options.backpressure();
        this.input = new MessageQueue<>(options.inputQueueSize(), strategy,
                options.singleProducer() ? QueueConcurrency.SPSC : QueueConcurrency.MPSC, options.priority());
        this.output = new MessageQueue<>(options.outputQueueSize(), strategy, QueueConcurrency.MPMC,
                options.priority());
        this.context = new HostContext(this, runtime);
        Thread.Builder builder = options.virtualThread() ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        this.thread = builder.name(RingRuntime.THREAD_PREFIX + id).unstarted(this::body);
    }

    void start() {
        emitState(KernelState.CREATED, KernelState.LAUNCHED);
        thread.start();
    }

    KernelState state() {
        return state;
    }

    Thread thread() {
        return thread;
    }

    boolean terminateRequested() {
        return terminateRequested;
    }

    /** Whether the calling thread is this kernel's. */
    boolean isKernelThread() {
        return Thread.currentThread() == thread;
    }

    // ------------------------------------------------------------------ lifecycle

    void activate() {
        transition(KernelState.LAUNCHED, KernelState.ACTIVE);
    }

    void deactivate() {
        transition(KernelState.ACTIVE, KernelState.DEACTIVATED);
        // A message the kernel took just before may be in the middle of delivery: let it finish
        // (a few instructions), so that nothing is delivered once this returns.
        int spins = 0;
        while (context.delivering()) {
            spins = spins < 100 ? spins + 1 : spins;
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    void reactivate() {
        transition(KernelState.DEACTIVATED, KernelState.ACTIVE);
    }

    private void transition(KernelState from, KernelState to) {
        lock.lock();
        try {
            KernelState current = state;
            if (current != from) {
                throw new KernelStateException(id, current, List.of(from), failure);
            }
            state = to;
            emitState(from, to); // under the lock, so state events are recorded in order
            gate.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the kernel to stop and waits until its thread has ended.
     *
     * @throws KernelStateException if it was already TERMINATED or FAILED, or failed while stopping
     */
    void terminate() {
        KernelState before = requestStop();
        if (before == KernelState.TERMINATED || before == KernelState.FAILED) {
            throw new KernelStateException(id, before, RUNNABLE, failure);
        }
        if (Thread.currentThread() == thread) {
            return; // the kernel terminates itself: it stops when its run returns
        }
        awaitStopped();
        if (state == KernelState.FAILED) {
            throw new KernelStateException(id, KernelState.FAILED, RUNNABLE, failure);
        }
    }

    /**
     * Asks the kernel to stop without waiting; never throws. Returns the state it was in.
     */
    KernelState requestStop() {
        KernelState before;
        boolean requested = false;
        lock.lock();
        try {
            before = state;
            if (before == KernelState.LAUNCHED || before == KernelState.ACTIVE || before == KernelState.DEACTIVATED) {
                terminateRequested = true;
                state = KernelState.TERMINATING;
                emitState(before, KernelState.TERMINATING);
                requested = true;
                gate.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (requested) {
            input.close(); // wakes the kernel in receive and every sender
            output.close(); // wakes the kernel in send and every receiver
        }
        return before;
    }

    /** Waits, uninterruptibly, until the kernel's thread has ended. */
    void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // terminate's contract: return only when the thread has stopped
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The handler's failure, or null. */
    Throwable failure() {
        return failure;
    }

    /** The exception for an operation that needs a runnable kernel, given the current state. */
    KernelStateException notRunnable() {
        return new KernelStateException(id, state, RUNNABLE, failure);
    }

    void checkRunnable() {
        KernelState s = state;
        if (s != KernelState.LAUNCHED && s != KernelState.ACTIVE && s != KernelState.DEACTIVATED) {
            throw new KernelStateException(id, s, RUNNABLE, failure);
        }
    }

    // ------------------------------------------------------------------ the kernel's thread

    private void body() {
        boolean started = awaitActivation();
        Throwable thrown = null;
        if (started) {
            try {
                kernel.run(context);
            } catch (Throwable t) {
                thrown = t;
            }
            context.finishHandling();
        }
        finish(thrown);
    }

    private boolean awaitActivation() {
        lock.lock();
        try {
            while (state == KernelState.LAUNCHED) {
                gate.awaitUninterruptibly();
            }
            return !terminateRequested;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits while the kernel is deactivated; returns false if {@code timeoutNanos} (negative: no
     * timeout) passed first.
     */
    boolean awaitActive(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (state == KernelState.DEACTIVATED && !terminateRequested) {
                if (timeoutNanos < 0) {
                    gate.awaitUninterruptibly();
                } else {
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        left = gate.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new QueueEmptyException(e);
                    }
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(Throwable thrown) {
        boolean failed = thrown != null && !(terminateRequested && context.isTerminationSignal(thrown));
        KernelState before;
        KernelState after = failed ? KernelState.FAILED : KernelState.TERMINATED;
        lock.lock();
        try {
            before = state;
            if (failed) {
                failure = thrown;
            }
            state = after;
            emitState(before, after);
            gate.signalAll();
        } finally {
            lock.unlock();
        }
        input.close();
        output.close();
        input.clear(); // this thread is the input's consumer; nothing will handle these any more
        if (terminateRequested && !failed) {
            output.clear(); // terminate discards what nobody received
        }
        KernelStateException stopped = notRunnable();
        calls.values().forEach(call -> call.fail(stopped));
        if (failed) {
            RingKernelEvents.Failure event = new RingKernelEvents.Failure();
            if (event.shouldCommit()) {
                event.kernelId = id;
                event.exceptionClass = thrown.getClass().getName();
                event.message = String.valueOf(thrown.getMessage());
                event.commit();
            }
        }
    }

    private void emitState(KernelState from, KernelState to) {
        RingKernelEvents.StateChange event = new RingKernelEvents.StateChange();
        if (event.shouldCommit()) {
            event.kernelId = id;
            event.from = from.name();
            event.to = to.name();
            event.commit();
        }
    }

    // ------------------------------------------------------------------ messages from outside

    /** Validates and copies an input message (value semantics when a codec is set). */
    Object checkInput(Object message) {
        if (message != null && anyInput) {
            return message;
        }
        return check(message, options.inputType(), options.inputCodec().orElse(null), "input");
    }

    /** Validates and copies an output message. */
    Object checkOutput(Object message) {
        if (message != null && anyOutput) {
            return message;
        }
        return check(message, options.outputType(), options.outputCodec().orElse(null), "output");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object check(Object message, Class<?> type, MessageCodec codec, String which) {
        if (message == null) {
            throw new NullPointerException("message must not be null (kernel '" + id + "')");
        }
        if (!type.isInstance(message)) {
            throw new MessageValidationException(message.getClass().getName(), "type", "kernel '" + id
                    + "' takes " + which + " messages of type " + type.getName() + " only; send a "
                    + type.getSimpleName() + " or launch the kernel with another " + which + " type");
        }
        return codec == null ? message : codec.copy((Record) message);
    }

    /** Puts an envelope in the input queue; {@code timeoutNanos < 0}: no timeout. */
    void enqueueInput(Envelope envelope, long timeoutNanos) {
        try {
            if (timeoutNanos < 0) {
                input.put(envelope);
            } else {
                input.put(envelope, Duration.ofNanos(timeoutNanos));
            }
        } catch (IllegalStateException closed) {
            if (input.isClosed()) {
                throw new KernelStateException(id, state, RUNNABLE, failure);
            }
            throw closed;
        }
    }

    /**
     * Takes the next output; {@code timeoutNanos < 0}: no timeout.
     *
     * @throws QueueEmptyException  on timeout
     * @throws KernelStateException when the kernel has stopped and its outputs are all taken
     */
    Envelope dequeueOutput(long timeoutNanos) {
        KernelState s = state;
        if (s == KernelState.TERMINATING) {
            throw new KernelStateException(id, s, RUNNABLE, failure);
        }
        Envelope e = output.poll();
        if (e != null) {
            return e;
        }
        if (s == KernelState.TERMINATED || s == KernelState.FAILED) {
            throw new KernelStateException(id, s, RUNNABLE, failure);
        }
        if (timeoutNanos < 0) {
            try {
                e = output.take();
            } catch (IllegalStateException closedAndEmpty) {
                e = null;
            }
        } else {
            e = output.poll(Duration.ofNanos(timeoutNanos));
        }
        if (e != null) {
            return e;
        }
        if (output.isClosed()) {
            e = output.poll();
            if (e != null) {
                return e;
            }
            throw new KernelStateException(id, state, RUNNABLE, failure);
        }
        throw new QueueEmptyException();
    }

    /** Whether the next send's latency is recorded (see {@link RingKernelOptions#latencySampling()}). */
    boolean sampleLatency() {
        int oneIn = options.latencySampling();
        return oneIn == 1 || ThreadLocalRandom.current().nextInt(oneIn) == 0;
    }

    void recordLatency(Envelope e) {
        if (e.originNanos != Envelope.NO_ORIGIN) {
            latency.record(System.nanoTime() - e.originNanos);
        }
    }

    RingKernelMetrics metrics() {
        QueueMetrics in = QueueMetrics.of(input);
        QueueMetrics out = QueueMetrics.of(output);
        return new RingKernelMetrics(id, state, messagesIn.get(), messagesOut.get(),
                in.dropped() + out.dropped() + lateReplies.get(), in.rejected() + invalidSends.get(),
                failure == null ? 0 : 1, in, out, Duration.ofNanos(handlerNanos.get()), latency.snapshot());
    }

    void emitStatistics() {
        RingKernelEvents.Statistics event = new RingKernelEvents.Statistics();
        if (!event.shouldCommit()) {
            return;
        }
        RingKernelMetrics m = metrics();
        event.kernelId = id;
        event.state = m.state().name();
        event.messagesIn = m.messagesIn();
        event.messagesOut = m.messagesOut();
        event.dropped = m.dropped();
        event.rejected = m.rejected();
        event.failures = m.failures();
        event.inputDepth = m.inputQueue().depth();
        event.outputDepth = m.outputQueue().depth();
        event.inputHighWaterMark = m.inputQueue().highWaterMark();
        event.outputHighWaterMark = m.outputQueue().highWaterMark();
        event.handlerTime = m.handlerTime().toNanos();
        event.latencyP50 = m.latency().p50().toNanos();
        event.latencyP99 = m.latency().p99().toNanos();
        event.commit();
    }

    static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365L * 100);
        }
    }

    @Override
    public String toString() {
        return "ring kernel '" + id + "' (" + state + ")";
    }
}
