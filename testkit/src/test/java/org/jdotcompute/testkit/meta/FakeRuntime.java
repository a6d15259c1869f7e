package org.jdotcompute.testkit.meta;

import java.lang.invoke.MethodHandles;
import java.util.List;

import org.jdotcompute.api.BackendInfo;
import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * The engine's runtime on a fake backend ({@code Runtimes.open}); its ring kernels are the
 * engine's own, or {@link LossyRingRuntime} over them for the LOST_RING_MESSAGE flaw. Thread-safe.
 */
final class FakeRuntime implements ComputeRuntime {
    private final ComputeRuntime engine;
    private final boolean loseThirdMessage;
    private RingKernelRuntime ring;

    FakeRuntime(ComputeRuntime engine, boolean loseThirdMessage) {
        this.engine = engine;
        this.loseThirdMessage = loseThirdMessage;
    }

    @Override
    public BackendInfo backend() {
        return engine.backend();
    }

    @Override
    public List<BackendStatus> discoveredBackends() {
        return engine.discoveredBackends();
    }

    @Override
    public PluginManager plugins() {
        return engine.plugins();
    }

    @Override
    public CheckMode checks() {
        return engine.checks();
    }

    @Override
    public CompiledKernel compile(Class<?> owner, String methodName) {
        return engine.compile(owner, methodName);
    }

    @Override
    public CompiledKernel compile(MethodHandles.Lookup lookup, String methodName) {
        return engine.compile(lookup, methodName);
    }

    @Override
    public CompiledKernel compileSource(SourceKernel source) {
        return engine.compileSource(source);
    }

    @Override
    public void launch(CompiledKernel kernel, Range range, Object... args) {
        engine.launch(kernel, range, args);
    }

    @Override
    public synchronized RingKernelRuntime ringKernels() {
        if (ring == null) {
            RingKernelRuntime real = engine.ringKernels(); // throws once the engine is closed
            ring = loseThirdMessage ? new LossyRingRuntime(real) : real;
        }
        if (engine.isClosed()) {
            throw new IllegalStateException(this + " is closed");
        }
        return ring;
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        return engine.allocate(bytes);
    }

    @Override
    public MemoryStats memoryStats() {
        return engine.memoryStats();
    }

    @Override
    public boolean isClosed() {
        return engine.isClosed();
    }

    @Override
    public void close() {
        engine.close(); // closes its ring kernels too
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
