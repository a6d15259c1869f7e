package org.jdotcompute.spi.internal.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jdk.jfr.FlightRecorder;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.ExceptionGroup;
import org.jdotcompute.api.exceptions.ExceptionGroups;
import org.jdotcompute.api.internal.FanOut;
import org.jdotcompute.api.exceptions.KernelAlreadyExistsException;
import org.jdotcompute.api.exceptions.KernelNotFoundException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.MessageException;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelMetrics;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * The host-side ring-kernel runtime: named {@link KernelHost}s, each on its own thread, sharing
 * one compute runtime for the data-parallel kernels they launch. Thread-safe.
 */
public final class RingRuntime implements RingKernelRuntime {
    /** Every kernel thread's name starts with this, followed by the kernel id. */
    public static final String THREAD_PREFIX = "ring-kernel-";

    private final String name;
    private final Supplier<ComputeRuntime> compute;
    private final AutoCloseable afterClose;
    private final ConcurrentHashMap<String, KernelHost> kernels = new ConcurrentHashMap<>();
    private final AtomicLong correlationIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable statistics = this::emitStatistics;
    /** Whether {@link #statistics} is registered with JFR (from the first launch until close). */
    private final AtomicBoolean statisticsRegistered = new AtomicBoolean();

    /**
     * @param name       how the runtime names itself in messages
     * @param compute    the compute runtime kernels get from their context
     * @param afterClose closed after every kernel has stopped (the owned compute runtime, or nothing)
     */
    RingRuntime(String name, Supplier<ComputeRuntime> compute, AutoCloseable afterClose) {
        this.name = Objects.requireNonNull(name, "name");
        this.compute = Objects.requireNonNull(compute, "compute");
        this.afterClose = Objects.requireNonNull(afterClose, "afterClose");
    }

    /** The ring runtime of {@code compute} ({@link ComputeRuntime#ringKernels()}); closing it leaves {@code compute} open. */
    public static RingRuntime sharing(ComputeRuntime compute) {
        Objects.requireNonNull(compute, "compute");
        return new RingRuntime("RingKernelRuntime[" + compute.backend().id() + "]", () -> compute, () -> { });
    }

    /** A ring runtime that owns {@code compute}: closing it closes {@code compute} too. */
    public static RingRuntime owning(ComputeRuntime compute) {
        Objects.requireNonNull(compute, "compute");
        return new RingRuntime("RingKernelRuntime[" + compute.backend().id() + "]", () -> compute, compute::close);
    }

    ComputeRuntime compute() {
        return compute.get();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(name + " is closed; create a new runtime");
        }
    }

    KernelHost host(String kernelId) {
        Objects.requireNonNull(kernelId, "kernelId");
        ensureOpen();
        KernelHost host = kernels.get(kernelId);
        if (host == null) {
            throw new KernelNotFoundException(kernelId);
        }
        return host;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public <I, O> void launch(String kernelId, RingKernel<I, O> kernel) {
        launch(kernelId, kernel, RingKernelOptions.defaults());
    }

    @Override
    public <I, O> void launch(String kernelId, RingKernel<I, O> kernel, RingKernelOptions options) {
        Objects.requireNonNull(kernelId, "kernelId");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(options, "options");
        if (kernelId.isBlank()) {
            throw new IllegalArgumentException("kernel id '" + kernelId + "' is blank; give the kernel a name");
        }
        ensureOpen();
        if (statisticsRegistered.compareAndSet(false, true)) {
            FlightRecorder.addPeriodicEvent(RingKernelEvents.Statistics.class, statistics);
        }
        KernelHost host = new KernelHost(kernelId, kernel, options, this);
        if (kernels.putIfAbsent(kernelId, host) != null) {
            throw new KernelAlreadyExistsException(kernelId);
        }
        host.start();
        if (closed.get()) { // close() ran while this launched: it may not have seen this kernel
            host.requestStop();
            host.awaitStopped();
            FlightRecorder.removePeriodicEvent(statistics); // nor this registration
            ensureOpen();
        }
    }

    @Override
    public void activate(String kernelId) {
        host(kernelId).activate();
    }

    @Override
    public void deactivate(String kernelId) {
        host(kernelId).deactivate();
    }

    @Override
    public void reactivate(String kernelId) {
        host(kernelId).reactivate();
    }

    @Override
    public void terminate(String kernelId) {
        host(kernelId).terminate();
    }

    @Override
    public KernelState state(String kernelId) {
        return host(kernelId).state();
    }

    @Override
    public RingKernelMetrics metrics(String kernelId) {
        return host(kernelId).metrics();
    }

    @Override
    public Set<String> kernelIds() {
        ensureOpen();
        return Set.copyOf(kernels.keySet());
    }

    // ------------------------------------------------------------------ messages

    @Override
    public void send(String kernelId, Object message) {
        send(host(kernelId), message, -1, Envelope.NO_CORRELATION);
    }

    @Override
    public void send(String kernelId, Object message, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        send(host(kernelId), message, KernelHost.nanos(timeout), Envelope.NO_CORRELATION);
    }

    private static void send(KernelHost host, Object message, long timeoutNanos, long correlationId) {
        host.checkRunnable();
        Object checked;
        try {
            checked = host.checkInput(message);
        } catch (MessageException | NullPointerException e) {
            host.invalidSends.incrementAndGet();
            throw e;
        }
        long origin = correlationId == Envelope.NO_CORRELATION && !host.sampleLatency() ? Envelope.NO_ORIGIN
                : System.nanoTime();
        host.enqueueInput(new Envelope(checked, origin, correlationId), timeoutNanos);
    }

    @Override
    public <O> O receive(String kernelId) {
        return receive(host(kernelId), -1);
    }

    @Override
    public <O> O receive(String kernelId, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return receive(host(kernelId), KernelHost.nanos(timeout));
    }

    @SuppressWarnings("unchecked")
    private static <O> O receive(KernelHost host, long timeoutNanos) {
        Envelope e = host.dequeueOutput(timeoutNanos);
        host.recordLatency(e);
        return (O) e.payload;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R call(String kernelId, Object request, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        KernelHost host = host(kernelId);
        long start = System.nanoTime();
        long timeoutNanos = KernelHost.nanos(timeout);
        long correlationId = correlationIds.incrementAndGet();
        PendingCall call = new PendingCall();
        host.calls.put(correlationId, call);
        try {
            send(host, request, timeoutNanos, correlationId);
            Object reply = call.await(timeoutNanos - (System.nanoTime() - start));
            host.latency.record(System.nanoTime() - start);
            return (R) reply;
        } finally {
            host.calls.remove(correlationId);
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void close() {
        for (KernelHost host : kernels.values()) {
            if (host.isKernelThread()) {
                throw new IllegalStateException(name + " cannot be closed from ring kernel '" + host.id
                        + "''s own thread: close() waits for every kernel thread to end; close it from outside"
                        + " its kernels (a kernel may terminate itself with terminate(its id))");
            }
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            List<KernelHost> hosts = kernels.values().stream().sorted(Comparator.comparing(h -> h.id)).toList();
            for (KernelHost host : hosts) {
                host.requestStop(); // all at once: they stop concurrently
            }
            List<Throwable> failures = new ArrayList<>();
            List<FanOut.Task> tasks = hosts.stream().<FanOut.Task>map(host -> () -> {
                host.awaitStopped();
                switch (host.failure()) {
                    case null -> { }
                    case Exception e -> throw e;
                    case Error e -> throw e;
                    case Throwable t -> throw new IllegalStateException("ring kernel '" + host.id + "' failed", t);
                }
            }).toList();
            try {
                FanOut.runAll(name + ": closing " + hosts.size() + " kernel(s)", tasks);
            } catch (RuntimeException | Error thrown) {
                if (thrown instanceof ExceptionGroup group) {
                    failures.addAll(group.exceptions()); // the kernels' failures, one level
                } else {
                    failures.add(thrown); // a VirtualMachineError, bare
                }
            } finally {
                try {
                    afterClose.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                String failed = hosts.stream().filter(h -> h.failure() != null).map(h -> "'" + h.id + "'")
                        .collect(Collectors.joining(", "));
                ExceptionGroups.throwIfAny("closing " + name + (failed.isEmpty() ? "" : ": kernel(s) " + failed
                        + " failed"), failures);
            }
        } finally {
            if (statisticsRegistered.get()) {
                FlightRecorder.removePeriodicEvent(statistics); // false, harmlessly, if a launch beat us to it
            }
        }
    }

    private void emitStatistics() {
        for (KernelHost host : kernels.values()) {
            host.emitStatistics();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
