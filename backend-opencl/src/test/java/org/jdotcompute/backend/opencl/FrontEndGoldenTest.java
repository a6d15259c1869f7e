package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.GoldenFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCL C generated through the whole compiler — Java bytecode, front end, IR, emitter — for
 * the kernels of {@link GoldenKernels}, locked as golden files in
 * {@code src/test/resources/golden/frontend} after being reviewed by eye. To regenerate them after
 * an intended change, run with {@code -Djdotcompute.golden.update=true} and review the diff. The
 * same kernels also run on the device here, so a golden file is never a locked-in wrong answer.
 */
@DisplayName("OpenCL C from Java kernels through the front end")
class FrontEndGoldenTest {
    static final String DIRECTORY = "golden/frontend";

    static KernelIR ir(String kernel) {
        Method method = Arrays.stream(GoldenKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(kernel))
                .findFirst().orElseThrow(() -> new AssertionError("GoldenKernels has no method " + kernel));
        return KernelTranslator.translate(method, CheckMode.INDEX);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vectorAdd", "saxpy", "checkedGather", "reduce", "histogram", "lookupTable"})
    @DisplayName("emits exactly the reviewed source for")
    void matchesGolden(String kernel) {
        String source = new OpenClEmitter(OpenClEmitterGoldenTest.OPTIONS).emit(ir(kernel)).source();
        GoldenFiles.assertMatches(DIRECTORY + "/" + kernel + ".cl", source, "the OpenCL C for " + kernel);
    }

    @Nested
    @DisplayName("and the same kernels on the device")
    class OnDevice {
        private static ComputeRuntime runtime;

        @BeforeAll
        static void open() {
            OpenClTestSupport.assumeOpenCl();
            runtime = ComputeRuntime.builder().backend("opencl").build();
        }

        @AfterAll
        static void close() {
            if (runtime != null) {
                runtime.close();
            }
        }

        private static CompiledKernel compile(String name) {
            return runtime.compile(GoldenKernels.lookup(), name);
        }

        @Test
        @DisplayName("vector add and SAXPY compute Java's float results, including the tail guard")
        void vectorAddAndSaxpy() {
            int n = 1000;
            float[] a = new float[n];
            float[] b = new float[n];
            Random random = new Random(5);
            for (int i = 0; i < n; i++) {
                a[i] = random.nextFloat() * 100 - 50;
                b[i] = random.nextFloat() * 100 - 50;
            }
            float[] c = new float[n];
            runtime.launch(compile("vectorAdd"), Range.of(1024, 64), a, b, c);
            float[] y = b.clone();
            runtime.launch(compile("saxpy"), Range.of(1024, 64), 1.5f, a, y);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(a[i] + b[i]), Float.floatToIntBits(c[i]), "c[" + i + "]");
                assertEquals(Float.floatToIntBits(1.5f * a[i] + b[i]), Float.floatToIntBits(y[i]), "y[" + i + "]");
            }
        }

        @Test
        @DisplayName("the checked gather reports a negative index as the kernel's IllegalArgumentException")
        void checkedGatherThrows() {
            int[] index = {3, 2, 1, 0, -7, 1};
            float[] source = {10f, 11f, 12f, 13f};
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> runtime.launch(compile("checkedGather"), Range.of(6), index, source, new float[6]));
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals("negative index -7 at work-item 4", cause.getMessage());
            assertEquals("GoldenKernels.java:47", e.sourceFile() + ":" + e.sourceLine());
            assertArrayEquals(new int[] {4, 0, 0}, e.globalId());
        }

        @Test
        @DisplayName("the checked gather reports an index past the end as ArrayIndexOutOfBoundsException")
        void checkedGatherOutOfBounds() {
            int[] index = {0, 4};
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> runtime.launch(compile("checkedGather"), Range.of(2), index, new float[4], new float[2]));
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertEquals("Index 4 out of bounds for length 4", e.getCause().getMessage());
            assertEquals("GoldenKernels.java:49", e.sourceFile() + ":" + e.sourceLine());
        }

        @Test
        @DisplayName("the reduction sums each work-group as the same tree of float additions in Java does")
        void reduce() {
            int groups = 8;
            float[] in = new float[GoldenKernels.GROUP * groups];
            Random random = new Random(9);
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat() * 2 - 1;
            }
            float[] partial = new float[groups];
            runtime.launch(compile("reduce"), Range.of(in.length, GoldenKernels.GROUP), in, partial);
            for (int g = 0; g < groups; g++) {
                float[] tile = Arrays.copyOfRange(in, g * GoldenKernels.GROUP, (g + 1) * GoldenKernels.GROUP);
                for (int s = GoldenKernels.GROUP / 2; s > 0; s >>= 1) {
                    for (int l = 0; l < s; l++) {
                        tile[l] += tile[l + s];
                    }
                }
                assertEquals(Float.floatToIntBits(tile[0]), Float.floatToIntBits(partial[g]), "group " + g);
            }
        }

        @Test
        @DisplayName("the histogram counts every value in its bin")
        void histogram() {
            int n = 4096;
            int[] data = new Random(3).ints(n).toArray();
            int[] bins = new int[16];
            runtime.launch(compile("histogram"), Range.of(n), data, bins);
            int[] expected = new int[16];
            for (int v : data) {
                expected[v & 15]++;
            }
            assertArrayEquals(expected, bins);
            assertEquals(n, Arrays.stream(bins).sum());
        }
    }
}
