package org.jdotcompute.testkit.meta;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelMetrics;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * The LOST_RING_MESSAGE flaw: the engine's real ring runtime, except that the third message
 * sent to each kernel silently disappears — the defect the ring rules must catch. Thread-safe.
 */
final class LossyRingRuntime implements RingKernelRuntime {
    private final RingKernelRuntime real;
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    LossyRingRuntime(RingKernelRuntime real) {
        this.real = real;
    }

    private boolean lose(String kernelId) {
        return sent.computeIfAbsent(kernelId, id -> new AtomicInteger()).incrementAndGet() == 3;
    }

    @Override
    public void send(String kernelId, Object message) {
        if (!lose(kernelId)) {
            real.send(kernelId, message);
        }
    }

    @Override
    public void send(String kernelId, Object message, Duration timeout) {
        if (!lose(kernelId)) {
            real.send(kernelId, message, timeout);
        }
    }

    @Override
    public <I, O> void launch(String kernelId, RingKernel<I, O> kernel) {
        real.launch(kernelId, kernel);
    }

    @Override
    public <I, O> void launch(String kernelId, RingKernel<I, O> kernel, RingKernelOptions options) {
        real.launch(kernelId, kernel, options);
    }

    @Override
    public void activate(String kernelId) {
        real.activate(kernelId);
    }

    @Override
    public void deactivate(String kernelId) {
        real.deactivate(kernelId);
    }

    @Override
    public void reactivate(String kernelId) {
        real.reactivate(kernelId);
    }

    @Override
    public void terminate(String kernelId) {
        real.terminate(kernelId);
    }

    @Override
    public <O> O receive(String kernelId) {
        return real.receive(kernelId);
    }

    @Override
    public <O> O receive(String kernelId, Duration timeout) {
        return real.receive(kernelId, timeout);
    }

    @Override
    public <R> R call(String kernelId, Object request, Duration timeout) {
        return real.call(kernelId, request, timeout);
    }

    @Override
    public KernelState state(String kernelId) {
        return real.state(kernelId);
    }

    @Override
    public RingKernelMetrics metrics(String kernelId) {
        return real.metrics(kernelId);
    }

    @Override
    public Set<String> kernelIds() {
        return real.kernelIds();
    }

    @Override
    public void close() {
        real.close();
    }

    @Override
    public String toString() {
        return real + " (losing every third message)";
    }
}
