package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs kernels on a real GPU. Every test is skipped, with the probe's reason, where no CUDA device
 * is available — they never pass without one.
 */
@DisplayName("On a CUDA GPU (skipped without one)")
class CudaGpuTest {

    /** The Java shape of the hand-built vector add (its IR comes from the fixtures). */
    static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        throw new UnsupportedOperationException("only its signature is used: the IR is built by hand");
    }

    private static Backend openOrSkip() {
        Availability a = new CudaBackendProvider().probe();
        assumeTrue(a instanceof Availability.Available,
                () -> "no CUDA device: " + ((Availability.Unavailable) a).reason());
        return new CudaBackendProvider().open(BackendConfig.defaults());
    }

    private static BackendKernel compile(Backend backend, KernelIR ir) throws Exception {
        Method m = CudaGpuTest.class.getDeclaredMethod("vectorAdd", KernelContext.class, float[].class, float[].class,
                float[].class);
        var handle = MethodHandles.lookup().findStatic(CudaGpuTest.class, "vectorAdd", MethodType.methodType(void.class,
                KernelContext.class, float[].class, float[].class, float[].class));
        return backend.compile(new KernelRequest(ir.kernelName(), m, handle,
                List.of(float[].class, float[].class, float[].class), CheckMode.INDEX, () -> ir));
    }

    @Test
    @DisplayName("vector add of 1000 floats (not a multiple of the block) gives the CPU's results")
    void vectorAddRuns() throws Exception {
        try (Backend backend = openOrSkip()) {
            BackendKernel k = compile(backend, org.jdotcompute.backend.cuda.ptx.IrFixturesAccess.vectorAdd());
            float[] a = new float[1000];
            float[] b = new float[1000];
            float[] c = new float[1000];
            float[] expected = new float[1000];
            for (int i = 0; i < a.length; i++) {
                a[i] = i * 0.5f;
                b[i] = 1e-40f * i; // subnormals must survive (no FTZ)
                expected[i] = a[i] + b[i];
            }
            backend.launch(k, Range.of(1000), List.of(a, b, c));
            assertArrayEquals(expected, c);
            assertEquals(1, backend.launchCount());
        }
    }

    @Test
    @DisplayName("an out-of-bounds index becomes DeviceKernelException caused by the JVM's exact exception")
    void outOfBounds() throws Exception {
        try (Backend backend = openOrSkip()) {
            BackendKernel k = compile(backend, org.jdotcompute.backend.cuda.ptx.IrFixturesAccess.vectorAdd());
            float[] a = new float[10];
            float[] b = new float[20];
            float[] c = new float[20];
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> backend.launch(k, Range.of(20), List.of(a, b, c)));
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertEquals(10, e.failureCount());
            assertEquals("Kernels.vectorAdd", e.kernelName());
            assertEquals("CUDA", e.backend());
            assertEquals(e.getCause().getMessage(), "Index " + e.globalId()[0] + " out of bounds for length 10");
        }
    }

    @Test
    @DisplayName("allocating more than the device holds is ComputeOutOfMemoryException")
    void outOfMemory() {
        try (Backend backend = openOrSkip()) {
            long huge = backend.device().globalMemoryBytes() * 2;
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> backend.allocate(huge));
            assertEquals(huge, e.requested());
        }
    }

    @Test
    @DisplayName("an illegal address from a source kernel is DeviceContextLostException, and so is every later call")
    void stickyError() {
        try (Backend backend = openOrSkip()) {
            assumeTrue(org.jdotcompute.backend.cuda.nvrtc.CudaSourceCompiler.available(), "no CUDA C compiler");
            BackendKernel k = backend.compileSource(SourceKernel.of("wild",
                    "extern \"C\" __global__ void wild(int* p) { ((int*)0x10)[threadIdx.x] = 1; }", int[].class));
            DeviceContextLostException first = assertThrows(DeviceContextLostException.class,
                    () -> backend.launch(k, Range.of(32), List.of(new int[32])));
            assertEquals("CUDA_ERROR_ILLEGAL_ADDRESS", first.nativeErrorName());
            DeviceContextLostException later = assertThrows(DeviceContextLostException.class, () -> backend.allocate(16));
            assertEquals(700, later.nativeErrorCode());
        }
    }
}
