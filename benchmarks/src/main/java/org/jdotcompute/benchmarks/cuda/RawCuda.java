package org.jdotcompute.benchmarks.cuda;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.backend.cuda.ptx.PtxEmitter;
import org.jdotcompute.backend.cuda.ptx.PtxModule;
import org.jdotcompute.benchmarks.BenchKernels;
import org.jdotcompute.spi.compiler.KernelTranslator;

/**
 * The raw JCuda baseline of P9: the CUDA driver API called directly, as an application using
 * JCuda would — its own context on device 0 and one non-blocking stream (as the CUDA backend
 * has), PTX loaded with {@code cuModuleLoadData}, {@code cuLaunchKernel} or
 * {@code cuMemcpyDtoDAsync} followed by {@code cuStreamSynchronize}. Every driver call is checked.
 *
 * <p>Not executed yet: no GPU was available when it was written (from the CUDA driver API and
 * JCuda 12.6.0's signatures). Not thread-safe; confine to one thread (JMH runs it on one).
 */
final class RawCuda implements AutoCloseable {
    private final CUcontext context = new CUcontext();
    private final CUstream stream = new CUstream();
    private final List<CUmodule> modules = new ArrayList<>();
    private final List<CUdeviceptr> allocations = new ArrayList<>();

    /** Initialises the driver and creates a context on device 0 with one non-blocking stream. */
    RawCuda() {
        check(JCudaDriver.cuInit(0), "cuInit");
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, 0), "cuDeviceGet(0)");
        check(JCudaDriver.cuCtxCreate(context, CUctx_flags.CU_CTX_SCHED_AUTO, device), "cuCtxCreate");
        check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    /**
     * The PTX the CUDA backend emits for a Java kernel of {@link BenchKernels} under
     * {@code checks}: the same front end ({@link KernelTranslator}) and emitter ({@link PtxEmitter})
     * as {@code ComputeRuntime.compile} on the {@code cuda} backend.
     */
    static PtxModule ptxOf(String kernel, CheckMode checks, Class<?>... arrayParameters) {
        Class<?>[] parameters = new Class<?>[arrayParameters.length + 1];
        parameters[0] = KernelContext.class;
        System.arraycopy(arrayParameters, 0, parameters, 1, arrayParameters.length);
        try {
            Method method = BenchKernels.class.getMethod(kernel, parameters);
            return PtxEmitter.emit(KernelTranslator.translate(method, checks));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("BenchKernels has no kernel " + kernel + " taking "
                    + List.of(parameters), e);
        }
    }

    /** Loads {@code ptx} with the driver's JIT and returns its entry {@code entry}. */
    CUfunction load(String ptx, String entry) {
        enter();
        CUmodule module = new CUmodule();
        check(JCudaDriver.cuModuleLoadData(module, (ptx + '\0').getBytes(StandardCharsets.US_ASCII)),
                "cuModuleLoadData of the PTX of " + entry);
        modules.add(module);
        CUfunction function = new CUfunction();
        check(JCudaDriver.cuModuleGetFunction(function, module, entry), "cuModuleGetFunction(" + entry + ")");
        return function;
    }

    /** Allocates {@code bytes} of device memory, zeroed; freed by {@link #close()}. */
    CUdeviceptr allocate(long bytes) {
        enter();
        CUdeviceptr p = new CUdeviceptr();
        check(JCudaDriver.cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + ")");
        allocations.add(p);
        check(JCudaDriver.cuMemsetD8(p, (byte) 0, bytes), "cuMemsetD8 of " + bytes + " bytes");
        return p;
    }

    /** Sets every 32-bit word of {@code bytes} (a multiple of 4) at {@code p} to {@code word}. */
    void fill(CUdeviceptr p, int word, long bytes) {
        enter();
        check(JCudaDriver.cuMemsetD32(p, word, bytes / 4), "cuMemsetD32 of " + bytes + " bytes");
    }

    /** Copies {@code ints.length} ints from {@code p} to the host (synchronously). */
    void read(CUdeviceptr p, int[] ints) {
        enter();
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(ints), p, (long) ints.length * Integer.BYTES), "cuMemcpyDtoH");
    }

    /** Copies {@code floats.length} floats from {@code p + offset bytes} to the host (synchronously). */
    void read(CUdeviceptr p, long offset, float[] floats) {
        enter();
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(floats), p.withByteOffset(offset), (long) floats.length * Float.BYTES),
                "cuMemcpyDtoH");
    }

    /**
     * Launches {@code function} over a 1-D grid on the stream and waits for it.
     *
     * @param parameters {@code Pointer.to(Pointer.to(arg0), Pointer.to(arg1), ...)}, as the entry declares them
     */
    void launch(CUfunction function, int grid, int block, Pointer parameters) {
        enter();
        check(JCudaDriver.cuLaunchKernel(function, grid, 1, 1, block, 1, 1, 0, stream, parameters, null),
                "cuLaunchKernel");
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize after the kernel");
    }

    /** Copies {@code bytes} from {@code src} to {@code dst} on the device, on the stream, and waits. */
    void copy(CUdeviceptr dst, CUdeviceptr src, long bytes) {
        enter();
        check(JCudaDriver.cuMemcpyDtoDAsync(dst, src, bytes, stream), "cuMemcpyDtoDAsync of " + bytes + " bytes");
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize after the copy");
    }

    /**
     * Makes the context current on the calling thread: one {@code cuCtxSetCurrent} per operation,
     * as the CUDA backend does (a thread-local switch).
     */
    private void enter() {
        check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    @Override
    public void close() {
        enter();
        for (CUdeviceptr p : allocations) {
            check(JCudaDriver.cuMemFree(p), "cuMemFree");
        }
        for (CUmodule m : modules) {
            check(JCudaDriver.cuModuleUnload(m), "cuModuleUnload");
        }
        check(JCudaDriver.cuStreamDestroy(stream), "cuStreamDestroy");
        check(JCudaDriver.cuCtxDestroy(context), "cuCtxDestroy");
    }

    private static void check(int result, String call) {
        if (result != 0) {
            String[] name = new String[1];
            JCudaDriver.cuGetErrorName(result, name);
            throw new IllegalStateException(call + " failed with CUresult " + result + " ("
                    + (name[0] == null ? "unknown" : name[0]) + "); the raw JCuda baseline cannot run on this machine");
        }
    }
}
