package org.jdotcompute.backend.metal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelArgument;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;
import org.jdotcompute.spi.MemoryBudget;
import org.jdotcompute.spi.codegen.CSource;
import org.jdotcompute.spi.codegen.KernelParameter;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;

/**
 * The Metal backend on one device: one command queue, buffers in shared storage, one command
 * buffer per launch. All native work goes through a {@link MetalApi}.
 *
 * <p><b>Launches.</b> Java arrays are copied into fresh shared buffers before the kernel and back
 * after it (an array passed for two parameters is copied once, so both see the same memory, as
 * in Java); {@link DeviceBuffer}s are bound as they are — no copies at all, the host view is the
 * buffer. Scalars and hidden array lengths go into the kernel's scalar block
 * ({@link MslLayout}); the device error record is a pooled shared buffer cleared before each
 * launch and read in place after it. Every launch commits its command buffer and waits for it
 * (Metal's {@code waitUntilCompleted}), then checks its status: a failed command buffer becomes
 * {@link BackendExecutionException} with the {@code MTLCommandBufferError} code, a lost device
 * {@link DeviceContextLostException} (and every later call fails with it). <b>When a work-item
 * fails, the arrays are still copied back</b> — holding whatever the other work-items wrote — and
 * then {@link DeviceKernelException} is thrown.
 *
 * <p><b>Work-group size.</b> An explicit local size is used as given (Metal's
 * {@code dispatchThreadgroups}). Without one, a kernel that asks for nothing but global ids and
 * sizes runs as {@code dispatchThreads} over exactly the global size (the last threadgroup may be
 * partial) where the GPU allows that; otherwise the threadgroup is the largest divisor of the
 * global size in dimension 0 up to 256 threads, so that every group is full.
 *
 * <p><b>Compilation.</b> Libraries and pipelines are cached per source text and entry point for
 * the backend's lifetime. Sources compile with fast math off; see {@link MslTranslator} for what
 * Metal cannot keep of Java's semantics.
 *
 * <p>Thread-safe: compiles, launches and allocations may come from any thread; {@link #close()}
 * waits for operations in progress and releases every buffer, pipeline, library, the queue and
 * the device. Any use afterwards throws {@link IllegalStateException}.
 */
final class MetalBackend implements Backend {
    /** The backend's display name in messages and exceptions. */
    static final String DISPLAY_NAME = "Metal";
    /** The most threads in one threadgroup on every Metal GPU. */
    static final int MAX_THREADS_PER_THREADGROUP = 1024;

    private static final Logger LOG = System.getLogger(MetalBackend.class.getName());
    private static final int DEFAULT_GROUP = 256;

    private final MetalApi api;
    private final MetalApi.DeviceFacts facts;
    private final DeviceInfo info;
    private final long limit;
    private final Capabilities capabilities;

    private final Map<String, Long> libraries = new ConcurrentHashMap<>();
    private final Map<String, MetalApi.PipelineInfo> pipelines = new ConcurrentHashMap<>();
    private final Object buildLock = new Object();
    private final Set<MetalBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<RecordBuffer> records = new ConcurrentLinkedDeque<>();
    private final AtomicLong launches = new AtomicLong();
    private final MemoryBudget memory;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle
    private volatile DeviceContextLostException lost;

    /** A pooled error record: a shared buffer of {@link ErrorRecord#BYTES} bytes. */
    private record RecordBuffer(long handle, Arena arena, MemorySegment contents) {
    }

    /** A Java array copied into a shared buffer for one launch. */
    private record Staged(Object array, long handle, MemorySegment contents, int length) {
    }

    /** Opens the backend on {@code api}'s device; the backend owns {@code api} from now on. */
    MetalBackend(MetalApi api, BackendConfig config) {
        this.api = api;
        this.facts = api.device();
        long workingSet = facts.recommendedWorkingSetBytes() > 0 ? facts.recommendedWorkingSetBytes() : facts.maxBufferBytes();
        this.limit = config.memoryLimit() > 0 ? Math.min(config.memoryLimit(), workingSet) : workingSet;
        this.memory = new MemoryBudget(limit);
        this.info = deviceInfo(facts);
        this.capabilities = new Capabilities(EnumSet.of(Capabilities.Feature.INT32_ATOMICS,
                Capabilities.Feature.FLOAT_ATOMICS, Capabilities.Feature.LOCAL_MEMORY, Capabilities.Feature.BARRIERS,
                Capabilities.Feature.DEVICE_EXCEPTIONS, Capabilities.Feature.SOURCE_KERNELS),
                facts.maxThreadgroupMemoryBytes(), MAX_THREADS_PER_THREADGROUP, Math.min(facts.maxBufferBytes(), limit));
        LOG.log(Level.INFO, () -> "Metal backend opened on device '" + facts.name() + "' (" + facts.gpuFamily() + ", "
                + (facts.unifiedMemory() ? "unified memory" : "discrete memory") + ", macOS " + facts.osVersion()
                + "); memory limit " + limit + " bytes; fast math off; no double precision; the GPU may flush float"
                + " subnormals to zero");
    }

    /** The {@link DeviceInfo} of a Metal device. */
    static DeviceInfo deviceInfo(MetalApi.DeviceFacts facts) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("registryId", Long.toUnsignedString(facts.registryId()));
        details.put("gpuFamily", facts.gpuFamily());
        details.put("unifiedMemory", Boolean.toString(facts.unifiedMemory()));
        details.put("recommendedMaxWorkingSetBytes", Long.toString(facts.recommendedWorkingSetBytes()));
        details.put("maxBufferBytes", Long.toString(facts.maxBufferBytes()));
        details.put("maxThreadgroupMemoryBytes", Long.toString(facts.maxThreadgroupMemoryBytes()));
        details.put("nonUniformThreadgroups", Boolean.toString(facts.nonUniformThreadgroups()));
        details.put("fp64", "false");
        details.put("fastMath", "off");
        String name = facts.name();
        String vendor = name.startsWith("Apple") ? "Apple" : name.contains("AMD") || name.contains("Radeon") ? "AMD"
                : name.contains("Intel") ? "Intel" : "unknown";
        return new DeviceInfo(name, vendor, DeviceInfo.DeviceType.GPU, facts.recommendedWorkingSetBytes(), -1,
                "macOS " + facts.osVersion(), details);
    }

    // ------------------------------------------------------------------------------------------
    // Lifecycle

    private <T> T guarded(Supplier<T> operation) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed; open a new runtime");
            }
            DeviceContextLostException gone = lost;
            if (gone != null) {
                throw new DeviceContextLostException(DISPLAY_NAME, gone.reason(), gone.nativeErrorCode(),
                        gone.nativeErrorName(), gone);
            }
            return operation.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public long launchCount() {
        return launches.get();
    }

    @Override
    public MemoryStats memoryStats() {
        return memory.stats();
    }

    @Override
    public void synchronize() {
        guarded(() -> null); // every launch waits until its command buffer completed: nothing is pending
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<RuntimeException> failures = new ArrayList<>();
            for (MetalBuffer b : buffers) {
                if (b.markClosed()) {
                    releaseBuffer(b, failures);
                }
            }
            buffers.clear();
            for (RecordBuffer r; (r = records.poll()) != null;) {
                r.arena().close();
                release(r.handle(), "an error record", failures);
            }
            for (MetalApi.PipelineInfo p : pipelines.values()) {
                release(p.handle(), "a compute pipeline", failures);
            }
            pipelines.clear();
            for (long library : libraries.values()) {
                release(library, "a library", failures);
            }
            libraries.clear();
            try {
                api.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
            if (!failures.isEmpty()) {
                RuntimeException first = failures.getFirst();
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void release(long handle, String what, List<RuntimeException> failures) {
        try {
            api.release(handle);
        } catch (RuntimeException e) {
            failures.add(new MetalException("releasing " + what + " failed", e));
        }
    }

    /** Releases a buffer its owner closed. */
    void release(MetalBuffer buffer) {
        lifecycle.readLock().lock();
        try {
            if (closed || !buffers.remove(buffer)) {
                return; // the backend released it already
            }
            List<RuntimeException> failures = new ArrayList<>();
            releaseBuffer(buffer, failures);
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void releaseBuffer(MetalBuffer b, List<RuntimeException> failures) {
        b.arena.close();
        release(b.handle, b.toString(), failures);
        memory.release(b.byteSize());
    }

    @Override
    public String toString() {
        return "Metal backend on device '" + facts.name() + "'";
    }

    // ------------------------------------------------------------------------------------------
    // Compilation

    @Override
    public BackendKernel compile(KernelRequest request) {
        return guarded(() -> {
            String name = request.kernelName();
            KernelIR ir = request.ir();
            MslProgram program = MslTranslator.translate(ir);
            long local = 0;
            for (LocalArrayDecl a : ir.kernel().localArrays()) {
                local += (long) a.length() * a.element().byteSize();
            }
            if (local > facts.maxThreadgroupMemoryBytes()) {
                throw new KernelCompilationException(name, "the kernel's group-local arrays need " + local
                        + " bytes, but Metal device '" + facts.name() + "' has " + facts.maxThreadgroupMemoryBytes()
                        + " bytes of threadgroup memory (maxThreadgroupMemoryLength); use smaller tiles", DISPLAY_NAME, "",
                        null);
            }
            MetalApi.PipelineInfo pipeline = pipeline(name, program.source(), program.entryPoint(), true);
            ClassLoader loader = request.method().getDeclaringClass().getClassLoader();
            return new MetalKernel(name, pipeline, Optional.of(ir), Optional.of(program), request.parameterTypes(),
                    loader == null ? ClassLoader.getSystemClassLoader() : loader);
        });
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        return guarded(() -> {
            String name = source.entryPoint();
            if (source.parameterTypes().size() > MslLayout.MAX_BUFFERS) {
                throw new KernelCompilationException(name, "the kernel declares " + source.parameterTypes().size()
                        + " parameters, but a Metal kernel has " + MslLayout.MAX_BUFFERS + " buffer slots"
                        + " (parameter i is bound to [[buffer(i)]])", DISPLAY_NAME, "", null);
            }
            MetalApi.PipelineInfo pipeline = pipeline(name, source.source(), name, false);
            return new MetalKernel(name, pipeline, Optional.empty(), Optional.empty(), source.parameterTypes(),
                    ClassLoader.getSystemClassLoader());
        });
    }

    /** The pipeline of {@code entryPoint} in {@code source}, from the cache or built now. */
    private MetalApi.PipelineInfo pipeline(String name, String source, String entryPoint, boolean generated) {
        String key = entryPoint + '\n' + source;
        MetalApi.PipelineInfo cached = pipelines.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (buildLock) {
            cached = pipelines.get(key);
            if (cached != null) {
                return cached;
            }
            Long library = libraries.get(source);
            if (library == null) {
                library = compileLibrary(name, source, generated);
                libraries.put(source, library);
            }
            MetalApi.PipelineInfo pipeline;
            try {
                pipeline = api.pipeline(library, entryPoint);
            } catch (MetalException e) {
                throw new KernelCompilationException(name, (generated ? "" : "the entry point must name a kernel function"
                        + " of the source: ") + e.getMessage(), DISPLAY_NAME, "", e);
            }
            pipelines.put(key, pipeline);
            return pipeline;
        }
    }

    private long compileLibrary(String name, String source, boolean generated) {
        try {
            return api.compileLibrary(name, source);
        } catch (MslCompilationException e) {
            String first = firstError(e.errorMessage());
            String detail = first.isEmpty() ? "" : ": " + first;
            String reason = generated
                    ? "the Metal compiler of device '" + facts.name() + "' rejected the MSL generated for the kernel" + detail
                            + "; this is a bug in JDotCompute's MSL emitter: please report it with compilerLog()"
                    : "the MSL source does not compile on device '" + facts.name() + "'" + detail
                            + "; compilerLog() has the compiler's diagnostic and the numbered source";
            String log = "Metal compiler diagnostic (device '" + facts.name() + "', fast math off):\n"
                    + (e.errorMessage().isEmpty() ? "(the compiler gave no diagnostic)" : e.errorMessage()) + "\n\n"
                    + (generated ? "Generated MSL:\n" : "Source:\n") + CSource.numbered(source);
            throw new KernelCompilationException(name, reason, DISPLAY_NAME, log, e);
        }
    }

    /** The first line of a compiler diagnostic that reports an error, or {@code ""}. */
    static String firstError(String diagnostic) {
        for (String line : diagnostic.split("\n")) {
            if (line.contains("error")) {
                return line.strip();
            }
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------
    // Memory

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        return guarded(() -> {
            if (bytes > facts.maxBufferBytes()) {
                throw new ComputeOutOfMemoryException(bytes, Math.min(facts.maxBufferBytes(), memory.available()),
                        new MetalException("device '" + facts.name() + "' allows at most " + facts.maxBufferBytes()
                                + " bytes in one buffer (maxBufferLength); split the data"));
            }
            reserve(bytes);
            Arena arena = Arena.ofShared();
            try {
                MetalApi.SharedBuffer b = newSharedBuffer(bytes, arena, "a buffer");
                MetalBuffer buffer = new MetalBuffer(this, b.handle(), bytes, arena, b.contents());
                buffers.add(buffer);
                memory.allocated();
                return buffer;
            } catch (RuntimeException e) {
                arena.close();
                memory.release(bytes);
                throw e;
            }
        });
    }

    /** A shared buffer of at least one byte; nil from Metal becomes {@link ComputeOutOfMemoryException}. */
    private MetalApi.SharedBuffer newSharedBuffer(long bytes, Arena scope, String what) {
        Optional<MetalApi.SharedBuffer> buffer = api.newSharedBuffer(Math.max(1, bytes), scope);
        if (buffer.isEmpty()) {
            throw new ComputeOutOfMemoryException(bytes, -1, new MetalException("newBufferWithLength:" + bytes
                    + " options:MTLResourceStorageModeShared returned nil for " + what + " on device '" + facts.name()
                    + "'; free buffers or allocate less"));
        }
        return buffer.get();
    }

    /** Counts {@code bytes} against the limit or throws. */
    private void reserve(long bytes) {
        memory.reserve(bytes, used -> new MetalException("the memory limit of " + limit + " bytes for device '"
                + facts.name() + "' has " + used + " bytes in use; free buffers or raise the limit"
                + " (ComputeRuntime.Builder.memoryLimit, -Djdotcompute.memoryLimit)"));
    }

    // ------------------------------------------------------------------------------------------
    // Launch

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        if (!(kernel instanceof MetalKernel k)) {
            throw new IllegalArgumentException(kernel + " was not compiled by this Metal backend");
        }
        guarded(() -> {
            launchOpen(k, range, arguments);
            return null;
        });
    }

    private void launchOpen(MetalKernel k, Range range, List<Object> arguments) {
        k.checkOpen();
        List<KernelArgument> args = LaunchArguments.of(k.name(), k.parameterTypes, arguments);
        MetalApi.Grid grid = grid(k, range);
        Map<Object, Staged> staged = new IdentityHashMap<>();
        RecordBuffer record = null;
        Arena arena = Arena.ofConfined();
        try {
            List<MetalApi.Binding> bindings = new ArrayList<>();
            if (k.program.isPresent()) {
                record = acquireRecord();
                ErrorRecord.clear(record.contents());
                bindJavaKernel(k, k.program.get().layout(), args, staged, record, bindings, arena);
            } else {
                bindSourceKernel(k, args, staged, bindings, arena);
            }
            MetalApi.Completion completion;
            try {
                completion = api.dispatch(k.pipeline.handle(), bindings, grid);
            } catch (MetalException e) {
                throw new BackendExecutionException(DISPLAY_NAME, "kernel '" + k.name() + "' over " + range
                        + " could not be encoded: " + e.getMessage(), e);
            }
            launches.incrementAndGet();
            if (completion.status() != MetalApi.Completion.COMPLETED) {
                BackendExecutionException failure = MetalErrors.commandBufferFailure("kernel '" + k.name() + "' over "
                        + range, facts.name(), completion);
                if (failure instanceof DeviceContextLostException gone) {
                    lost = gone;
                }
                throw failure;
            }
            for (Staged s : staged.values()) {
                copyBack(s);
            }
            if (record != null) {
                Optional<DeviceKernelException> failure = DeviceErrors.decode(DISPLAY_NAME, record.contents(),
                        k.ir.orElseThrow().sites(), k.loader);
                if (failure.isPresent()) {
                    throw failure.get();
                }
            }
        } finally {
            arena.close();
            for (Staged s : staged.values()) {
                api.release(s.handle());
            }
            if (record != null) {
                records.push(record);
            }
        }
    }

    /** The dispatch shape for {@code range}; see the class documentation. */
    private MetalApi.Grid grid(MetalKernel k, Range range) {
        int maxThreads = k.pipeline.maxTotalThreadsPerThreadgroup();
        if (range.hasLocal()) {
            long product = (long) range.local(0) * range.local(1) * range.local(2);
            if (product > maxThreads) {
                throw new IllegalArgumentException("work-group size " + product + " of " + range + " exceeds the maximum "
                        + maxThreads + " threads per threadgroup for kernel '" + k.name() + "' on Metal device '"
                        + facts.name() + "' (maxTotalThreadsPerThreadgroup); use a smaller work-group");
            }
            return new MetalApi.Grid(false, range.global(0) / range.local(0), range.global(1) / range.local(1),
                    range.global(2) / range.local(2), range.local(0), range.local(1), range.local(2));
        }
        if (k.needsLocalSize()) {
            throw new IllegalArgumentException("kernel '" + k.name() + "' uses ctx.barrier() or group-local arrays and"
                    + " needs an explicit work-group size, but " + range + " has none; launch it with a local size,"
                    + " e.g. Range.of(" + range.global(0) + ", 64) where 64 divides the global size");
        }
        int cap = Math.max(1, Math.min(maxThreads, DEFAULT_GROUP));
        if (k.onlyGlobalQueries() && facts.nonUniformThreadgroups()) {
            return new MetalApi.Grid(true, range.global(0), range.global(1), range.global(2),
                    Math.min(cap, range.global(0)), 1, 1);
        }
        int group = largestDivisor(range.global(0), cap);
        return new MetalApi.Grid(false, range.global(0) / group, range.global(1), range.global(2), group, 1, 1);
    }

    /** The largest divisor of {@code n} that is at most {@code cap}. */
    static int largestDivisor(int n, int cap) {
        for (int d = Math.min(n, cap); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    private void bindJavaKernel(MetalKernel k, MslLayout layout, List<KernelArgument> args, Map<Object, Staged> staged,
            RecordBuffer record, List<MetalApi.Binding> bindings, Arena arena) {
        MemorySegment block = layout.scalarBlockBytes() > 0 ? arena.allocate(layout.scalarBlockBytes(), Long.BYTES) : null;
        List<KernelParameter> parameters = layout.parameters();
        int p = 0;
        for (KernelArgument argument : args) {
            int i = argument.index();
            KernelParameter parameter = parameters.get(p++);
            if (argument instanceof KernelArgument.Scalar scalar) {
                if (!(parameter instanceof KernelParameter.ScalarParameter scalarParameter)) {
                    throw abiMismatch(k, i, parameter);
                }
                writeWidened(block, layout.offsetOf(scalarParameter.name()), scalar);
                continue;
            }
            if (!(parameter instanceof KernelParameter.ArrayParameter array)
                    || !(parameters.get(p++) instanceof KernelParameter.LengthParameter length)) {
                throw abiMismatch(k, i, parameter);
            }
            long handle;
            int elements;
            if (argument instanceof KernelArgument.Buffer buffer) {
                MetalBuffer b = metalBuffer(buffer);
                b.checkOpen();
                handle = b.handle;
                elements = buffer.javaLength();
            } else {
                Staged s = stage(staged, (KernelArgument.HostArray) argument, arena);
                handle = s.handle();
                elements = s.length();
            }
            bindings.add(new MetalApi.Binding.Buffer(layout.bufferIndex(array), handle));
            block.set(ValueLayout.JAVA_INT, layout.offsetOf(length.name()), elements);
        }
        if (p >= parameters.size() || !(parameters.get(p) instanceof KernelParameter.ErrorRecordParameter r)) {
            throw abiMismatch(k, k.parameterTypes.size(), p < parameters.size() ? parameters.get(p) : null);
        }
        bindings.add(new MetalApi.Binding.Buffer(layout.bufferIndex(r), record.handle()));
        if (block != null) {
            bindings.add(new MetalApi.Binding.Bytes(layout.scalarBlockIndex(), block));
        }
    }

    private static IllegalStateException abiMismatch(MetalKernel k, int argument, KernelParameter parameter) {
        return new IllegalStateException("argument " + argument + " of kernel '" + k.name() + "' does not match its"
                + " emitted parameter " + parameter + "; the kernel's IR and its Java parameter types disagree");
    }

    /** The Metal buffer passed as {@code argument}. */
    private static MetalBuffer metalBuffer(KernelArgument.Buffer argument) {
        if (!(argument.buffer() instanceof MetalBuffer b)) {
            throw new IllegalArgumentException(argument.label() + " is " + argument.buffer()
                    + ", which this Metal backend did not allocate");
        }
        return b;
    }

    private void bindSourceKernel(MetalKernel k, List<KernelArgument> args, Map<Object, Staged> staged,
            List<MetalApi.Binding> bindings, Arena arena) {
        for (KernelArgument argument : args) {
            int i = argument.index();
            switch (argument) {
                case KernelArgument.Scalar scalar -> bindings.add(new MetalApi.Binding.Bytes(i, nativeScalar(arena, scalar)));
                case KernelArgument.Buffer buffer -> {
                    MetalBuffer b = metalBuffer(buffer);
                    b.checkOpen();
                    bindings.add(new MetalApi.Binding.Buffer(i, b.handle));
                }
                case KernelArgument.HostArray array ->
                        bindings.add(new MetalApi.Binding.Buffer(i, stage(staged, array, arena).handle()));
            }
        }
    }

    /** A scalar widened as the kernel ABI says: sub-int types to {@code int}. */
    private static void writeWidened(MemorySegment block, long offset, KernelArgument.Scalar scalar) {
        switch (scalar.value()) {
            case Long v -> block.set(ValueLayout.JAVA_LONG, offset, v);
            case Float v -> block.set(ValueLayout.JAVA_FLOAT, offset, v);
            case Double v -> block.set(ValueLayout.JAVA_DOUBLE, offset, v);
            default -> block.set(ValueLayout.JAVA_INT, offset, scalar.widened());
        }
    }

    /** A scalar in its own C size, for a source kernel's {@code constant T&} parameter. */
    private static MemorySegment nativeScalar(Arena arena, KernelArgument.Scalar scalar) {
        return switch (scalar.value()) {
            case Integer v -> arena.allocateFrom(ValueLayout.JAVA_INT, v);
            case Long v -> arena.allocateFrom(ValueLayout.JAVA_LONG, v);
            case Float v -> arena.allocateFrom(ValueLayout.JAVA_FLOAT, v);
            case Double v -> arena.allocateFrom(ValueLayout.JAVA_DOUBLE, v);
            case Boolean v -> arena.allocateFrom(ValueLayout.JAVA_BYTE, v ? (byte) 1 : (byte) 0);
            case Byte v -> arena.allocateFrom(ValueLayout.JAVA_BYTE, v);
            case Short v -> arena.allocateFrom(ValueLayout.JAVA_SHORT, v);
            case Character v -> arena.allocateFrom(ValueLayout.JAVA_CHAR, v);
            default -> throw new IllegalArgumentException(scalar.label() + " is not a primitive value");
        };
    }

    private Staged stage(Map<Object, Staged> staged, KernelArgument.HostArray argument, Arena arena) {
        Object array = argument.array();
        Staged done = staged.get(array);
        if (done != null) {
            return done;
        }
        int length = argument.length();
        long bytes = argument.byteSize();
        if (bytes > facts.maxBufferBytes()) {
            throw new ComputeOutOfMemoryException(bytes, facts.maxBufferBytes(), new MetalException(argument.label()
                    + " (" + array.getClass().getSimpleName() + " of " + length + " elements) is larger than the"
                    + " largest buffer of device '" + facts.name() + "' (maxBufferLength)"));
        }
        MetalApi.SharedBuffer b = newSharedBuffer(bytes, arena, argument.label());
        Staged s = new Staged(array, b.handle(), b.contents().asSlice(0, bytes), length);
        staged.put(array, s);
        LaunchArguments.copy(array, s.contents());
        return s;
    }

    private static void copyBack(Staged s) {
        LaunchArguments.copy(s.contents(), s.array());
    }

    private RecordBuffer acquireRecord() {
        RecordBuffer pooled = records.poll();
        if (pooled != null) {
            return pooled;
        }
        Arena arena = Arena.ofShared();
        try {
            MetalApi.SharedBuffer b = newSharedBuffer(ErrorRecord.BYTES, arena, "the device error record");
            return new RecordBuffer(b.handle(), arena, b.contents().asSlice(0, ErrorRecord.BYTES));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }
}
