package org.jdotcompute.backend.cpu;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelArgument;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;

/**
 * The CPU backend: runs Java kernels as Java (see the package documentation for the execution
 * model). Owns one fork/join pool of {@code availableProcessors - 1} workers (the launching
 * thread is the last worker), shut down by {@link #close()}, and one {@link MemoryPool}.
 *
 * <p>Thread-safe: kernels may be compiled and launched from several threads at once.
 */
final class CpuBackend implements Backend {
    private static final Logger LOG = System.getLogger(CpuBackend.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Group-local memory per work-group, enforced. */
    static final long LOCAL_MEMORY_BYTES = 1L << 20;
    /** The largest work-group, enforced: one virtual thread per work-item of a group. */
    static final int MAX_WORK_GROUP_SIZE = 1024;
    /** The largest local size the backend chooses in dimension 0 when a range has none. */
    static final int DEFAULT_LOCAL_SIZE = 64;

    private final DeviceInfo device;
    private final int parallelism;
    private final ForkJoinPool pool;
    private final MemoryPool memory;
    private final Capabilities capabilities;
    private final Map<Method, CpuKernel> compiled = new ConcurrentHashMap<>();
    private final Set<CpuBuffer> liveBuffers = ConcurrentHashMap.newKeySet();
    private final AtomicLong bufferIds = new AtomicLong();
    private final AtomicLong launches = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    CpuBackend(BackendConfig config, DeviceInfo device) {
        this.device = device;
        this.parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        String prefix = "jdotcompute-cpu-" + INSTANCES.incrementAndGet() + "-worker-";
        AtomicInteger workers = new AtomicInteger();
        this.pool = new ForkJoinPool(Math.max(1, parallelism - 1), p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(prefix + workers.incrementAndGet());
            return t;
        }, null, false);
        long limit = config.memoryLimit() > 0 ? config.memoryLimit() : CpuDevice.physicalMemoryBytes();
        this.memory = new MemoryPool(limit);
        this.capabilities = new Capabilities(EnumSet.of(Feature.FP64, Feature.INT32_ATOMICS, Feature.INT64_ATOMICS,
                Feature.FLOAT_ATOMICS, Feature.LOCAL_MEMORY, Feature.BARRIERS, Feature.DEVICE_EXCEPTIONS,
                Feature.RING_KERNELS), LOCAL_MEMORY_BYTES, MAX_WORK_GROUP_SIZE, limit);
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the CPU backend is closed; create a new runtime");
        }
    }

    @Override
    public BackendKernel compile(KernelRequest request) {
        ensureOpen();
        CpuKernel cached = compiled.get(request.method());
        if (cached != null) {
            return cached;
        }
        String groupCall = switch (KernelScanner.scan(request.method())) {
            case KernelScanner.Result.UsesGroups u -> {
                LOG.log(Level.DEBUG, () -> "kernel '" + request.kernelName() + "' calls " + u.call() + " in "
                        + u.where() + ": it runs in work-groups on virtual threads");
                yield u.call();
            }
            case KernelScanner.Result.NoGroups n -> "";
            case KernelScanner.Result.Unknown u -> {
                LOG.log(Level.WARNING, () -> "cannot scan kernel '" + request.kernelName() + "' for barriers ("
                        + u.why() + "); it runs without work-groups, and a barrier() or localX() call in it fails");
                yield "";
            }
        };
        KernelLoop loop;
        try {
            loop = LoopGenerator.generate(request.kernelName(), request.handle(), request.parameterTypes());
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
            throw new KernelCompilationException(request.kernelName(), "the CPU backend could not generate the loop"
                    + " of kernel '" + request.kernelName() + "': " + e, CpuBackendProvider.DISPLAY_NAME, "", e);
        }
        CpuKernel kernel = new CpuKernel(request.kernelName(), request.method(), loop, request.parameterTypes(),
                groupCall);
        CpuKernel raced = compiled.putIfAbsent(request.method(), kernel);
        return raced == null ? kernel : raced;
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        throw new KernelCompilationException(source.entryPoint(), "the CPU backend has no native source dialect"
                + " (capability SOURCE_KERNELS absent): it runs kernels written in Java. Write the kernel as a static"
                + " Java method and compile it with ComputeRuntime.compile(Class, String), or select a backend that"
                + " takes source (opencl, cuda, metal)", CpuBackendProvider.DISPLAY_NAME, "", null);
    }

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        ensureOpen();
        if (!(kernel instanceof CpuKernel k)) {
            throw new IllegalArgumentException("kernel " + kernel + " was not compiled by the CPU backend");
        }
        int[] global = {range.global(0), range.global(1), range.global(2)};
        int[] local = localSize(k, range);
        Object[] args = arguments.toArray();
        Map<CpuBuffer, Map<Class<?>, Object>> staged = stageBuffers(k, args);
        try {
            Failures failures = k.usesGroups()
                    ? GroupLaunch.run(parallelism, LOCAL_MEMORY_BYTES, k, args, global, local)
                    : DataParallelLaunch.run(pool, parallelism, k, args, global, local);
            launches.incrementAndGet();
            failures.throwIfAny(CpuBackendProvider.DISPLAY_NAME, k.name());
        } finally {
            unstageBuffers(staged);
        }
    }

    private static int[] localSize(CpuKernel k, Range range) {
        if (range.hasLocal()) {
            int[] local = {range.local(0), range.local(1), range.local(2)};
            long size = (long) local[0] * local[1] * local[2];
            if (size > MAX_WORK_GROUP_SIZE) {
                throw new IllegalArgumentException("the work-group of " + range + " has " + size + " work-items, more"
                        + " than the CPU backend's maximum work-group size " + MAX_WORK_GROUP_SIZE
                        + " (Capabilities.maxWorkGroupSize()); launch kernel '" + k.name() + "' with a smaller local size");
            }
            return local;
        }
        if (k.usesGroups()) {
            throw new IllegalArgumentException("kernel '" + k.name() + "' calls " + k.groupCall() + ", so its range needs"
                    + " a local (work-group) size, but " + range + " has none; give one, e.g. Range.of("
                    + range.global(0) + ", 64) or range.withLocal(...)");
        }
        int l0 = 1;
        for (int d = Math.min(DEFAULT_LOCAL_SIZE, range.global(0)); d >= 1; d--) {
            if (range.global(0) % d == 0) {
                l0 = d;
                break;
            }
        }
        return new int[] {l0, 1, 1};
    }

    /** Replaces each buffer argument with a Java array of its parameter's type holding a copy of its bytes. */
    private static Map<CpuBuffer, Map<Class<?>, Object>> stageBuffers(CpuKernel k, Object[] args) {
        Map<CpuBuffer, Map<Class<?>, Object>> staged = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof CpuBuffer buffer) {
                if (staged == null) {
                    staged = new IdentityHashMap<>();
                }
                KernelArgument.Buffer argument = new KernelArgument.Buffer(k.name(), i, k.parameterTypes().get(i), buffer);
                args[i] = staged.computeIfAbsent(buffer, b -> new IdentityHashMap<>())
                        .computeIfAbsent(argument.type(), t -> argument.toArray(buffer.segment()));
            } else if (args[i] instanceof DeviceBuffer other) {
                throw new IllegalArgumentException("argument " + i + " of kernel '" + k.name() + "' is " + other
                        + ", which the CPU backend did not allocate");
            }
        }
        return staged == null ? Map.of() : staged;
    }

    private static void unstageBuffers(Map<CpuBuffer, Map<Class<?>, Object>> staged) {
        staged.forEach((buffer, arrays) -> arrays.values().forEach(array -> LaunchArguments.copy(array,
                buffer.segment())));
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (closed.get()) {
            throw new AllocationException(bytes, "the CPU backend is closed; create a new runtime");
        }
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        MemoryPool.Block block = memory.acquire(bytes);
        CpuBuffer buffer = new CpuBuffer(this, bufferIds.incrementAndGet(), bytes, block);
        liveBuffers.add(buffer);
        return buffer;
    }

    /** Called by a buffer's first {@code close()}. */
    void released(CpuBuffer buffer, MemoryPool.Block block) {
        liveBuffers.remove(buffer);
        memory.release(block, buffer.byteSize());
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.stats();
    }

    @Override
    public long launchCount() {
        return launches.get();
    }

    /** Does nothing: every launch has finished when {@code launch} returns. */
    @Override
    public void synchronize() {
        ensureOpen();
    }

    /** Closes the live buffers, frees the pool's memory and shuts the fork/join pool down, waiting for its threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (CpuBuffer b : List.copyOf(liveBuffers)) {
            b.close();
        }
        memory.close();
        compiled.clear();
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
                LOG.log(Level.WARNING, "a CPU backend worker is still running a kernel one minute after close();"
                        + " waiting for it");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "CPU backend on " + device;
    }
}
