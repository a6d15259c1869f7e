package org.jdotcompute.spi.internal.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.ExceptionGroups;
import org.jdotcompute.api.internal.FanOut;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.internal.ring.RingRuntime;
import org.jdotcompute.spi.ir.KernelIR;

/** The {@link ComputeRuntime}: one backend, its kernels and buffers. Thread-safe. */
final class EngineRuntime implements ComputeRuntime {
    private final DiscoveredProvider chosen;
    private final Backend backend;
    private final RuntimeSettings settings;
    private final List<BackendStatus> discovered;
    private final BackendInfo info;
    private final Set<EngineKernel> kernels = ConcurrentHashMap.newKeySet();
    private final Set<TrackedBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final PluginManager plugins;
    private final boolean ownsPlugins;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<RingRuntime> ring = new AtomicReference<>();

    /**
     * @param plugins     the plugins this runtime sees
     * @param ownsPlugins whether closing this runtime closes {@code plugins}
     */
    EngineRuntime(DiscoveredProvider chosen, Backend backend, RuntimeSettings settings, List<BackendStatus> discovered,
            PluginManager plugins, boolean ownsPlugins) {
        this.chosen = chosen;
        this.backend = backend;
        this.settings = settings;
        this.discovered = List.copyOf(discovered);
        this.info = new EngineBackendInfo(chosen.id(), chosen.displayName(), chosen.version(), backend);
        this.plugins = plugins;
        this.ownsPlugins = ownsPlugins;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed; create a new runtime");
        }
    }

    @Override
    public BackendInfo backend() {
        return info;
    }

    @Override
    public List<BackendStatus> discoveredBackends() {
        return discovered;
    }

    @Override
    public PluginManager plugins() {
        return plugins;
    }

    @Override
    public CheckMode checks() {
        return settings.checks();
    }

    @Override
    public CompiledKernel compile(Class<?> owner, String methodName) {
        return compile(owner, methodName, null);
    }

    @Override
    public CompiledKernel compile(MethodHandles.Lookup lookup, String methodName) {
        Objects.requireNonNull(lookup, "lookup");
        return compile(lookup.lookupClass(), methodName, lookup);
    }

    private CompiledKernel compile(Class<?> owner, String methodName, MethodHandles.Lookup lookup) {
        ensureOpen();
        Method method = KernelMethods.find(owner, methodName);
        String name = KernelMethods.kernelName(owner, methodName);
        MethodHandle handle = KernelMethods.handle(method, lookup, name);
        CheckMode checks = settings.checks();
        Supplier<KernelIR> ir = () -> KernelTranslator.translate(method, checks);
        List<Class<?>> types = KernelMethods.parameterTypes(method);
        BackendKernel compiled = backend.compile(new KernelRequest(name, method, handle, types, checks, ir));
        return register(new EngineKernel(this, name, Optional.of(method), types, chosen.id(), checks, compiled));
    }

    @Override
    public CompiledKernel compileSource(SourceKernel source) {
        Objects.requireNonNull(source, "source");
        ensureOpen();
        BackendKernel compiled = backend.compileSource(source);
        return register(new EngineKernel(this, source.entryPoint(), Optional.empty(), source.parameterTypes(),
                chosen.id(), settings.checks(), compiled));
    }

    private EngineKernel register(EngineKernel kernel) {
        kernels.add(kernel);
        if (closed.get()) { // closed while compiling: do not leak the program
            kernels.remove(kernel);
            kernel.backendKernel.close();
            ensureOpen();
        }
        return kernel;
    }

    @Override
    public void launch(CompiledKernel kernel, Range range, Object... args) {
        ensureOpen();
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(range, "range");
        if (!(kernel instanceof EngineKernel k) || k.owner() != this) {
            throw new IllegalArgumentException("kernel " + kernel + " was compiled by another runtime; compile it with this one");
        }
        List<Object> checked = Arguments.check(k, args, this);
        KernelLaunchEvent event = new KernelLaunchEvent();
        event.begin();
        long start = System.nanoTime();
        boolean ran = false; // a launch the backend rejected (bad range, closed) is not counted
        boolean failed = true;
        try {
            backend.launch(k.backendKernel, range, checked);
            ran = true;
            failed = false;
        } catch (DeviceKernelException kernelFailure) {
            ran = true;
            throw kernelFailure;
        } finally {
            if (ran) {
                k.recordLaunch(System.nanoTime() - start);
            }
            event.end();
            if (ran && event.shouldCommit()) {
                event.backend = chosen.id();
                event.kernel = k.name();
                event.workItems = range.size();
                event.failed = failed;
                event.commit();
            }
        }
    }

    @Override
    public RingKernelRuntime ringKernels() {
        ensureOpen();
        RingRuntime current = ring.get();
        if (current == null) {
            RingRuntime created = RingRuntime.sharing(this);
            current = ring.compareAndExchange(null, created);
            if (current == null) {
                current = created;
            } else {
                created.close(); // another thread won; this one holds nothing yet
            }
        }
        if (closed.get()) { // closed meanwhile: close() may not have seen it
            current.close();
            ensureOpen();
        }
        return current;
    }

    /** A ring runtime whose close also closes this runtime (for {@code RingKernelRuntime.create()}). */
    RingKernelRuntime ownedRingKernels() {
        RingRuntime owned = RingRuntime.owning(this);
        if (!ring.compareAndSet(null, owned)) { // owned holds nothing yet: dropping it leaks nothing
            throw new IllegalStateException(this + " already has a ring-kernel runtime; use ringKernels()");
        }
        return owned;
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (closed.get()) {
            throw new AllocationException(bytes, this + " is closed; create a new runtime");
        }
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        TrackedBuffer buffer = new TrackedBuffer(this, backend.allocate(bytes));
        buffers.add(buffer);
        return buffer;
    }

    TrackedBuffer own(DeviceBuffer buffer, int index, String kernelName) {
        if (!(buffer instanceof TrackedBuffer t) || t.owner() != this) {
            throw new IllegalArgumentException("argument " + index + " of kernel '" + kernelName
                    + "' is a DeviceBuffer of another runtime; allocate it with this runtime");
        }
        return t;
    }

    void forget(TrackedBuffer buffer) {
        buffers.remove(buffer);
    }

    @Override
    public MemoryStats memoryStats() {
        return backend.memoryStats();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        RingRuntime ringRuntime = ring.get();
        if (ringRuntime != null) { // ring kernels first: they may still launch kernels
            try {
                ringRuntime.close();
            } catch (RuntimeException | Error e) {
                failures.add(e);
            }
        }
        List<AutoCloseable> resources = new ArrayList<>();
        kernels.forEach(k -> resources.add(k.backendKernel));
        resources.addAll(buffers);
        kernels.clear();
        buffers.clear();
        try {
            FanOut.closeAll("closing the kernels and buffers of " + this, resources);
        } catch (RuntimeException | Error e) {
            failures.add(e);
        }
        try {
            backend.close(); // after kernels and buffers: they belong to it
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (ownsPlugins) {
            try {
                plugins.close(); // last: the backend may come from a plugin
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        ExceptionGroups.throwIfAny("closing " + this, failures);
    }

    @Override
    public String toString() {
        return "ComputeRuntime[" + chosen.id() + "]";
    }
}
