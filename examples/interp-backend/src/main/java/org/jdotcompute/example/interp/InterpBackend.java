package org.jdotcompute.example.interp;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelArgument;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.LaunchArguments;
import org.jdotcompute.spi.MemoryBudget;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.IrPrinter;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;

/**
 * The {@code interp} backend: kernels are compiled to their IR ({@link KernelRequest#ir()}) and
 * executed by {@link IrInterpreter}, the executable definition of the IR's semantics.
 *
 * <p><b>Launches</b> run one at a time, on the calling thread, like kernels on an in-order queue:
 * a launch sees everything earlier launches wrote, and atomics are atomic. Java arrays are read
 * and written in place. A {@link DeviceBuffer} stands for device memory as on a discrete GPU:
 * its host view and its device memory are two blocks of native memory, synchronised only by
 * {@link DeviceBuffer#copyToDevice()} and {@link DeviceBuffer#copyToHost()}; a launch copies the
 * device memory into an array of the parameter's type, runs, and copies the array back (a
 * buffer passed for two parameters of one type is one array, so both see the same memory).
 *
 * <p><b>Failures.</b> The interpreter writes the device error record exactly as a GPU kernel
 * does; after the launch the record is decoded with {@link DeviceErrors#decode} into the same
 * {@link DeviceKernelException} every backend throws. The arrays and buffers keep what the other
 * work-items wrote. Undefined behaviour that a GPU would not report (an access out of bounds
 * that no check guards, with {@code CheckMode.NONE}; work-items of a group reaching different
 * barriers) is reported as {@link BackendExecutionException}.
 *
 * <p><b>Limits</b> (its {@link Capabilities}): at most {@value #MAX_WORK_GROUP_SIZE} work-items
 * per group and {@value #LOCAL_MEMORY_BYTES} bytes of group-local arrays per kernel, the
 * values of common GPUs, so that kernels tested here fit there too; buffers up to the memory
 * limit. It has no source dialect: {@link #compileSource} is rejected.
 *
 * <p>Thread-safe: compiles, launches and allocations may come from any thread; {@link #close()}
 * waits for operations in progress, then releases every buffer. Any use afterwards throws
 * {@link IllegalStateException}.
 */
final class InterpBackend implements Backend {
    /** The largest work-group (product of the local sizes). */
    static final int MAX_WORK_GROUP_SIZE = 1024;
    /** The group-local memory a kernel may declare, in bytes. */
    static final long LOCAL_MEMORY_BYTES = 64 * 1024;

    private static final String NAME = InterpBackendProvider.DISPLAY_NAME;
    private static final Logger LOG = System.getLogger(InterpBackend.class.getName());

    private final DeviceInfo device;
    private final long limit;
    private final Capabilities capabilities;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle
    /** One launch at a time: the in-order queue. */
    private final ReentrantLock queue = new ReentrantLock(true);
    private final Set<InterpKernel> kernels = ConcurrentHashMap.newKeySet();
    private final Set<InterpBuffer> buffers = ConcurrentHashMap.newKeySet();
    private final AtomicLong launches = new AtomicLong();
    private final MemoryBudget memory;

    InterpBackend(DeviceInfo device, long memoryLimit) {
        this.device = Objects.requireNonNull(device, "device");
        if (memoryLimit <= 0) {
            throw new IllegalArgumentException("memory limit " + memoryLimit + " must be positive");
        }
        this.limit = memoryLimit;
        this.memory = new MemoryBudget(memoryLimit);
        // Every IR feature is interpreted; ring kernels run on host threads in the engine and only
        // need launches, which may come from any thread. No SOURCE_KERNELS: there is no dialect.
        this.capabilities = new Capabilities(EnumSet.of(Feature.FP64, Feature.INT32_ATOMICS, Feature.INT64_ATOMICS,
                Feature.FLOAT_ATOMICS, Feature.LOCAL_MEMORY, Feature.BARRIERS, Feature.DEVICE_EXCEPTIONS,
                Feature.RING_KERNELS), LOCAL_MEMORY_BYTES, MAX_WORK_GROUP_SIZE, memoryLimit);
        LOG.log(Level.DEBUG, () -> NAME + " backend opened; memory limit " + memoryLimit + " bytes");
    }

    // ------------------------------------------------------------------------------------------
    // Lifecycle

    private <T> T guarded(Supplier<T> operation) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed; create a new runtime");
            }
            return operation.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public DeviceInfo device() {
        return device;
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

    /** Launches finish before {@link #launch} returns: there is never work in flight to wait for. */
    @Override
    public void synchronize() {
        guarded(() -> null);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            kernels.forEach(InterpKernel::markClosed);
            kernels.clear();
            for (InterpBuffer b : buffers) {
                if (b.release()) {
                    memory.release(b.byteSize());
                }
            }
            buffers.clear();
        } finally {
            lifecycle.writeLock().unlock();
        }
        LOG.log(Level.DEBUG, () -> NAME + " backend closed after " + launches.get() + " launch(es)");
    }

    /** Forgets a kernel the engine closed. */
    void released(InterpKernel kernel) {
        kernels.remove(kernel);
    }

    /** Returns the memory of a buffer its owner closed. */
    void released(InterpBuffer buffer) {
        if (buffers.remove(buffer)) {
            memory.release(buffer.byteSize());
        }
    }

    @Override
    public String toString() {
        return NAME + " backend";
    }

    // ------------------------------------------------------------------------------------------
    // Compilation

    /**
     * Takes the kernel's IR from the front end and prepares the interpreter for it.
     *
     * @throws KernelCompilationException if the front end rejects the kernel (unchanged), its
     *                                    group-local arrays exceed {@value #LOCAL_MEMORY_BYTES} bytes,
     *                                    or its IR fails verification (a front-end bug)
     */
    @Override
    public BackendKernel compile(KernelRequest request) {
        Objects.requireNonNull(request, "request");
        return guarded(() -> {
            String name = request.kernelName();
            KernelIR ir = request.ir(); // the front end's KernelCompilationException propagates as it is
            long local = 0;
            for (LocalArrayDecl a : ir.kernel().localArrays()) {
                local += (long) a.length() * a.element().byteSize();
            }
            if (local > LOCAL_MEMORY_BYTES) {
                throw new KernelCompilationException(name, "the kernel's group-local arrays need " + local
                        + " bytes, but the " + NAME + " backend allows " + LOCAL_MEMORY_BYTES
                        + " (Capabilities.localMemoryBytes()); use smaller tiles", NAME, "", null);
            }
            IrInterpreter interpreter;
            try {
                interpreter = new IrInterpreter(ir);
            } catch (IllegalArgumentException e) {
                throw new KernelCompilationException(name, "the front end produced IR that fails verification ("
                        + e.getMessage() + "); this is a bug in JDotCompute's front end: please report it with"
                        + " compilerLog()", NAME, IrPrinter.print(ir), e);
            }
            InterpKernel kernel = new InterpKernel(this, name, interpreter, request.parameterTypes(),
                    request.method().getDeclaringClass().getClassLoader());
            kernels.add(kernel);
            return kernel;
        });
    }

    /**
     * Always rejected: the interpreter runs Java kernels only, through their IR.
     *
     * @throws KernelCompilationException naming the entry point and the backends that take source
     */
    @Override
    public BackendKernel compileSource(SourceKernel source) {
        Objects.requireNonNull(source, "source");
        return guarded(() -> {
            throw new KernelCompilationException(source.entryPoint(), "the " + NAME + " backend has no native"
                    + " source dialect: it runs Java kernels only, through their IR (compile a static Java kernel"
                    + " method instead, or use a backend with Capabilities.Feature.SOURCE_KERNELS such as opencl,"
                    + " cuda or metal)", NAME, "", null);
        });
    }

    // ------------------------------------------------------------------------------------------
    // Memory

    @Override
    public DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new AllocationException(bytes, "the size is negative; pass a byte count of 0 or more");
        }
        return guarded(() -> {
            reserve(bytes);
            Arena arena = Arena.ofShared();
            try {
                InterpBuffer buffer = new InterpBuffer(this, arena, arena.allocate(bytes, 64),
                        arena.allocate(bytes, 64));
                buffers.add(buffer);
                memory.allocated();
                return buffer;
            } catch (OutOfMemoryError e) {
                arena.close();
                memory.release(bytes);
                throw new ComputeOutOfMemoryException(bytes, -1, new ComputeException("the " + NAME
                        + " backend could not get " + (2 * bytes) + " bytes of native memory for a buffer and its"
                        + " host view; free buffers or lower the memory limit", e));
            } catch (RuntimeException e) {
                arena.close();
                memory.release(bytes);
                throw e;
            }
        });
    }

    /** Counts {@code bytes} against the limit or throws. */
    private void reserve(long bytes) {
        memory.reserve(bytes, used -> new ComputeException("the memory limit of " + limit + " bytes of the " + NAME
                + " backend has " + used + " bytes in use; free buffers or raise the limit"
                + " (ComputeRuntime.Builder.memoryLimit, -Djdotcompute.memoryLimit)"));
    }

    // ------------------------------------------------------------------------------------------
    // Launch

    /**
     * Runs {@code kernel} over {@code range} with the engine-checked {@code arguments}.
     *
     * @throws DeviceKernelException     if a work-item failed (arrays and buffers keep what was written)
     * @throws BackendExecutionException for undefined behaviour the interpreter detected
     * @throws IllegalArgumentException  if the range does not suit the kernel or this backend, or an
     *                                   argument is not of this backend
     */
    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(arguments, "arguments");
        if (!(kernel instanceof InterpKernel k) || !k.belongsTo(this)) {
            throw new IllegalArgumentException(kernel + " was not compiled by this " + this
                    + "; compile it with this runtime");
        }
        guarded(() -> {
            launchOpen(k, range, arguments);
            return null;
        });
    }

    private void launchOpen(InterpKernel k, Range range, List<Object> arguments) {
        k.checkOpen();
        checkRange(k, range);
        List<KernelArgument> args = LaunchArguments.of(k.name(), k.parameterTypes(), arguments);
        queue.lock();
        try {
            Map<InterpBuffer, Object> staged = new IdentityHashMap<>();
            List<Object> values = new ArrayList<>(args.size());
            for (KernelArgument a : args) {
                values.add(switch (a) {
                    case KernelArgument.Scalar scalar -> scalar.value();
                    case KernelArgument.HostArray array -> array.array();
                    case KernelArgument.Buffer buffer -> staged(buffer, staged);
                });
            }
            run(k, range, values, staged);
        } finally {
            queue.unlock();
        }
    }

    /** The interpreter's value of a buffer argument: an array of the parameter's type holding its device memory. */
    private Object staged(KernelArgument.Buffer argument, Map<InterpBuffer, Object> staged) {
        if (!(argument.buffer() instanceof InterpBuffer b) || !b.belongsTo(this)) {
            throw new IllegalArgumentException(argument.label() + " is " + argument.buffer() + ", which this " + this
                    + " did not allocate; allocate it with this runtime");
        }
        Object array = staged.get(b);
        if (array == null) {
            array = b.toArray(argument);
            staged.put(b, array);
        } else if (array.getClass() != argument.type()) {
            throw new IllegalArgumentException(argument.label() + " is a buffer already passed as a "
                    + array.getClass().getTypeName() + " to this launch; the " + NAME + " backend cannot view one"
                    + " buffer as two element types in one launch, pass two buffers");
        }
        return array;
    }

    private void run(InterpKernel k, Range range, List<Object> values, Map<InterpBuffer, Object> staged) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = arena.allocate(ErrorRecord.BYTES, 8); // zeroed: no failure yet
            RuntimeException failure = null;
            try {
                k.interpreter().execute(range, values, record);
            } catch (IllegalStateException e) {
                failure = new BackendExecutionException(NAME, "kernel '" + k.name() + "' has undefined behaviour: "
                        + e.getMessage() + "; on a GPU it would read or write memory at random or hang, here it"
                        + " stopped. Launch it with checks (CheckMode.INDEX or FULL) or fix the kernel", e);
            } finally {
                launches.incrementAndGet(); // the work was done (or begun) here
            }
            // Back to the device memory, even after a failure: a GPU's memory keeps what was written too.
            for (Map.Entry<InterpBuffer, Object> e : staged.entrySet()) {
                try {
                    e.getKey().fromArray(e.getValue(), k.name());
                } catch (IllegalStateException closedMeanwhile) {
                    if (failure == null) {
                        failure = closedMeanwhile;
                    } else {
                        failure.addSuppressed(closedMeanwhile);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            Optional<DeviceKernelException> thrown = DeviceErrors.decode(NAME, record, k.interpreter().ir().sites(),
                    k.loader());
            if (thrown.isPresent()) {
                throw thrown.get();
            }
        }
    }

    private static void checkRange(InterpKernel k, Range range) {
        if (!range.hasLocal()) {
            if (k.needsLocalSize()) {
                throw new IllegalArgumentException("kernel '" + k.name() + "' uses ctx.barrier() or group-local arrays"
                        + " and needs an explicit work-group size, but " + range + " has none; launch it with a"
                        + " local size, e.g. Range.of(" + range.global(0) + ", 64) where 64 divides the global size");
            }
            return;
        }
        long product = (long) range.local(0) * range.local(1) * range.local(2);
        if (product > MAX_WORK_GROUP_SIZE) {
            throw new IllegalArgumentException("work-group size " + product + " of " + range + " exceeds the maximum "
                    + MAX_WORK_GROUP_SIZE + " of the " + NAME + " backend (Capabilities.maxWorkGroupSize()); use a"
                    + " smaller work-group");
        }
    }
}
