package org.jdotcompute.backend.opencl;

import static org.lwjgl.opencl.CL10.CL_CONTEXT_PLATFORM;
import static org.lwjgl.opencl.CL10.CL_KERNEL_NUM_ARGS;
import static org.lwjgl.opencl.CL10.CL_KERNEL_WORK_GROUP_SIZE;
import static org.lwjgl.opencl.CL10.CL_MEM_COPY_HOST_PTR;
import static org.lwjgl.opencl.CL10.CL_MEM_READ_WRITE;
import static org.lwjgl.opencl.CL10.CL_PROGRAM_BUILD_LOG;
import static org.lwjgl.opencl.CL10.clBuildProgram;
import static org.lwjgl.opencl.CL10.clCreateBuffer;
import static org.lwjgl.opencl.CL10.clCreateCommandQueue;
import static org.lwjgl.opencl.CL10.clCreateContext;
import static org.lwjgl.opencl.CL10.clCreateKernel;
import static org.lwjgl.opencl.CL10.clCreateProgramWithSource;
import static org.lwjgl.opencl.CL10.clEnqueueNDRangeKernel;
import static org.lwjgl.opencl.CL10.clEnqueueReadBuffer;
import static org.lwjgl.opencl.CL10.clFinish;
import static org.lwjgl.opencl.CL10.clGetKernelInfo;
import static org.lwjgl.opencl.CL10.clGetKernelWorkGroupInfo;
import static org.lwjgl.opencl.CL10.clGetProgramBuildInfo;
import static org.lwjgl.opencl.CL10.clReleaseCommandQueue;
import static org.lwjgl.opencl.CL10.clReleaseContext;
import static org.lwjgl.opencl.CL10.clReleaseKernel;
import static org.lwjgl.opencl.CL10.clReleaseMemObject;
import static org.lwjgl.opencl.CL10.clReleaseProgram;
import static org.lwjgl.opencl.CL10.clSetKernelArg1b;
import static org.lwjgl.opencl.CL10.clSetKernelArg1d;
import static org.lwjgl.opencl.CL10.clSetKernelArg1f;
import static org.lwjgl.opencl.CL10.clSetKernelArg1i;
import static org.lwjgl.opencl.CL10.clSetKernelArg1l;
import static org.lwjgl.opencl.CL10.clSetKernelArg1p;
import static org.lwjgl.opencl.CL10.clSetKernelArg1s;
import static org.lwjgl.opencl.CL10.nclCreateBuffer;
import static org.lwjgl.opencl.CL10.nclEnqueueReadBuffer;
import static org.lwjgl.opencl.CL10.nclEnqueueWriteBuffer;
import static org.lwjgl.opencl.CL12.nclEnqueueFillBuffer;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelArgument;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;
import org.jdotcompute.spi.MemoryBudget;
import org.jdotcompute.spi.codegen.CSource;
import org.jdotcompute.spi.codegen.EmittedKernel;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/**
 * The OpenCL backend on one device: one context and one in-order command queue.
 *
 * <p><b>Launches.</b> Java arrays are copied to fresh device buffers before the kernel and back
 * after it (through native staging memory; an array passed for two parameters is staged once,
 * so both see the same memory, as in Java); {@link DeviceBuffer}s stay resident; scalars pass
 * by value ({@code boolean}, {@code byte}, {@code char}, {@code short} widened to {@code int} for
 * Java kernels, as the IR's ABI says). The device error record (one per launch, from a pool,
 * cleared before the kernel) is read after the arrays: <b>when a work-item fails, the arrays are
 * still copied back</b> — holding whatever the other work-items wrote — and then
 * {@link DeviceKernelException} is thrown. Every work-item runs, so its
 * {@code failureCount()} counts all failing work-items of the launch, and its {@code globalId()}
 * (with the message's values) is the work-item that claimed the record first — not necessarily
 * the lowest one, which the CPU backend reports (it also skips work-items above its lowest
 * failure, so it may count fewer). Class, message template, source line and stack frame are the
 * same on both; with one failing work-item, everything is.
 *
 * <p><b>Source kernels</b> ({@link #compileSource}) receive exactly their declared parameters: arrays
 * as {@code __global} pointers without lengths, scalars at their natural size — declare
 * {@code boolean} as {@code uchar}, {@code byte} as {@code char}, {@code char} as {@code ushort}
 * (OpenCL forbids {@code bool} kernel parameters) — and no error record.
 *
 * <p><b>Compilation.</b> Built programs are cached per source text and build options for the
 * backend's lifetime, so compiling the same kernel again only creates a {@code cl_kernel}.
 * Build options keep Java's IEEE semantics: no fast-math options, {@code -cl-std=CL1.2},
 * {@code -cl-fp32-correctly-rounded-divide-sqrt} where the device supports it (otherwise float
 * division goes through double precision, or kernels that divide floats are rejected).
 *
 * <p>Thread-safe: compiles, launches, allocations and transfers may come from any thread;
 * {@link #close()} waits for operations in progress and releases every kernel, buffer, program,
 * the queue and the context. Any use afterwards throws {@link IllegalStateException}.
 */
final class OpenClBackend implements Backend {
    /** The backend's display name in messages and exceptions. */
    static final String DISPLAY_NAME = "OpenCL";

    private static final Logger LOG = System.getLogger(OpenClBackend.class.getName());
    private static final int CL_INVALID_KERNEL_NAME = -46;
    private static final int CL_INVALID_BUFFER_SIZE = -61;

    private final ClDevice device;
    private final DeviceInfo info;
    private final long limit;
    private final Capabilities capabilities;
    private final OpenClEmitter.Options emitOptions;
    private final String buildOptions;
    private final long context;
    private final long queue;

    private final Map<String, Long> programs = new ConcurrentHashMap<>();
    private final Object buildLock = new Object();
    private final Set<OpenClKernel> kernels = ConcurrentHashMap.newKeySet();
    private final Set<OpenClBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Long> records = new ConcurrentLinkedDeque<>();
    private final AtomicLong launches = new AtomicLong();
    private final MemoryBudget memory;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    OpenClBackend(ClDevice device, BackendConfig config) {
        this.device = device;
        this.info = device.deviceInfo();
        this.limit = config.memoryLimit() > 0 ? Math.min(config.memoryLimit(), device.globalMemory) : device.globalMemory;
        this.memory = new MemoryBudget(limit);
        this.capabilities = device.capabilities(limit);
        this.emitOptions = OpenClEmitter.Options.of(device);
        this.buildOptions = "-cl-std=CL1.2" + (device.correctlyRoundedDivideSqrt() ? " -cl-fp32-correctly-rounded-divide-sqrt" : "");
        long ctx = 0;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            PointerBuffer properties = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(device.platform).put(0).flip();
            ctx = clCreateContext(properties, device.id, null, 0, err);
            SignalGuard.restoreIfReplaced("clCreateContext");
            ClErrors.check(err.get(0), "clCreateContext on device " + device);
            long q = clCreateCommandQueue(ctx, device.id, 0, err);
            ClErrors.check(err.get(0), "clCreateCommandQueue on device " + device);
            this.context = ctx;
            this.queue = q;
        } catch (BackendExecutionException e) {
            if (ctx != 0) {
                clReleaseContext(ctx);
            }
            throw new BackendNotAvailableException(DISPLAY_NAME, e);
        }
        if (!device.fp32Denormals()) {
            LOG.log(Level.WARNING, () -> "OpenCL device " + device + " flushes float subnormals to zero;"
                    + " float results near zero differ from Java's");
        }
        LOG.log(Level.INFO, () -> "OpenCL backend opened on device " + device + " (" + device.version + ", driver "
                + device.driverVersion + "); float division " + device.floatDivisionNote() + "; memory limit " + limit
                + " bytes");
    }

    // ------------------------------------------------------------------------------------------
    // Lifecycle

    private <T> T guarded(Supplier<T> operation) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed; open a new runtime");
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
        guarded(() -> {
            ClErrors.check(clFinish(queue), "clFinish");
            return null;
        });
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<BackendExecutionException> failures = new ArrayList<>();
            record(failures, clFinish(queue), "clFinish");
            for (OpenClKernel k : kernels) {
                k.markClosed();
                record(failures, clReleaseKernel(k.handle), "clReleaseKernel of " + k);
            }
            kernels.clear();
            for (OpenClBuffer b : buffers) {
                if (b.markClosed()) {
                    releaseBuffer(b, failures);
                }
            }
            buffers.clear();
            for (long program : programs.values()) {
                record(failures, clReleaseProgram(program), "clReleaseProgram");
            }
            programs.clear();
            for (Long r; (r = records.poll()) != null;) {
                record(failures, clReleaseMemObject(r), "clReleaseMemObject of an error record");
            }
            record(failures, clReleaseCommandQueue(queue), "clReleaseCommandQueue");
            record(failures, clReleaseContext(context), "clReleaseContext");
            if (!failures.isEmpty()) {
                BackendExecutionException first = failures.getFirst();
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void record(List<BackendExecutionException> failures, int code, String what) {
        if (code != 0) {
            failures.add(ClErrors.failure(code, what));
        }
    }

    /** Releases a kernel the engine closed. */
    void release(OpenClKernel kernel) {
        lifecycle.readLock().lock();
        try {
            if (closed || !kernels.remove(kernel)) {
                return; // the backend released it already
            }
            ClErrors.check(clReleaseKernel(kernel.handle), "clReleaseKernel of " + kernel);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Releases a buffer its owner closed. */
    void release(OpenClBuffer buffer) {
        lifecycle.readLock().lock();
        try {
            if (closed || !buffers.remove(buffer)) {
                return;
            }
            List<BackendExecutionException> failures = new ArrayList<>();
            releaseBuffer(buffer, failures);
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void releaseBuffer(OpenClBuffer b, List<BackendExecutionException> failures) {
        if (b.mem != 0) {
            record(failures, clReleaseMemObject(b.mem), "clReleaseMemObject of " + b);
        }
        b.arena.close();
        memory.release(b.byteSize());
    }

    @Override
    public String toString() {
        return "OpenCL backend on device " + device;
    }

    // ------------------------------------------------------------------------------------------
    // Compilation

    @Override
    public BackendKernel compile(KernelRequest request) {
        return guarded(() -> {
            String name = request.kernelName();
            KernelIR ir = request.ir();
            requireFeatures(name, ir);
            EmittedKernel emitted;
            try {
                emitted = new OpenClEmitter(emitOptions).emit(ir);
            } catch (IllegalArgumentException e) {
                throw new KernelCompilationException(name, "the kernel cannot be translated to OpenCL C for device '"
                        + device.name + "': " + e.getMessage(), DISPLAY_NAME, "", e);
            }
            long program = program(name, emitted.source(), true);
            long handle = createKernel(program, emitted.entryPoint(), name, emitted.parameters().size());
            ClassLoader loader = request.method().getDeclaringClass().getClassLoader();
            return register(new OpenClKernel(this, name, handle, Optional.of(ir), request.parameterTypes(),
                    loader == null ? ClassLoader.getSystemClassLoader() : loader, workGroupSize(handle, name)));
        });
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        return guarded(() -> {
            String name = source.entryPoint();
            long program = program(name, source.source(), false);
            long handle = createKernel(program, name, name, source.parameterTypes().size());
            return register(new OpenClKernel(this, name, handle, Optional.empty(), source.parameterTypes(),
                    ClassLoader.getSystemClassLoader(), workGroupSize(handle, name)));
        });
    }

    private OpenClKernel register(OpenClKernel kernel) {
        kernels.add(kernel);
        return kernel;
    }

    private void requireFeatures(String name, KernelIR ir) {
        String device = "OpenCL device '" + this.device.name + "'";
        if (ir.uses(IrFeature.FP64) && !this.device.fp64()) {
            throw new KernelCompilationException(name, "the kernel uses double, but " + device
                    + " has no double precision (capability FP64 absent: no cl_khr_fp64); use float, or a device with fp64", DISPLAY_NAME, "", null);
        }
        if (ir.uses(IrFeature.INT64) && !this.device.int64()) {
            throw new KernelCompilationException(name, "the kernel uses long, but " + device
                    + " (embedded profile) has no 64-bit integers (cles_khr_int64)", DISPLAY_NAME, "", null);
        }
        if (ir.uses(IrFeature.ATOMIC_INT64) && !this.device.int64BaseAtomics()) {
            throw new KernelCompilationException(name, "the kernel uses atomics on long arrays, but " + device
                    + " has no 64-bit atomics (capability INT64_ATOMICS absent: no cl_khr_int64_base_atomics); use int"
                    + " atomics", DISPLAY_NAME, "", null);
        }
        long local = 0;
        for (LocalArrayDecl a : ir.kernel().localArrays()) {
            local += (long) a.length() * a.element().byteSize();
        }
        if (local > this.device.localMemory) {
            throw new KernelCompilationException(name, "the kernel's group-local arrays need " + local + " bytes, but "
                    + device + " has " + this.device.localMemory + " bytes of local memory; use smaller tiles",
                    DISPLAY_NAME, "", null);
        }
    }

    /** The built program for {@code source}, from the cache or built now. */
    private long program(String name, String source, boolean generated) {
        String key = buildOptions + '\n' + source;
        Long cached = programs.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (buildLock) {
            cached = programs.get(key);
            if (cached != null) {
                return cached;
            }
            long program = build(name, source, generated);
            programs.put(key, program);
            return program;
        }
    }

    private long build(String name, String source, boolean generated) {
        long program;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            program = clCreateProgramWithSource(context, source, err);
            ClErrors.check(err.get(0), "clCreateProgramWithSource for kernel '" + name + "'");
        }
        int code = clBuildProgram(program, device.id, buildOptions, null, 0);
        SignalGuard.restoreIfReplaced("clBuildProgram");
        if (code == 0) {
            return program;
        }
        String log;
        try {
            log = buildLog(program);
        } finally {
            clReleaseProgram(program);
        }
        BackendExecutionException cause = ClErrors.failure(code, "clBuildProgram of kernel '" + name + "'");
        String firstError = firstError(log);
        String reason = generated
                ? "the OpenCL compiler of device '" + device.name + "' rejected the OpenCL C generated for the kernel ("
                        + ClErrors.name(code) + (firstError.isEmpty() ? "" : ": " + firstError)
                        + "); this is a bug in JDotCompute's OpenCL emitter: please report it with compilerLog()"
                : "the OpenCL C source does not compile on device '" + device.name + "' (" + ClErrors.name(code)
                        + (firstError.isEmpty() ? "" : ": " + firstError) + "); compilerLog() has the build log and the numbered source";
        String compilerLog = "OpenCL build log (device '" + device.name + "', options '" + buildOptions + "'):\n"
                + (log.isEmpty() ? "(the driver gave no log)\n" : log + "\n") + "\n"
                + (generated ? "Generated OpenCL C:\n" : "Source:\n") + CSource.numbered(source);
        throw new KernelCompilationException(name, reason, DISPLAY_NAME, compilerLog, cause);
    }

    private String buildLog(long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClErrors.check(clGetProgramBuildInfo(program, device.id, CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size),
                    "clGetProgramBuildInfo(CL_PROGRAM_BUILD_LOG)");
            return ClInfo.readString(size.get(0),
                    buffer -> clGetProgramBuildInfo(program, device.id, CL_PROGRAM_BUILD_LOG, buffer, null),
                    "clGetProgramBuildInfo(CL_PROGRAM_BUILD_LOG)");
        }
    }

    private static String firstError(String log) {
        for (String line : log.split("\n")) {
            if (line.contains("error")) {
                return line.strip();
            }
        }
        return "";
    }

    private long createKernel(long program, String entryPoint, String name, int expectedArguments) {
        long handle;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            handle = clCreateKernel(program, entryPoint, err);
            int code = err.get(0);
            if (code == CL_INVALID_KERNEL_NAME) {
                throw new KernelCompilationException(name, "the program has no __kernel function named '" + entryPoint
                        + "'; the entry point must name a __kernel function of the source", DISPLAY_NAME, "",
                        ClErrors.failure(code, "clCreateKernel"));
            }
            ClErrors.check(code, "clCreateKernel of kernel '" + name + "'");
            IntBuffer count = stack.mallocInt(1);
            int infoCode = clGetKernelInfo(handle, CL_KERNEL_NUM_ARGS, count, null);
            if (infoCode != 0) {
                clReleaseKernel(handle);
                ClErrors.check(infoCode, "clGetKernelInfo(CL_KERNEL_NUM_ARGS) of kernel '" + name + "'");
            }
            if (count.get(0) != expectedArguments) {
                clReleaseKernel(handle);
                throw new KernelCompilationException(name, "the __kernel function '" + entryPoint + "' takes " + count.get(0)
                        + " parameter(s) but " + expectedArguments + " are declared; declare one parameter type per"
                        + " kernel parameter (SourceKernel.parameterTypes)", DISPLAY_NAME, "", null);
            }
            return handle;
        }
    }

    private long workGroupSize(long handle, String name) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClErrors.check(clGetKernelWorkGroupInfo(handle, device.id, CL_KERNEL_WORK_GROUP_SIZE, size, null),
                    "clGetKernelWorkGroupInfo(CL_KERNEL_WORK_GROUP_SIZE) of kernel '" + name + "'");
            return Math.min(size.get(0), device.maxWorkGroupSize);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Memory

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        return guarded(() -> {
            if (bytes > device.maxAllocation) {
                throw new ComputeOutOfMemoryException(bytes, Math.min(device.maxAllocation, memory.available()),
                        new ComputeException("OpenCL device '" + device.name + "' allows at most " + device.maxAllocation
                                + " bytes in one allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE); split the data"));
            }
            reserve(bytes);
            Arena arena = Arena.ofShared();
            long mem = 0;
            try {
                MemorySegment host;
                try {
                    host = arena.allocate(bytes, 64);
                } catch (OutOfMemoryError e) {
                    throw new ComputeOutOfMemoryException(bytes, -1, new ComputeException(
                            "the host view of an OpenCL buffer could not be allocated in native memory", e));
                }
                if (bytes > 0) {
                    mem = createBuffer(CL_MEM_READ_WRITE, bytes, 0, "clCreateBuffer");
                }
                OpenClBuffer buffer = new OpenClBuffer(this, mem, bytes, arena, host);
                buffers.add(buffer);
                memory.allocated();
                return buffer;
            } catch (RuntimeException e) {
                if (mem != 0) {
                    clReleaseMemObject(mem);
                }
                arena.close();
                memory.release(bytes);
                throw e;
            }
        });
    }

    /** Counts {@code bytes} against the limit or throws. */
    private void reserve(long bytes) {
        memory.reserve(bytes, used -> new ComputeException("the memory limit of " + limit + " bytes for OpenCL device '"
                + device.name + "' has " + used + " bytes in use; free buffers or raise the limit"
                + " (ComputeRuntime.Builder.memoryLimit, -Djdotcompute.memoryLimit)"));
    }

    /** {@code clCreateBuffer}, mapping the out-of-memory codes to {@link ComputeOutOfMemoryException}. */
    private long createBuffer(long flags, long bytes, long hostPointer, String what) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment err = scratch.allocate(ValueLayout.JAVA_INT);
            long mem = nclCreateBuffer(context, flags, bytes, hostPointer, err.address());
            checkCreated(err.get(ValueLayout.JAVA_INT, 0), bytes, what);
            return mem;
        }
    }

    /** Maps a {@code clCreateBuffer} error code to {@link ComputeOutOfMemoryException} or {@link AllocationException}. */
    private void checkCreated(int code, long bytes, String what) {
        if (code == 0) {
            return;
        }
        BackendExecutionException failure = ClErrors.failure(code, what + " of " + bytes + " bytes on device '"
                + device.name + "'");
        if (ClErrors.isOutOfMemory(code) || code == CL_INVALID_BUFFER_SIZE) {
            throw new ComputeOutOfMemoryException(bytes, -1, failure);
        }
        throw new AllocationException(bytes, "the OpenCL driver refused the buffer (" + ClErrors.name(code) + ")", failure);
    }

    /** A blocking copy between a buffer and its host view. */
    void transfer(OpenClBuffer buffer, MemorySegment host, boolean toDevice) {
        guarded(() -> {
            if (buffer.byteSize() == 0) {
                return null;
            }
            int code = toDevice
                    ? nclEnqueueWriteBuffer(queue, buffer.mem, 1, 0, buffer.byteSize(), host.address(), 0, 0, 0)
                    : nclEnqueueReadBuffer(queue, buffer.mem, 1, 0, buffer.byteSize(), host.address(), 0, 0, 0);
            ClErrors.check(code, (toDevice ? "clEnqueueWriteBuffer to " : "clEnqueueReadBuffer from ") + buffer);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // Launch

    /** A Java array copied to a temporary device buffer for one launch. */
    private record Staged(Object array, long mem, MemorySegment host, long bytes) {
    }

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        if (!(kernel instanceof OpenClKernel k) || !k.belongsTo(this)) {
            throw new IllegalArgumentException(kernel + " was not compiled by " + this + "; compile it with this backend");
        }
        guarded(() -> {
            launchOpen(k, range, arguments);
            return null;
        });
    }

    private void launchOpen(OpenClKernel k, Range range, List<Object> arguments) {
        checkRange(k, range);
        List<KernelArgument> args = LaunchArguments.of(k.name(), k.parameterTypes, arguments);
        boolean javaKernel = k.ir.isPresent();
        Map<Object, Staged> staged = new IdentityHashMap<>();
        long record = 0;
        try (Arena arena = Arena.ofConfined()) {
            try {
                long stagedBytes = 0;
                for (KernelArgument a : args) {
                    if (a instanceof KernelArgument.HostArray array && !staged.containsKey(array.array())) {
                        Staged s = stage(arena, array, k, stagedBytes);
                        stagedBytes += s.bytes();
                        staged.put(array.array(), s);
                    }
                }
                if (javaKernel) {
                    record = acquireRecord();
                }
                enqueue(k, range, args, staged, record, arena);
                // Wait here, not inside a read: reads into Java arrays hold the array (and the GC) only for the copy.
                ClErrors.check(clFinish(queue), "clFinish after kernel '" + k.name() + "'");
                for (Staged s : staged.values()) {
                    copyBack(s, k);
                }
                if (javaKernel) {
                    MemorySegment host = arena.allocate(ErrorRecord.BYTES, 8);
                    ClErrors.check(nclEnqueueReadBuffer(queue, record, 1, 0, ErrorRecord.BYTES, host.address(), 0, 0, 0),
                            "clEnqueueReadBuffer of the error record of kernel '" + k.name() + "'");
                    Optional<DeviceKernelException> failure = DeviceErrors.decode(DISPLAY_NAME, host, k.ir.get().sites(),
                            k.loader);
                    if (failure.isPresent()) {
                        throw failure.get();
                    }
                }
            } finally {
                for (Staged s : staged.values()) {
                    if (s.mem() != 0) {
                        clReleaseMemObject(s.mem());
                    }
                }
                if (record != 0) {
                    records.push(record);
                }
            }
        }
    }

    private void checkRange(OpenClKernel k, Range range) {
        if (!range.hasLocal()) {
            if (k.needsLocalSize()) {
                throw new IllegalArgumentException("kernel '" + k.name() + "' uses ctx.barrier() or group-local arrays and"
                        + " needs an explicit work-group size, but " + range + " has none; launch it with a local size,"
                        + " e.g. Range.of(" + range.global(0) + ", 64) where 64 divides the global size");
            }
            return;
        }
        long product = 1;
        for (int d = 0; d < range.dimensions(); d++) {
            int local = range.local(d);
            if (local > device.maxWorkItemSize(d)) {
                throw new IllegalArgumentException("local size " + local + " in dimension " + d + " of " + range
                        + " exceeds the maximum " + device.maxWorkItemSize(d) + " of OpenCL device '" + device.name
                        + "' (CL_DEVICE_MAX_WORK_ITEM_SIZES); use a smaller work-group");
            }
            product *= local;
        }
        if (product > k.maxWorkGroupSize) {
            throw new IllegalArgumentException("work-group size " + product + " of " + range + " exceeds the maximum "
                    + k.maxWorkGroupSize + " for kernel '" + k.name() + "' on OpenCL device '" + device.name
                    + "' (CL_KERNEL_WORK_GROUP_SIZE); use a smaller work-group");
        }
    }

    private Staged stage(Arena arena, KernelArgument.HostArray argument, OpenClKernel k, long alreadyStaged) {
        Object array = argument.array();
        long bytes = argument.byteSize();
        if (bytes == 0) {
            return new Staged(array, 0, MemorySegment.NULL, 0);
        }
        long free = memory.available() - alreadyStaged;
        if (bytes > free || bytes > device.maxAllocation) {
            throw new ComputeOutOfMemoryException(bytes, Math.min(free, device.maxAllocation), new ComputeException(
                    argument.label() + " (" + array.getClass().getSimpleName() + " of " + argument.length()
                            + " elements) does not fit on OpenCL device '" + device.name + "'"));
        }
        String what = "clCreateBuffer for " + argument.label();
        long flags = CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR;
        // short[], int[], float[], double[]: the driver copies straight from the Java array (one copy, no staging).
        int[] err = new int[1];
        long direct = switch (array) {
            case short[] a -> clCreateBuffer(context, flags, a, err);
            case int[] a -> clCreateBuffer(context, flags, a, err);
            case float[] a -> clCreateBuffer(context, flags, a, err);
            case double[] a -> clCreateBuffer(context, flags, a, err);
            default -> -1;
        };
        if (direct != -1) {
            checkCreated(err[0], bytes, what);
            return new Staged(array, direct, MemorySegment.NULL, bytes);
        }
        MemorySegment host;
        try {
            host = arena.allocate(bytes, 64);
        } catch (OutOfMemoryError e) {
            throw new ComputeOutOfMemoryException(bytes, -1, new ComputeException(
                    "no native staging memory for " + argument.label(), e));
        }
        LaunchArguments.copy(array, host); // boolean[], byte[], char[], long[]
        long mem = createBuffer(flags, bytes, host.address(), what);
        return new Staged(array, mem, host, bytes);
    }

    private void copyBack(Staged s, OpenClKernel k) {
        if (s.mem() == 0) {
            return;
        }
        String what = "clEnqueueReadBuffer of an array argument of kernel '" + k.name() + "'";
        MemorySegment host = s.host();
        if (host.equals(MemorySegment.NULL)) {
            int code = switch (s.array()) {
                case short[] a -> clEnqueueReadBuffer(queue, s.mem(), true, 0, a, null, null);
                case int[] a -> clEnqueueReadBuffer(queue, s.mem(), true, 0, a, null, null);
                case float[] a -> clEnqueueReadBuffer(queue, s.mem(), true, 0, a, null, null);
                case double[] a -> clEnqueueReadBuffer(queue, s.mem(), true, 0, a, null, null);
                default -> throw new AssertionError(s.array().getClass());
            };
            ClErrors.check(code, what);
            return;
        }
        ClErrors.check(nclEnqueueReadBuffer(queue, s.mem(), 1, 0, s.bytes(), host.address(), 0, 0, 0), what);
        LaunchArguments.copy(host, s.array());
    }

    private long acquireRecord() {
        Long pooled = records.poll();
        return pooled != null ? pooled
                : createBuffer(CL_MEM_READ_WRITE, ErrorRecord.BYTES, 0, "clCreateBuffer for the device error record");
    }

    /** Sets the arguments and enqueues the kernel, holding the kernel's argument lock. */
    private void enqueue(OpenClKernel k, Range range, List<KernelArgument> args, Map<Object, Staged> staged, long record,
            Arena arena) {
        boolean javaKernel = k.ir.isPresent();
        k.argumentLock.lock();
        try {
            if (k.closedLocked()) {
                throw new IllegalStateException(k + " is closed; compile it again");
            }
            int slot = 0;
            for (KernelArgument a : args) {
                int i = a.index();
                int s = slot;
                long mem;
                int length;
                switch (a) {
                    case KernelArgument.Scalar scalar -> {
                        check(setScalar(k.handle, s, scalar, javaKernel), k, i, s);
                        slot++;
                        continue;
                    }
                    case KernelArgument.Buffer buffer -> {
                        if (!(buffer.buffer() instanceof OpenClBuffer b) || !b.belongsTo(this)) {
                            throw new IllegalArgumentException(buffer.label() + " is " + buffer.buffer() + ", which "
                                    + this + " did not allocate; allocate it with this backend");
                        }
                        b.checkOpen();
                        mem = b.mem;
                        length = javaKernel ? buffer.javaLength() : 0;
                    }
                    case KernelArgument.HostArray array -> {
                        mem = staged.get(array.array()).mem();
                        length = array.length();
                    }
                }
                check(clSetKernelArg1p(k.handle, s, mem), k, i, s);
                slot++;
                if (javaKernel) {
                    check(clSetKernelArg1i(k.handle, slot, length), k, i, slot);
                    slot++;
                }
            }
            if (javaKernel) {
                MemorySegment zero = arena.allocate(ValueLayout.JAVA_INT);
                ClErrors.check(nclEnqueueFillBuffer(queue, record, zero.address(), Integer.BYTES, 0, ErrorRecord.BYTES,
                        0, 0, 0), "clEnqueueFillBuffer clearing the error record of kernel '" + k.name() + "'");
                check(clSetKernelArg1p(k.handle, slot, record), k, -1, slot);
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                int dims = range.dimensions();
                PointerBuffer global = stack.mallocPointer(dims);
                PointerBuffer local = range.hasLocal() ? stack.mallocPointer(dims) : null;
                for (int d = 0; d < dims; d++) {
                    global.put(d, range.global(d));
                    if (local != null) {
                        local.put(d, range.local(d));
                    }
                }
                ClErrors.check(clEnqueueNDRangeKernel(queue, k.handle, dims, null, global, local, null, null),
                        "clEnqueueNDRangeKernel of kernel '" + k.name() + "' over " + range);
            }
            launches.incrementAndGet();
        } finally {
            k.argumentLock.unlock();
        }
    }

    /** Sets a scalar; {@code widen}: sub-int types as {@code int}, as the Java kernel ABI says. */
    private static int setScalar(long kernel, int slot, KernelArgument.Scalar scalar, boolean widen) {
        Class<?> type = scalar.type();
        if (type == long.class) {
            return clSetKernelArg1l(kernel, slot, (Long) scalar.value());
        } else if (type == float.class) {
            return clSetKernelArg1f(kernel, slot, (Float) scalar.value());
        } else if (type == double.class) {
            return clSetKernelArg1d(kernel, slot, (Double) scalar.value());
        } else if (widen || type == int.class) {
            return clSetKernelArg1i(kernel, slot, scalar.widened());
        } else if (type == short.class || type == char.class) {
            return clSetKernelArg1s(kernel, slot, (short) scalar.widened());
        }
        return clSetKernelArg1b(kernel, slot, (byte) scalar.widened()); // boolean, byte
    }

    private static void check(int code, OpenClKernel k, int argument, int slot) {
        if (code != 0) {
            throw ClErrors.failure(code, "clSetKernelArg " + slot + " ("
                    + (argument < 0 ? "the error record" : "argument " + argument) + ") of kernel '" + k.name() + "'");
        }
    }

    /** For tests: the number of cached programs. */
    int cachedPrograms() {
        return programs.size();
    }
}
