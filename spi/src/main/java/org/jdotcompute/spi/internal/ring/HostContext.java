package org.jdotcompute.spi.internal.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.ring.RingKernelContext;

/**
 * The context a kernel's {@code run} gets. Confined to the kernel's thread, except
 * {@link #delivering()}, which {@link KernelHost#deactivate()} reads.
 */
final class HostContext implements RingKernelContext<Object, Object> {
    private static final VarHandle DELIVERING;

    static {
        try {
            DELIVERING = MethodHandles.lookup().findVarHandle(HostContext.class, "delivering", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KernelHost host;
    private final RingRuntime runtime;
    private final KernelStateException terminationSignal;
    /** The input being handled, for replies and latency. */
    private Envelope current;
    /** An input taken while the kernel was being deactivated; delivered first after reactivation. */
    private Envelope held;
    private boolean handling;
    private long handlingSince;
    /**
     * Set while a taken message is being checked against the state and delivered: deactivate
     * waits for it, so no message is delivered after deactivate returns. Accessed through
     * {@link #DELIVERING}: set with a volatile write (the kernel's write then its read of the state
     * pair with deactivate's write of the state then its read of this), cleared with a release.
     */
    @SuppressWarnings("unused") // accessed through DELIVERING
    private boolean delivering;

    HostContext(KernelHost host, RingRuntime runtime) {
        this.host = host;
        this.runtime = runtime;
        this.terminationSignal = new KernelStateException(host.id, KernelState.TERMINATING,
                List.of(KernelState.ACTIVE));
    }

    @Override
    public String kernelId() {
        return host.id;
    }

    @Override
    public boolean shouldTerminate() {
        return host.terminateRequested();
    }

    @Override
    public Object receive() {
        return receive(-1);
    }

    @Override
    public Object receive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return receive(KernelHost.nanos(timeout));
    }

    /**
     * {@code timeoutNanos < 0}: no timeout. One clock read per message when messages are waiting:
     * the time this call starts ends the previous message's handling and, if the next message is
     * there at once, starts its handling (so the few tens of nanoseconds of the take itself count
     * as handling); after a wait the clock is read again.
     */
    private Object receive(long timeoutNanos) {
        long now = System.nanoTime();
        finishHandling(now);
        boolean timed = timeoutNanos >= 0;
        long deadline = now + timeoutNanos;
        boolean waited = false;
        while (true) {
            if (host.terminateRequested()) {
                return null;
            }
            if (host.state() != KernelState.ACTIVE) {
                if (!host.awaitActive(timed ? Math.max(0, deadline - System.nanoTime()) : -1)) {
                    return null;
                }
                waited = true;
                continue;
            }
            Envelope e = held;
            if (e != null) {
                held = null;
            } else {
                e = host.input.poll();
            }
            if (e == null) {
                if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    e = host.input.poll(Duration.ofNanos(left));
                } else {
                    try {
                        e = host.input.take();
                    } catch (IllegalStateException closedAndEmpty) {
                        e = null; // terminating: the loop sees it
                    }
                }
                waited = true;
                if (e == null) {
                    continue;
                }
            }
            DELIVERING.setVolatile(this, true); // pairs with deactivate: see KernelHost.deactivate
            if (host.state() != KernelState.ACTIVE || host.terminateRequested()) {
                DELIVERING.setRelease(this, false);
                held = e;
                continue;
            }
            current = e;
            host.messagesIn.setRelease(host.messagesIn.getPlain() + 1);
            handling = true;
            handlingSince = waited ? System.nanoTime() : now;
            DELIVERING.setRelease(this, false);
            return e.payload;
        }
    }

    /** Whether a taken message is being checked against the state and delivered right now. */
    boolean delivering() {
        return (boolean) DELIVERING.getVolatile(this);
    }

    /** Ends the handling of the current message at the end of {@code run}. */
    void finishHandling() {
        if (handling) {
            finishHandling(System.nanoTime());
        }
    }

    /** Ends the handling of the current message at {@code now}: adds its handler time. */
    private void finishHandling(long now) {
        if (!handling) {
            return;
        }
        handling = false;
        long elapsed = now - handlingSince;
        host.handlerNanos.setRelease(host.handlerNanos.getPlain() + elapsed);
        RingKernelEvents.Message event = new RingKernelEvents.Message();
        if (event.shouldCommit()) {
            event.kernelId = host.id;
            event.handlerTime = elapsed;
            event.commit();
        }
    }

    @Override
    public void send(Object message) {
        Object checked = host.checkOutput(message);
        Envelope cur = current;
        if (cur != null && cur.correlationId != Envelope.NO_CORRELATION && !cur.replied) {
            cur.replied = true;
            PendingCall call = host.calls.get(cur.correlationId);
            host.messagesOut.setRelease(host.messagesOut.getPlain() + 1);
            if (call == null || !call.complete(checked)) {
                host.lateReplies.incrementAndGet(); // the caller gave up: the reply is dropped
            }
            return;
        }
        Envelope envelope = new Envelope(checked, cur == null ? Envelope.NO_ORIGIN : cur.originNanos,
                Envelope.NO_CORRELATION);
        try {
            host.output.put(envelope);
        } catch (IllegalStateException closed) {
            if (host.output.isClosed() && host.terminateRequested()) {
                throw terminationSignal;
            }
            throw closed;
        }
        host.messagesOut.setRelease(host.messagesOut.getPlain() + 1);
    }

    /** Whether {@code thrown} is (or was caused by) this context's termination signal. */
    boolean isTerminationSignal(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 64; t = t.getCause(), depth++) {
            if (t == terminationSignal) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ComputeRuntime runtime() {
        return runtime.compute();
    }

    @Override
    public String toString() {
        return "RingKernelContext[" + host.id + "]";
    }
}
