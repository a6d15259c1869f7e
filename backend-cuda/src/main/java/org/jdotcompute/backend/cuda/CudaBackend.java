package org.jdotcompute.backend.cuda;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.backend.cuda.nvrtc.CudaSourceCompiler;
import org.jdotcompute.backend.cuda.ptx.PtxEmitter;
import org.jdotcompute.backend.cuda.ptx.PtxModule;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * The CUDA backend on one device: one context and one non-blocking stream, driver calls
 * serialised by the context's lock (a runtime used from many threads runs one operation at a
 * time on its GPU), device memory pooled, transfers staged through pinned host memory.
 *
 * <p>A launch of a Java kernel: arrays are copied into a pinned staging buffer and uploaded
 * (asynchronously, on the stream) to pooled device blocks; the error record is cleared if the
 * previous launch used it; the kernel runs with the {@link KernelIR} ABI plus the three global
 * sizes; arrays and the record are downloaded; one {@code cuStreamSynchronize} waits for all of
 * it (and reports asynchronous errors, e.g. sticky ones); results are copied into the arrays; and
 * the record is decoded with {@link DeviceErrors#decode} into the {@link DeviceKernelException}
 * the CPU backend would throw. Arrays are copied back even when a work-item failed, as on the CPU
 * the writes that happened before the failure are visible.
 *
 * <p>Thread-safe. NOT YET EXECUTED ON A GPU: written from the CUDA driver API and JCuda
 * documentation; see the module's tests for what is verified without one.
 */
@SuppressWarnings("try") // try (var scope = ctx.enter(...)): the scope holds the context lock
final class CudaBackend implements Backend {
    private static final System.Logger LOG = System.getLogger(CudaBackend.class.getName());
    private static final String NAME = CudaBackendProvider.DISPLAY_NAME;
    private static final int JIT_LOG_BYTES = 64 * 1024;
    private static final long STAGING_ALIGN = 256;

    private final CudaContext ctx;
    private final CudaDriverProbe.DeviceDescription description;
    private final DeviceInfo device;
    private final Capabilities capabilities;
    private final BackendConfig config;
    private final LaunchGeometry.Limits limits;
    private final DevicePool pool;
    private final DevicePool.Block errorRecord;
    private final PinnedMemory errorRecordHost;
    private final Set<CudaKernel> kernels = ConcurrentHashMap.newKeySet();
    private final Set<CudaBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final AtomicLong launches = new AtomicLong();
    private PinnedMemory staging; // under the context lock
    private boolean recordDirty = true; // under the context lock
    private long allocations;
    private long bytesInUse;
    private long peakBytesInUse;
    private volatile boolean closed;

    private CudaBackend(CudaContext ctx, CudaDriverProbe.DeviceDescription description, BackendConfig config) {
        this.ctx = ctx;
        this.description = description;
        this.device = description.toDeviceInfo();
        this.config = config;
        this.limits = new LaunchGeometry.Limits(description.maxThreadsPerBlock(), description.maxBlock(),
                description.maxGrid());
        Set<Capabilities.Feature> features = EnumSet.of(Capabilities.Feature.FP64, Capabilities.Feature.INT32_ATOMICS,
                Capabilities.Feature.INT64_ATOMICS, Capabilities.Feature.FLOAT_ATOMICS, Capabilities.Feature.LOCAL_MEMORY,
                Capabilities.Feature.BARRIERS, Capabilities.Feature.DEVICE_EXCEPTIONS, Capabilities.Feature.RING_KERNELS);
        if (CudaSourceCompiler.available()) {
            features.add(Capabilities.Feature.SOURCE_KERNELS);
        }
        long maxAllocation = config.memoryLimit() > 0 ? Math.min(config.memoryLimit(), description.totalMemory())
                : description.totalMemory();
        this.capabilities = new Capabilities(features, description.sharedMemoryPerBlock(),
                description.maxThreadsPerBlock(), maxAllocation);
        this.pool = new DevicePool(ctx);
        try (var scope = ctx.enter("allocate the device error record")) {
            this.errorRecord = pool.take(ErrorRecord.BYTES, "the device error record");
            this.errorRecordHost = PinnedMemory.allocate(ctx, ErrorRecord.BYTES, "the device error record");
        }
    }

    /** Opens the backend on the device chosen with {@code -Djdotcompute.cuda.device} (default 0). */
    static CudaBackend open(BackendConfig config) {
        int ordinal = CudaDriverProbe.selectedOrdinal();
        CudaDriverProbe.DeviceDescription description;
        CUcontext context = new CUcontext();
        CUstream stream = new CUstream();
        try {
            int[] version = new int[1];
            description = CudaDriverProbe.describe(ordinal,
                    JCudaDriver.cuDriverGetVersion(version) == CudaErrors.SUCCESS ? version[0] : 0);
            CUdevice dev = new CUdevice();
            requireSuccess(JCudaDriver.cuDeviceGet(dev, ordinal), "cuDeviceGet(" + ordinal + ")");
            requireSuccess(JCudaDriver.cuCtxCreate(context, CUctx_flags.CU_CTX_SCHED_AUTO, dev),
                    "cuCtxCreate on device " + ordinal);
            requireSuccess(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            // cuCtxCreate made the context current on this thread; every operation sets it again.
            requireSuccess(JCudaDriver.cuCtxPopCurrent(new CUcontext()), "cuCtxPopCurrent");
        } catch (RuntimeException e) {
            throw new BackendNotAvailableException(NAME, new BackendException(NAME, "opening CUDA device " + ordinal
                    + " failed: " + e.getMessage(), e));
        }
        CudaBackend backend = new CudaBackend(new CudaContext(NAME, context, stream), description, config);
        LOG.log(System.Logger.Level.DEBUG, () -> "CUDA backend opened on " + backend.device);
        return backend;
    }

    private static void requireSuccess(int rc, String what) {
        if (rc != CudaErrors.SUCCESS) {
            throw new BackendExecutionException(NAME, what + " failed with " + CudaErrors.name(rc) + " (" + rc + ")", rc,
                    CudaErrors.name(rc), null);
        }
    }

    CudaContext context() {
        return ctx;
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new IllegalStateException("the CUDA backend on " + device + " is closed; cannot " + what);
        }
    }

    // ------------------------------------------------------------------------------ compile

    @Override
    public BackendKernel compile(KernelRequest request) {
        ensureOpen("compile " + request.kernelName());
        KernelIR ir = request.ir();
        PtxModule ptx = PtxEmitter.emit(ir);
        if (ptx.sharedMemoryBytes() > capabilities.localMemoryBytes()) {
            throw new KernelCompilationException(ir.kernelName(), "its group-local arrays need " + ptx.sharedMemoryBytes()
                    + " bytes of shared memory; " + device.name() + " has " + capabilities.localMemoryBytes()
                    + " per work-group; use smaller local arrays", NAME, "", null);
        }
        ClassLoader loader = request.method().getDeclaringClass().getClassLoader();
        List<Integer> elementBytes = ir.kernel().parameters().stream()
                .map(v -> v.type() instanceof IrType.Array a ? a.element().byteSize() : 0).toList();
        return load(ir.kernelName(), ptx.entryName(), ptx.ptx(),
                new CudaKernel.JavaShape(ptx, elementBytes, ir.sites(), loader));
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        ensureOpen("compile " + source.entryPoint());
        CudaSourceCompiler.Compiled c = CudaSourceCompiler.compile(source.entryPoint(), source.source(),
                description.ccMajor(), description.ccMinor(), CudaSourceCompiler.Tool.ANY);
        if (!c.log().isBlank()) {
            LOG.log(System.Logger.Level.DEBUG, () -> c.compiler() + " compiled " + source.entryPoint() + ":\n" + c.log());
        }
        return load(source.entryPoint(), source.entryPoint(), c.ptx(),
                new CudaKernel.SourceShape(source.parameterTypes()));
    }

    /** Loads PTX with the driver JIT (its error log captured) and finds the entry. */
    private CudaKernel load(String kernelName, String entry, String ptx, CudaKernel.Shape shape) {
        try (var scope = ctx.enter("load the module of kernel '" + kernelName + "'")) {
            CUmodule module = new CUmodule();
            JITOptions jit = new JITOptions();
            jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            jit.putBytes(CUjit_option.CU_JIT_INFO_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            jit.putInt(CUjit_option.CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            byte[] image = (ptx + '\0').getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int rc = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(image), jit);
            if (rc != CudaErrors.SUCCESS) {
                String errorLog = Optional.ofNullable(jit.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER)).orElse("");
                String infoLog = Optional.ofNullable(jit.getString(CUjit_option.CU_JIT_INFO_LOG_BUFFER)).orElse("");
                if (isJitFailure(rc)) {
                    BackendExecutionException cause = new BackendExecutionException(NAME, "cuModuleLoadDataEx failed with "
                            + CudaErrors.name(rc) + " (" + rc + ")", rc, CudaErrors.name(rc), null);
                    throw new KernelCompilationException(kernelName, "the CUDA driver's JIT compiler rejected the PTX ("
                            + CudaErrors.name(rc) + "): " + errorLog.lines().findFirst().orElse("(no log)")
                            + (rc == 222 ? "; the driver is older than the PTX ISA version: update the NVIDIA driver" : ""),
                            NAME, errorLog + (infoLog.isBlank() ? "" : "\n--- info ---\n" + infoLog) + "\n--- PTX ---\n"
                                    + ptx, cause);
                }
                ctx.check(rc, "cuModuleLoadDataEx for kernel '" + kernelName + "'");
            }
            CUfunction function = new CUfunction();
            int found = JCudaDriver.cuModuleGetFunction(function, module, entry);
            if (found != CudaErrors.SUCCESS) {
                JCudaDriver.cuModuleUnload(module);
                ctx.check(found, "cuModuleGetFunction(" + entry + ") for kernel '" + kernelName + "'");
            }
            int[] maxThreads = new int[1];
            ctx.check(JCudaDriver.cuFuncGetAttribute(maxThreads, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
                    function), "cuFuncGetAttribute for kernel '" + kernelName + "'");
            CudaKernel k = new CudaKernel(this, kernelName, module, function, maxThreads[0], shape);
            kernels.add(k);
            return k;
        }
    }

    private static boolean isJitFailure(int rc) {
        return rc == 200 || rc == 209 || rc == 218 || rc == 221 || rc == 222 || rc == 223;
    }

    void unload(CudaKernel k) {
        kernels.remove(k);
        if (closed || ctx.isLost()) {
            return; // the context's destruction releases it
        }
        try (var scope = ctx.enter("unload kernel '" + k.name() + "'")) {
            ctx.check(JCudaDriver.cuModuleUnload(k.module()), "cuModuleUnload for kernel '" + k.name() + "'");
        }
    }

    // ------------------------------------------------------------------------------ launch

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        if (!(kernel instanceof CudaKernel k) || k.backend() != this) {
            throw new IllegalArgumentException("kernel " + kernel + " was not compiled by this CUDA backend");
        }
        ensureOpen("launch " + k.name());
        boolean javaKernel = k.shape() instanceof CudaKernel.JavaShape;
        boolean needsLocal = k.shape() instanceof CudaKernel.JavaShape js && js.module().needsLocalSize();
        LaunchGeometry geometry = LaunchGeometry.of(k.name(), range, needsLocal, !javaKernel, k.maxThreadsPerBlock(), limits);
        try (var scope = ctx.enter("launch kernel '" + k.name() + "'")) {
            List<Staged> staged = new ArrayList<>();
            List<DevicePool.Block> scratch = new ArrayList<>();
            try {
                List<NativePointerObject> params = new ArrayList<>();
                long stagingBytes = 0;
                for (Object a : arguments) {
                    if (a.getClass().isArray()) {
                        stagingBytes += align(LaunchArguments.byteSize(a));
                    }
                }
                ensureStaging(stagingBytes);
                long offset = 0;
                for (int i = 0; i < arguments.size(); i++) {
                    Object a = arguments.get(i);
                    if (a instanceof CudaBuffer b) {
                        params.add(Pointer.to(b.devicePointer()));
                        if (javaKernel) {
                            params.add(Pointer.to(new int[] {arrayLength(k, i, b.byteSize())}));
                        }
                    } else if (a.getClass().isArray()) {
                        long bytes = LaunchArguments.byteSize(a);
                        CUdeviceptr dptr = new CUdeviceptr();
                        if (bytes > 0) {
                            DevicePool.Block block = pool.take(bytes, "argument " + i + " of kernel '" + k.name() + "'");
                            scratch.add(block);
                            dptr = block.pointer();
                            LaunchArguments.copy(a, staging.segment().asSlice(offset, bytes));
                            ctx.check(JCudaDriver.cuMemcpyHtoDAsync(dptr, staging.pointer(offset), bytes, ctx.stream()),
                                    "cuMemcpyHtoDAsync of argument " + i + " (" + bytes + " bytes)");
                            staged.add(new Staged(a, dptr, offset, bytes));
                            offset += align(bytes);
                        }
                        params.add(Pointer.to(dptr));
                        if (javaKernel) {
                            params.add(Pointer.to(new int[] {java.lang.reflect.Array.getLength(a)}));
                        }
                    } else {
                        params.add(scalar(a, javaKernel));
                    }
                }
                if (javaKernel) {
                    if (recordDirty) {
                        ctx.check(JCudaDriver.cuMemsetD8Async(errorRecord.pointer(), (byte) 0, ErrorRecord.BYTES,
                                ctx.stream()), "clearing the device error record");
                    }
                    params.add(Pointer.to(errorRecord.pointer()));
                    for (int d = 0; d < 3; d++) {
                        params.add(Pointer.to(new int[] {range.global(d)}));
                    }
                }
                int[] grid = geometry.grid();
                int[] block = geometry.block();
                ctx.check(JCudaDriver.cuLaunchKernel(k.function(), grid[0], grid[1], grid[2], block[0], block[1], block[2],
                        0, ctx.stream(), Pointer.to(params.toArray(NativePointerObject[]::new)), null),
                        "cuLaunchKernel of '" + k.name() + "' (" + geometry + ")");
                for (Staged s : staged) {
                    ctx.check(JCudaDriver.cuMemcpyDtoHAsync(staging.pointer(s.offset()), s.device(), s.bytes(), ctx.stream()),
                            "cuMemcpyDtoHAsync of " + s.bytes() + " bytes after '" + k.name() + "'");
                }
                if (javaKernel) {
                    ctx.check(JCudaDriver.cuMemcpyDtoHAsync(errorRecordHost.pointer(), errorRecord.pointer(),
                            ErrorRecord.BYTES, ctx.stream()), "reading the device error record");
                }
                ctx.check(JCudaDriver.cuStreamSynchronize(ctx.stream()), "running kernel '" + k.name() + "' ("
                        + geometry + ")");
                launches.incrementAndGet();
                for (Staged s : staged) {
                    LaunchArguments.copy(staging.segment().asSlice(s.offset(), s.bytes()), s.array());
                }
                if (k.shape() instanceof CudaKernel.JavaShape js) {
                    MemorySegment record = errorRecordHost.segment();
                    recordDirty = ErrorRecord.failed(record);
                    Optional<DeviceKernelException> failure = DeviceErrors.decode(NAME, record, js.sites(), js.loader());
                    if (failure.isPresent()) {
                        throw failure.get();
                    }
                }
            } finally {
                scratch.forEach(pool::give);
            }
        }
    }

    /** An array argument staged at {@code offset} of the pinned staging buffer. */
    private record Staged(Object array, CUdeviceptr device, long offset, long bytes) {
    }

    private static long align(long bytes) {
        return (bytes + STAGING_ALIGN - 1) & -STAGING_ALIGN;
    }

    private void ensureStaging(long bytes) {
        if (bytes == 0 || staging != null && staging.byteSize() >= bytes) {
            return;
        }
        long size = Math.max(bytes, staging == null ? 1 << 20 : Math.min(Long.MAX_VALUE / 2, staging.byteSize() * 2));
        if (staging != null) {
            staging.free(ctx);
            staging = null;
        }
        staging = PinnedMemory.allocate(ctx, size, "the transfer staging buffer");
    }

    private static int arrayLength(CudaKernel k, int index, long byteSize) {
        CudaKernel.JavaShape js = (CudaKernel.JavaShape) k.shape();
        var irParam = js.module().parameterKinds();
        if (irParam.get(index) != PtxModule.ParameterKind.ARRAY) {
            throw new IllegalArgumentException("argument " + index + " of kernel '" + k.name() + "' is a DeviceBuffer but"
                    + " the parameter is a " + irParam.get(index));
        }
        long elements = byteSize / js.elementBytes().get(index);
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("argument " + index + " of kernel '" + k.name() + "' is a DeviceBuffer of "
                    + elements + " elements; a Java array length is at most " + Integer.MAX_VALUE);
        }
        return (int) elements;
    }

    private static NativePointerObject scalar(Object a, boolean javaKernel) {
        return switch (a) {
            case Integer v -> Pointer.to(new int[] {v});
            case Long v -> Pointer.to(new long[] {v});
            case Float v -> Pointer.to(new float[] {v});
            case Double v -> Pointer.to(new double[] {v});
            // The Java kernel ABI widens sub-int scalars to int; a CUDA C kernel takes them at their size.
            case Boolean v -> javaKernel ? Pointer.to(new int[] {v ? 1 : 0}) : Pointer.to(new byte[] {(byte) (v ? 1 : 0)});
            case Byte v -> javaKernel ? Pointer.to(new int[] {v}) : Pointer.to(new byte[] {v});
            case Short v -> javaKernel ? Pointer.to(new int[] {v}) : Pointer.to(new short[] {v});
            case Character v -> javaKernel ? Pointer.to(new int[] {v}) : Pointer.to(new char[] {v});
            default -> throw new IllegalArgumentException("unsupported kernel argument " + a + " of type "
                    + a.getClass().getName());
        };
    }

    // ------------------------------------------------------------------------------ memory

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        if (closed) {
            throw new AllocationException(bytes, "the CUDA backend on " + device + " is closed");
        }
        long limit = limitBytes();
        synchronized (this) {
            if (bytesInUse + bytes > limit) {
                throw new ComputeOutOfMemoryException(bytes, Math.max(0, limit - bytesInUse));
            }
        }
        if (bytes == 0) {
            CudaBuffer empty = new CudaBuffer(this, 0, null, null);
            track(empty);
            return empty;
        }
        try (var scope = ctx.enter("allocate " + bytes + " bytes")) {
            DevicePool.Block block = pool.take(bytes, "a DeviceBuffer");
            PinnedMemory host;
            try {
                host = PinnedMemory.allocate(ctx, bytes, "a DeviceBuffer's host view");
            } catch (RuntimeException e) {
                pool.give(block);
                throw e;
            }
            CudaBuffer b = new CudaBuffer(this, bytes, block, host);
            track(b);
            return b;
        }
    }

    private synchronized void track(CudaBuffer b) {
        buffers.add(b);
        allocations++;
        bytesInUse += b.byteSize();
        peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
    }

    void release(CudaBuffer b) {
        synchronized (this) {
            if (!buffers.remove(b)) {
                return;
            }
            bytesInUse -= b.byteSize();
        }
        if (b.block() == null || closed || ctx.isLost()) {
            return;
        }
        try (var scope = ctx.enter("free a buffer of " + b.byteSize() + " bytes")) {
            pool.give(b.block());
            b.host().free(ctx);
        }
    }

    private long limitBytes() {
        return config.memoryLimit() > 0 ? config.memoryLimit() : description.totalMemory();
    }

    @Override
    public synchronized MemoryStats memoryStats() {
        return new MemoryStats(allocations, pool.reuses(), bytesInUse, pool.pooledBytes(), peakBytesInUse, limitBytes());
    }

    @Override
    public long launchCount() {
        return launches.get();
    }

    @Override
    public void synchronize() {
        ensureOpen("synchronize");
        try (var scope = ctx.enter("synchronize")) {
            ctx.check(JCudaDriver.cuStreamSynchronize(ctx.stream()), "cuStreamSynchronize");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        try (var scope = ctx.enterForClose()) {
            boolean lost = ctx.isLost();
            if (!lost) {
                attempt(failures, () -> ctx.check(JCudaDriver.cuCtxSetCurrent(ctx.context()), "cuCtxSetCurrent for close"));
                for (CudaKernel k : List.copyOf(kernels)) {
                    attempt(failures, () -> ctx.check(JCudaDriver.cuModuleUnload(k.module()), "cuModuleUnload"));
                }
                for (CudaBuffer b : List.copyOf(buffers)) {
                    if (b.block() != null) {
                        attempt(failures, () -> ctx.check(JCudaDriver.cuMemFree(b.block().pointer()), "cuMemFree"));
                        attempt(failures, () -> b.host().free(ctx));
                    }
                }
                attempt(failures, () -> ctx.check(JCudaDriver.cuMemFree(errorRecord.pointer()), "cuMemFree (error record)"));
                attempt(failures, () -> errorRecordHost.free(ctx));
                if (staging != null) {
                    attempt(failures, () -> staging.free(ctx));
                }
                attempt(failures, pool::trim);
                attempt(failures, () -> ctx.check(JCudaDriver.cuStreamDestroy(ctx.stream()), "cuStreamDestroy"));
            }
            kernels.clear();
            buffers.clear();
            // Destroying the context releases everything it owns, also after a sticky error.
            int rc = JCudaDriver.cuCtxDestroy(ctx.context());
            if (rc != CudaErrors.SUCCESS) {
                failures.add(new BackendExecutionException(NAME, "cuCtxDestroy failed with " + CudaErrors.name(rc) + " ("
                        + rc + ")", rc, CudaErrors.name(rc), null));
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "CudaBackend[" + device + "]";
    }
}
