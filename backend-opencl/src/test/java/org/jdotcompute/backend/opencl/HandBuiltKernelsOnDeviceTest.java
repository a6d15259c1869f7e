package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.backend.opencl.HandBuiltKernels.Fixture;
import org.jdotcompute.spi.BackendKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hand-built IR kernels run on the OpenCL device: results equal Java's, and failing
 * work-items produce the exact {@link DeviceKernelException} the CPU backend would throw.
 */
@DisplayName("Hand-built IR kernels on the OpenCL device")
class HandBuiltKernelsOnDeviceTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    static BackendKernel compile(Fixture fixture) {
        return backend.compile(fixture.request());
    }

    static void launch(BackendKernel kernel, Range range, Object... args) {
        backend.launch(kernel, range, Arrays.asList(args));
    }

    static float[] floats(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (r.nextFloat() - 0.5f) * 1000f;
        }
        return a;
    }

    /** Asserts the exact shape of a device failure: class, message, location, work-item, count. */
    static void assertFailure(DeviceKernelException e, Class<? extends Throwable> type, String causeMessage,
            String kernel, String method, int line, int globalId, long count) {
        Throwable cause = e.getCause();
        assertInstanceOf(type, cause);
        assertEquals(causeMessage, cause.getMessage());
        assertEquals(kernel, e.kernelName());
        assertEquals("TestKernels.java", e.sourceFile());
        assertEquals(line, e.sourceLine());
        assertArrayEquals(new int[] {globalId, 0, 0}, e.globalId());
        assertEquals(count, e.failureCount());
        assertEquals("OpenCL", e.backend());
        assertEquals(type.getSimpleName() + ": " + causeMessage + " in kernel '" + kernel + "' at TestKernels.java:" + line
                + " (global id (" + globalId + ", 0, 0); " + count + " failing work-item(s))", e.reason());
        assertEquals("[OpenCL] Execution failed: " + e.reason(), e.getMessage());
        StackTraceElement frame = cause.getStackTrace()[0];
        assertEquals(TestKernels.class.getName(), frame.getClassName());
        assertEquals(method, frame.getMethodName());
        assertEquals(line, frame.getLineNumber());
    }

    @Nested
    @DisplayName("vector add")
    class VectorAdd {
        @Test
        @DisplayName("adds element-wise, leaving the range's extra work-items idle")
        void adds() {
            BackendKernel k = compile(HandBuiltKernels.vectorAdd());
            float[] a = floats(1000, 1);
            float[] b = floats(1000, 2);
            float[] c = new float[1000];
            long before = backend.launchCount();
            launch(k, Range.of(1024), a, b, c);
            for (int i = 0; i < c.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i] + b[i]), Float.floatToRawIntBits(c[i]), "element " + i);
            }
            assertEquals(before + 1, backend.launchCount());
        }

        @Test
        @DisplayName("a second compile of the same kernel reuses the built program")
        void cachesPrograms() {
            compile(HandBuiltKernels.vectorAdd()).close();
            int programs = backend.cachedPrograms();
            BackendKernel again = compile(HandBuiltKernels.vectorAdd());
            assertEquals(programs, backend.cachedPrograms());
            float[] c = new float[4];
            launch(again, Range.of(4), new float[] {1, 2, 3, 4}, new float[] {10, 20, 30, 40}, c);
            assertArrayEquals(new float[] {11, 22, 33, 44}, c);
        }
    }

    @Nested
    @DisplayName("SAXPY with bounds checks")
    class Saxpy {
        @Test
        @DisplayName("computes a * x + y with two roundings, like Java")
        void computes() {
            BackendKernel k = compile(HandBuiltKernels.saxpy());
            float[] x = floats(4096, 3);
            float[] y = floats(4096, 4);
            float[] expected = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                expected[i] = 2.5f * x[i] + y[i];
            }
            launch(k, Range.of(4096, 64), 2.5f, x, y);
            assertArrayEquals(expected, y);
        }

        @Test
        @DisplayName("reports one out-of-bounds read as Java's ArrayIndexOutOfBoundsException at the source line")
        void oneFailure() {
            BackendKernel k = compile(HandBuiltKernels.saxpy());
            float[] x = new float[15];
            float[] y = new float[16];
            Arrays.fill(x, 1f);
            Arrays.fill(y, 1f);
            DeviceKernelException e = assertThrows(DeviceKernelException.class, () -> launch(k, Range.of(16), 2f, x, y));
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index 15 out of bounds for length 15",
                    "TestKernels.saxpy", "saxpy", 24, 15, 1);
            float[] expected = new float[16];
            Arrays.fill(expected, 0, 15, 3f);
            expected[15] = 1f;
            assertArrayEquals(expected, y, "the arrays are copied back even when a work-item failed");
        }

        @Test
        @DisplayName("counts every failing work-item and reports the first that claimed the record")
        void manyFailures() {
            BackendKernel k = compile(HandBuiltKernels.saxpy());
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> launch(k, Range.of(16), 2f, new float[10], new float[16]));
            int reported = e.globalId()[0];
            assertTrue(reported >= 10 && reported < 16, "reported work-item " + reported);
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index " + reported + " out of bounds for length 10",
                    "TestKernels.saxpy", "saxpy", 24, reported, 6);
        }
    }

    @Nested
    @DisplayName("a branchy kernel")
    class Branchy {
        @Test
        @DisplayName("follows loops, branches and a switch exactly like Java")
        void matchesJava() {
            BackendKernel k = compile(HandBuiltKernels.branchy());
            int[] in = new int[1200];
            for (int i = 0; i < in.length; i++) {
                in[i] = i - 100;
            }
            int[] out = new int[in.length];
            launch(k, Range.of(in.length), in, out);
            for (int i = 0; i < in.length; i++) {
                assertEquals(HandBuiltKernels.branchy(in[i]), out[i], "input " + in[i]);
            }
        }
    }

    @Nested
    @DisplayName("a gather through a device function")
    class CheckedGather {
        @Test
        @DisplayName("gathers when every index is in bounds")
        void gathers() {
            BackendKernel k = compile(HandBuiltKernels.checkedGather());
            float[] src = {10, 11, 12, 13, 14, 15, 16, 17};
            int[] idx = {7, 0, 3, 3, 1};
            float[] dst = new float[5];
            launch(k, Range.of(5), idx, src, dst);
            assertArrayEquals(new float[] {17, 10, 13, 13, 11}, dst);
        }

        @Test
        @DisplayName("reports a bad index inside the device function at the function's line")
        void failsInDeviceFunction() {
            BackendKernel k = compile(HandBuiltKernels.checkedGather());
            float[] src = new float[8];
            int[] idx = {0, 1, 12, 2};
            float[] dst = {-1, -1, -1, -1};
            DeviceKernelException e = assertThrows(DeviceKernelException.class, () -> launch(k, Range.of(4), idx, src, dst));
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index 12 out of bounds for length 8",
                    "TestKernels.checkedGather", "load", 64, 2, 1);
            assertArrayEquals(new float[] {0, 0, -1, 0}, dst, "the failing work-item left the function and the kernel");
        }

        @Test
        @DisplayName("rethrows an explicit throw with its message built from runtime values")
        void explicitThrow() {
            BackendKernel k = compile(HandBuiltKernels.checkedGather());
            int[] idx = {0, 0, 0, -5000, 0};
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> launch(k, Range.of(5), idx, new float[8], new float[5]));
            assertFailure(e, IllegalArgumentException.class, "bad index -5000 at 3", "TestKernels.checkedGather",
                    "checkedGather", 58, 3, 1);
        }

        @Test
        @DisplayName("reports the kernel's own bounds check when the range is larger than the index array")
        void kernelCheck() {
            BackendKernel k = compile(HandBuiltKernels.checkedGather());
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> launch(k, Range.of(3), new int[2], new float[8], new float[3]));
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index 2 out of bounds for length 2",
                    "TestKernels.checkedGather", "checkedGather", 56, 2, 1);
        }
    }

    @Nested
    @DisplayName("a barrier reduction in group-local memory")
    class Reduce {
        @Test
        @DisplayName("sums each work-group in Java's order, bit for bit")
        void sums() {
            BackendKernel k = compile(HandBuiltKernels.reduce());
            float[] in = floats(1024, 5);
            float[] partial = new float[16];
            launch(k, Range.of(1024, 64), in, partial);
            for (int g = 0; g < 16; g++) {
                assertEquals(HandBuiltKernels.reduce(in, g * 64, 64), partial[g], "group " + g);
            }
        }

        @Test
        @DisplayName("needs an explicit work-group size")
        void needsLocalSize() {
            BackendKernel k = compile(HandBuiltKernels.reduce());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> launch(k, Range.of(1024), new float[1024], new float[16]));
            assertEquals("kernel 'TestKernels.reduce' uses ctx.barrier() or group-local arrays and needs an explicit"
                    + " work-group size, but Range[1024] has none; launch it with a local size, e.g. Range.of(1024, 64)"
                    + " where 64 divides the global size", e.getMessage());
        }

        @Test
        @DisplayName("still reaches every barrier when work-items fail, and reports them")
        void failingWorkItemsReachBarriers() {
            BackendKernel k = compile(HandBuiltKernels.reduce());
            float[] in = floats(1000, 6);
            float[] partial = new float[16];
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> launch(k, Range.of(1024, 64), in, partial));
            int reported = e.globalId()[0];
            assertTrue(reported >= 1000, "reported work-item " + reported);
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index " + reported + " out of bounds for length 1000",
                    "TestKernels.reduce", "reduce", 71, reported, 24);
            for (int g = 0; g < 15; g++) {
                assertEquals(HandBuiltKernels.reduce(in, g * 64, 64), partial[g], "group " + g + " had no failure");
            }
        }
    }

    @Nested
    @DisplayName("atomics")
    class AtomicKernels {
        @Test
        @DisplayName("an atomic histogram counts every element")
        void histogram() {
            BackendKernel k = compile(HandBuiltKernels.histogram());
            Random r = new Random(7);
            int[] data = new int[10_000];
            int[] expected = new int[16];
            for (int i = 0; i < data.length; i++) {
                data[i] = r.nextInt();
                expected[data[i] & 15]++;
            }
            int[] bins = new int[16];
            launch(k, Range.of(data.length), data, bins);
            assertArrayEquals(expected, bins);
        }

        @Test
        @DisplayName("a histogram with too few bins fails with Java's exception")
        void histogramTooFewBins() {
            BackendKernel k = compile(HandBuiltKernels.histogram());
            int[] data = {1, 2, 9, 3};
            int[] bins = new int[8];
            DeviceKernelException e = assertThrows(DeviceKernelException.class, () -> launch(k, Range.of(4), data, bins));
            assertFailure(e, ArrayIndexOutOfBoundsException.class, "Index 9 out of bounds for length 8",
                    "TestKernels.histogram", "histogram", 87, 2, 1);
            assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0, 0, 0}, bins);
        }

        @Test
        @DisplayName("float add, long max and min, and int compare-and-set behave like Atomics on the host")
        void mix() {
            BackendKernel k = compile(HandBuiltKernels.atomicsMix());
            int n = 1000;
            float[] sum = new float[1];
            long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE};
            int[] slots = new int[n];
            for (int i = 1; i < n; i += 2) {
                slots[i] = 7;
            }
            int[] wins = new int[1];
            launch(k, Range.of(n), sum, extremes, slots, wins);
            assertEquals(499_500f, sum[0]);
            assertArrayEquals(new long[] {2997, -2997}, extremes);
            for (int i = 0; i < n; i++) {
                assertEquals(i % 2 == 0 ? 5 : 7, slots[i], "slot " + i);
            }
            assertEquals(500, wins[0]);
        }
    }

    @Test
    @DisplayName("every hand-built kernel compiles on the device")
    void allCompile() {
        List<Fixture> all = HandBuiltKernels.all();
        for (Fixture f : all) {
            compile(f).close();
        }
    }
}
