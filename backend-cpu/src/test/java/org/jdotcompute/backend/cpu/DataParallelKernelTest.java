package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Data-parallel kernels on the CPU backend")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataParallelKernelTest {
    private ComputeRuntime runtime;

    @BeforeAll
    void open() {
        runtime = ComputeRuntime.builder().backend("cpu").build();
    }

    @AfterAll
    void close() {
        runtime.close();
    }

    private static float[] randomFloats(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    @Nested
    @DisplayName("compute what plain Java computes")
    class Results {
        @ParameterizedTest(name = "vector add of {0} elements")
        @ValueSource(ints = {1, 2, 3, 63, 64, 65, 1013, 100_003, 1 << 20})
        @DisplayName("vector add matches a sequential loop")
        void vectorAdd(int n) {
            float[] a = randomFloats(n, 1);
            float[] b = randomFloats(n, 2);
            float[] c = new float[n];
            runtime.launch(runtime.compile(TestKernels.class, "vectorAdd"), Range.of(n), a, b, c);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = a[i] + b[i];
            }
            assertArrayEquals(expected, c);
        }

        @Test
        @DisplayName("SAXPY updates y in place")
        void saxpy() {
            int n = 250_000;
            float[] x = randomFloats(n, 3);
            float[] y = randomFloats(n, 4);
            float[] expected = y.clone();
            for (int i = 0; i < n; i++) {
                expected[i] = 2.5f * x[i] + expected[i];
            }
            runtime.launch(runtime.compile(TestKernels.class, "saxpy"), Range.of(n), 2.5f, x, y);
            assertArrayEquals(expected, y);
        }

        @ParameterizedTest(name = "{0}x{0}")
        @ValueSource(ints = {1, 7, 64, 100})
        @DisplayName("a 2-D matrix multiplication matches the triple loop bit for bit")
        void matmul(int n) {
            float[] a = randomFloats(n * n, 5);
            float[] b = randomFloats(n * n, 6);
            float[] c = new float[n * n];
            runtime.launch(runtime.compile(TestKernels.class, "matmul"), Range.of2d(n, n), n, a, b, c);
            assertArrayEquals(Reference.matmul(n, a, b), c);
        }

        @Test
        @DisplayName("integer arithmetic wraps, shifts and divides exactly as Java")
        void intSemantics() {
            int[] a = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 123456789, -987654321, 46341, 7};
            int[] b = {0, 31, 32, 33, -1, 65536, 3, 46341, -7};
            int[] out = new int[a.length];
            runtime.launch(runtime.compile(TestKernels.class, "intSemantics"), Range.of(a.length), a, b, out);
            for (int i = 0; i < a.length; i++) {
                assertEquals(TestKernels.Semantics.intMix(a[i], b[i]), out[i], "element " + i);
            }
        }

        @Test
        @DisplayName("float arithmetic, NaN, infinities and saturating casts are Java's")
        void floatSemantics() {
            float[] a = {1f, -1f, 0f, -0f, Float.NaN, Float.MAX_VALUE, 3e38f, 1e-45f, 5f, -7.5f};
            float[] b = {3f, 0f, 0f, 0f, 1f, 1e-38f, -1e-10f, 2f, Float.POSITIVE_INFINITY, 0.1f};
            float[] out = new float[a.length];
            int[] casts = new int[a.length];
            runtime.launch(runtime.compile(TestKernels.class, "floatSemantics"), Range.of(a.length), a, b, out, casts);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(TestKernels.Semantics.floatMix(a[i], b[i])),
                        Float.floatToRawIntBits(out[i]), "element " + i);
                assertEquals((int) (a[i] / b[i]), casts[i], "cast of element " + i);
            }
            assertEquals(Integer.MAX_VALUE, casts[5], "(int) of a huge float saturates");
            assertEquals(0, casts[4], "(int) NaN is 0");
        }

        @Test
        @DisplayName("every primitive and primitive-array parameter type arrives intact")
        void allTypes() {
            int n = 5;
            boolean[] flags = new boolean[n];
            byte[] bytes = new byte[n];
            short[] shorts = new short[n];
            char[] chars = new char[n];
            long[] longs = new long[n];
            double[] doubles = new double[n];
            runtime.launch(runtime.compile(TestKernels.class, "allTypes"), Range.of(n), true, (byte) 120, (short) -3,
                    'a', 1_000_000, 1L << 40, 0.5f, 0.25, flags, bytes, shorts, chars, longs, doubles);
            for (int k = 0; k < n; k++) {
                assertTrue(flags[k]);
                assertEquals((byte) (120 + k), bytes[k]);
                assertEquals((short) (-3 + k), shorts[k]);
                assertEquals((char) ('a' + k), chars[k]);
                assertEquals((1L << 40) + 1_000_000 + k, longs[k]);
                assertEquals(0.25 + 0.5f + k, doubles[k]);
            }
        }
    }

    @Nested
    @DisplayName("run every work-item exactly once")
    class Coverage {
        private int[] visits(Range range) {
            int[] visits = new int[(int) range.size()];
            runtime.launch(runtime.compile(TestKernels.class, "countVisits"), range, (Object) visits);
            return visits;
        }

        @ParameterizedTest(name = "1-D range of {0}")
        @ValueSource(ints = {1, 2, 5, 97, 1009, 65_537, 999_983, 16_384 * 3 + 1})
        @DisplayName("in 1-D ranges that are not a multiple of anything, and at block edges")
        void oneDimensional(int n) {
            int[] visits = visits(Range.of(n));
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, visits);
        }

        @Test
        @DisplayName("in 2-D and 3-D ranges of prime sizes")
        void multiDimensional() {
            for (Range r : List.of(Range.of2d(17, 13), Range.of2d(1, 1000), Range.of2d(1000, 1),
                    Range.of3d(5, 7, 3), Range.of3d(1, 1, 1), Range.of3d(31, 1, 29))) {
                int[] visits = visits(r);
                int[] ones = new int[visits.length];
                Arrays.fill(ones, 1);
                assertArrayEquals(ones, visits, r.toString());
            }
        }

        @Test
        @DisplayName("with a 1-element range")
        void oneElement() {
            int[] cell = {41};
            runtime.launch(runtime.compile(TestKernels.class, "one"), Range.of(1), (Object) cell);
            assertEquals(42, cell[0]);
        }

        @Test
        @DisplayName("with an explicit local size whose last chunk has no remainder")
        void explicitLocal() {
            int[] visits = visits(Range.of(4096, 128));
            assertEquals(4096, Arrays.stream(visits).sum());
            assertTrue(Arrays.stream(visits).allMatch(v -> v == 1));
        }
    }

    @Nested
    @DisplayName("give each work-item its ids")
    class Ids {
        private int[] describe(Range range) {
            int[] out = new int[(int) range.size() * 12];
            runtime.launch(runtime.compile(TestKernels.class, "describe"), range, (Object) out);
            return out;
        }

        @Test
        @DisplayName("in a 3-D range with a local size")
        void threeD() {
            Range range = Range.of3d(6, 4, 2).withLocal(3, 2, 1);
            int[] out = describe(range);
            int i = 0;
            for (int z = 0; z < 2; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 6; x++, i++) {
                        int o = i * 12;
                        assertArrayEquals(new int[] {x, y, z, x % 3, y % 2, 0, x / 3, y / 2, z, 3, 2, 60402},
                                Arrays.copyOfRange(out, o, o + 12), "work-item " + x + "," + y + "," + z);
                    }
                }
            }
        }

        @Test
        @DisplayName("with the documented local size when the range has none: the largest divisor up to 64")
        void chosenLocalSize() {
            for (int n : new int[] {1, 7, 64, 96, 1000, 1009}) {
                int[] out = describe(Range.of(n));
                int expected = 1;
                for (int d = Math.min(64, n); d >= 1; d--) {
                    if (n % d == 0) {
                        expected = d;
                        break;
                    }
                }
                assertEquals(expected, out[9], "local size for " + n);
                assertEquals(n / expected, out[10], "groups for " + n);
                int last = (n - 1) * 12;
                assertEquals((n - 1) % expected, out[last + 3]);
                assertEquals((n - 1) / expected, out[last + 6]);
            }
        }
    }

    @Nested
    @DisplayName("use Atomics")
    class AtomicsInKernels {
        @Test
        @DisplayName("for a histogram whose counts add up exactly")
        void histogram() {
            int n = 200_003;
            int[] data = new int[n];
            Random r = new Random(7);
            for (int i = 0; i < n; i++) {
                data[i] = r.nextInt();
            }
            int[] bins = new int[37];
            runtime.launch(runtime.compile(TestKernels.class, "histogram"), Range.of(n), data, bins);
            int[] expected = new int[37];
            for (int v : data) {
                expected[Math.floorMod(v, 37)]++;
            }
            assertArrayEquals(expected, bins);
        }

        @Test
        @DisplayName("for float addition and long maximum")
        void floatAndLong() {
            float[] values = new float[10_000];
            Arrays.fill(values, 0.5f);
            float[] total = {0f};
            runtime.launch(runtime.compile(TestKernels.class, "floatSum"), Range.of(values.length), values, total);
            assertEquals(5000f, total[0]);
            long[] longs = new long[9999];
            for (int i = 0; i < longs.length; i++) {
                longs[i] = (long) i * 1_000_003L % 99991L;
            }
            long[] max = {Long.MIN_VALUE};
            runtime.launch(runtime.compile(TestKernels.class, "longMax"), Range.of(longs.length), longs, max);
            assertEquals(Arrays.stream(longs).max().orElseThrow(), max[0]);
        }
    }

    @Nested
    @DisplayName("check their arguments")
    class ArgumentChecks {
        @Test
        @DisplayName("naming the kernel, the expected types and the count when the count is wrong")
        void wrongCount() {
            CompiledKernel saxpy = runtime.compile(TestKernels.class, "saxpy");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(saxpy, Range.of(4), 1f, new float[4]));
            assertEquals("kernel 'TestKernels.saxpy' takes 3 argument(s) (float, float[], float[]) but got 2",
                    e.getMessage());
        }

        @Test
        @DisplayName("naming the index, the expected and the actual type when a type is wrong")
        void wrongType() {
            CompiledKernel saxpy = runtime.compile(TestKernels.class, "saxpy");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(saxpy, Range.of(4), 2.0, new float[4], new float[4]));
            assertEquals("argument 0 of kernel 'TestKernels.saxpy' must be float but is java.lang.Double; pass a value"
                    + " of exactly that type, e.g. (float) x", e.getMessage());
            IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(saxpy, Range.of(4), 2f, new double[4], new float[4]));
            assertEquals("argument 1 of kernel 'TestKernels.saxpy' must be float[] (or a DeviceBuffer) but is double[]",
                    array.getMessage());
        }

        @Test
        @DisplayName("and a rejected launch is not counted")
        void rejectedNotCounted() {
            CompiledKernel saxpy = runtime.compile(TestKernels.class, "saxpy");
            long before = runtime.backend().launchCount();
            assertThrows(IllegalArgumentException.class, () -> runtime.launch(saxpy, Range.of(4), 1f));
            assertEquals(0, saxpy.launchCount());
            assertEquals(before, runtime.backend().launchCount());
        }
    }

    @Nested
    @DisplayName("are counted and timed")
    class Telemetry {
        @Test
        @DisplayName("per kernel by the engine and per launch by the backend")
        void counted() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                CompiledKernel k = rt.compile(TestKernels.class, "one");
                int[] cell = new int[1];
                for (int i = 0; i < 3; i++) {
                    rt.launch(k, Range.of(1), (Object) cell);
                }
                assertEquals(3, cell[0]);
                assertEquals(3, k.launchCount());
                assertEquals(3, rt.backend().launchCount());
                assertTrue(k.lastDuration().toNanos() > 0);
                assertTrue(k.totalDuration().compareTo(k.lastDuration()) >= 0);
            }
        }
    }

    @Test
    @DisplayName("Launches from several threads at once are independent")
    void concurrentLaunches() throws Exception {
        CompiledKernel saxpy = runtime.compile(TestKernels.class, "saxpy");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                float a = t;
                results.add(pool.submit(() -> {
                    float[] x = new float[50_000];
                    float[] y = new float[50_000];
                    Arrays.fill(x, 1f);
                    for (int rep = 0; rep < 5; rep++) {
                        runtime.launch(saxpy, Range.of(x.length), a, x, y);
                    }
                    return y;
                }));
            }
            for (int t = 0; t < 8; t++) {
                float[] y = results.get(t).get();
                float expected = 5f * t;
                assertTrue(java.util.stream.IntStream.range(0, y.length).allMatch(i -> y[i] == expected), "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Plain-Java references. */
    static final class Reference {
        private Reference() {
        }

        static float[] matmul(int n, float[] a, float[] b) {
            float[] c = new float[n * n];
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    float sum = 0f;
                    for (int k = 0; k < n; k++) {
                        sum += a[row * n + k] * b[k * n + col];
                    }
                    c[row * n + col] = sum;
                }
            }
            return c;
        }
    }
}
