package org.jdotcompute.testkit.meta;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;
import org.jdotcompute.spi.MemoryBudget;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.testkit.internal.WorkItems;
import org.jdotcompute.testkit.internal.WorkItems.Context;
import org.jdotcompute.testkit.internal.WorkItems.Failures;
import org.jdotcompute.testkit.internal.WorkItems.Group;

/**
 * A pure-Java backend for the meta-tests: runs a kernel's method handle once per work-item
 * (work-groups with barriers on virtual threads and a {@link Phaser}), with separate host and
 * "device" memory so copies matter — and with one deliberate {@link Flaw}. Thread-safe.
 */
final class ReferenceBackend implements Backend {
    static final String DISPLAY_NAME = "Fake";
    static final DeviceInfo DEVICE = new DeviceInfo("JVM reference device", "JDotCompute meta-tests",
            DeviceInfo.DeviceType.CPU, 1L << 30, 1, "", Map.of());
    private static final int MAX_WORK_GROUP = 256;

    private final Flaw flaw;
    private final long limit;
    private final Capabilities capabilities;
    private final AtomicLong launches = new AtomicLong();
    private final MemoryBudget memory;
    private final Set<Buffer> buffers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ReferenceBackend fallback;

    ReferenceBackend(BackendConfig config, Flaw flaw) {
        this.flaw = flaw;
        this.limit = config.memoryLimit() > 0 ? config.memoryLimit() : 1L << 30;
        this.memory = new MemoryBudget(limit);
        EnumSet<Feature> features = EnumSet.allOf(Feature.class);
        features.remove(Feature.SOURCE_KERNELS);
        if (flaw == Flaw.NO_FP64 || flaw == Flaw.HIDDEN_FP64) {
            features.remove(Feature.FP64);
        }
        this.capabilities = new Capabilities(features, 64 * 1024, MAX_WORK_GROUP, limit);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the fake backend is closed");
        }
    }

    @Override
    public DeviceInfo device() {
        return DEVICE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public BackendKernel compile(KernelRequest request) {
        ensureOpen();
        Set<IrFeature> used = request.ir().features();
        if (used.contains(IrFeature.FP64) && !capabilities.has(Feature.FP64) && flaw != Flaw.HIDDEN_FP64) {
            throw new KernelCompilationException(request.kernelName(), "the fake device has no doubles (capability FP64"
                    + " absent)", DISPLAY_NAME, "", null);
        }
        boolean grouped = used.contains(IrFeature.BARRIER) || used.contains(IrFeature.LOCAL_MEMORY);
        MethodHandle handle = request.handle().asSpreader(Object[].class, request.parameterTypes().size());
        return new Kernel(request.kernelName(), handle, request.parameterTypes(), grouped);
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        throw new KernelCompilationException(source.entryPoint(), "the fake backend takes no source (capability"
                + " SOURCE_KERNELS absent)", DISPLAY_NAME, "", null);
    }

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        ensureOpen();
        if (flaw == Flaw.SILENT_FALLBACK) {
            ReferenceBackend other = fallback;
            if (other == null) {
                other = new ReferenceBackend(new BackendConfig(org.jdotcompute.api.CheckMode.INDEX, 0), Flaw.NONE);
                fallback = other;
            }
            other.launch(kernel, range, arguments); // runs "elsewhere": the fallback counts it, not this backend
            return;
        }
        Kernel k = (Kernel) kernel;
        if (range.hasLocal()) {
            long size = (long) range.local(0) * range.local(1) * range.local(2);
            if (size > MAX_WORK_GROUP) {
                throw new IllegalArgumentException("work-group size " + size + " of " + range + " exceeds the fake's"
                        + " maximum " + MAX_WORK_GROUP);
            }
        } else if (k.grouped) {
            throw new IllegalArgumentException("kernel '" + k.name + "' needs a local size, but " + range + " has none");
        }
        Object[] args = arguments.toArray();
        Map<Buffer, Object> staged = new IdentityHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Buffer b) {
                args[i] = b.toArray(k.types.get(i));
                staged.put(b, args[i]);
            }
        }
        Failures failures = new Failures();
        int[] global = {range.global(0), range.global(1), range.global(2)};
        // The flaw: the loop bound misses the last work-item of dimension 0.
        int end0 = flaw == Flaw.OFF_BY_ONE_RANGE && global[0] > 1 ? global[0] - 1 : global[0];
        launches.incrementAndGet();
        if (!range.hasLocal()) {
            Group none = Group.withoutBarrier();
            for (int z = 0; z < global[2]; z++) {
                for (int y = 0; y < global[1]; y++) {
                    for (int x = 0; x < end0; x++) {
                        int[] gid = {x, y, z};
                        WorkItems.invoke(k.handle, new Context(gid, new int[3], gid, global, new int[] {1, 1, 1}, global,
                                none), args, failures);
                    }
                }
            }
        } else {
            int[] local = {range.local(0), range.local(1), range.local(2)};
            int[] groups = {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
            for (int gz = 0; gz < groups[2]; gz++) {
                for (int gy = 0; gy < groups[1]; gy++) {
                    for (int gx = 0; gx < groups[0]; gx++) {
                        runGroup(k, args, failures, global, end0, local, groups, new int[] {gx, gy, gz});
                    }
                }
            }
        }
        staged.forEach(Buffer::fromArray);
        Optional<DeviceKernelException> failure = failures.exception(DISPLAY_NAME, k.name);
        if (failure.isPresent() && flaw != Flaw.SWALLOWED_DEVICE_ERROR) {
            throw failure.get();
        }
    }

    private void runGroup(Kernel k, Object[] args, Failures failures, int[] global, int end0, int[] local,
            int[] groups, int[] group) {
        List<int[]> ids = new ArrayList<>();
        for (int z = 0; z < local[2]; z++) {
            for (int y = 0; y < local[1]; y++) {
                for (int x = 0; x < local[0]; x++) {
                    if (group[0] * local[0] + x < end0) {
                        ids.add(new int[] {x, y, z});
                    }
                }
            }
        }
        boolean sequential = flaw == Flaw.DROPPED_BARRIER || !k.grouped;
        Group g = sequential ? Group.sequential() : Group.withBarrier(new Phaser(ids.size()));
        List<Context> items = new ArrayList<>();
        for (int[] lid : ids) {
            int[] gid = {group[0] * local[0] + lid[0], group[1] * local[1] + lid[1], group[2] * local[2] + lid[2]};
            items.add(new Context(gid, lid, group, global, local, groups, g));
        }
        if (sequential) {
            items.forEach(ctx -> WorkItems.invoke(k.handle, ctx, args, failures));
            return;
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Context ctx : items) {
                executor.submit(() -> {
                    try {
                        WorkItems.invoke(k.handle, ctx, args, failures);
                    } finally {
                        g.arriveAndDeregister();
                    }
                });
            }
        }
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (closed.get()) {
            throw new AllocationException(bytes, "the fake backend is closed");
        }
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative");
        }
        memory.reserve(bytes, used -> new ComputeException("the fake's memory limit of " + limit + " bytes has " + used
                + " bytes in use"));
        memory.allocated();
        Buffer b = new Buffer(bytes);
        buffers.add(b);
        return b;
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.stats();
    }

    @Override
    public long launchCount() {
        return launches.get();
    }

    @Override
    public void synchronize() {
        ensureOpen();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List.copyOf(buffers).forEach(Buffer::close);
            ReferenceBackend other = fallback;
            if (other != null) {
                other.close();
            }
        }
    }

    /** A compiled kernel: its spread handle. */
    private record Kernel(String name, MethodHandle handle, List<Class<?>> types, boolean grouped)
            implements BackendKernel {
        @Override
        public void close() {
        }
    }

    /** Host and device memory, separate: kernels see the device copy. */
    private final class Buffer implements DeviceBuffer {
        private final long bytes;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment host;
        private final MemorySegment device;
        private final AtomicBoolean released = new AtomicBoolean();

        Buffer(long bytes) {
            this.bytes = bytes;
            this.host = arena.allocate(Math.max(1, bytes)).asSlice(0, bytes);
            this.device = arena.allocate(Math.max(1, bytes)).asSlice(0, bytes);
        }

        private void check() {
            if (released.get()) {
                throw new IllegalStateException(this + " is closed");
            }
        }

        Object toArray(Class<?> arrayType) {
            check();
            return LaunchArguments.toArray(device, arrayType.getComponentType());
        }

        void fromArray(Object array) {
            LaunchArguments.copy(array, device);
        }

        @Override
        public long byteSize() {
            return bytes;
        }

        @Override
        public MemorySegment hostSegment() {
            check();
            return host;
        }

        @Override
        public void copyToDevice() {
            check();
            device.copyFrom(host);
        }

        @Override
        public void copyToHost() {
            check();
            host.copyFrom(device);
        }

        @Override
        public boolean isClosed() {
            return released.get();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                buffers.remove(this);
                memory.release(bytes);
                arena.close();
            }
        }

        @Override
        public String toString() {
            return "fake buffer (" + bytes + " bytes)";
        }
    }
}
