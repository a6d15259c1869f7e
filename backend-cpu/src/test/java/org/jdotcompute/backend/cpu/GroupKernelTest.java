package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("Kernels with barriers and group-local arrays on the CPU backend")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupKernelTest {
    private ComputeRuntime runtime;

    @BeforeAll
    void open() {
        runtime = ComputeRuntime.builder().backend("cpu").build();
    }

    @AfterAll
    void close() {
        runtime.close();
    }

    @Nested
    @DisplayName("compute with work-groups that really synchronise")
    class Results {
        @Test
        @DisplayName("a tiled matrix multiplication equals the untiled kernel bit for bit")
        void tiledMatmul() {
            int n = 48;
            Random r = new Random(11);
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat();
                b[i] = r.nextFloat();
            }
            float[] tiled = new float[n * n];
            runtime.launch(runtime.compile(GroupKernels.class, "tiledMatmul"),
                    Range.of2d(n, n).withLocal(GroupKernels.TILE, GroupKernels.TILE), n, a, b, tiled);
            assertArrayEquals(DataParallelKernelTest.Reference.matmul(n, a, b), tiled);
        }

        @Test
        @DisplayName("a tree reduction gives every group's sum")
        void reduce() {
            int groups = 37;
            int n = groups * GroupKernels.REDUCE_GROUP;
            float[] in = new float[n];
            for (int i = 0; i < n; i++) {
                in[i] = i % 5;
            }
            float[] partial = new float[groups];
            runtime.launch(runtime.compile(GroupKernels.class, "reduce"), Range.of(n, GroupKernels.REDUCE_GROUP), in,
                    partial);
            for (int g = 0; g < groups; g++) {
                float sum = 0;
                for (int i = 0; i < GroupKernels.REDUCE_GROUP; i++) {
                    sum += in[g * GroupKernels.REDUCE_GROUP + i];
                }
                assertEquals(sum, partial[g], "group " + g);
            }
        }

        @Test
        @DisplayName("a histogram with group-local bins and Atomics adds up")
        void localHistogram() {
            int n = 64 * 50;
            int[] data = new int[n];
            Random r = new Random(3);
            int[] expected = new int[GroupKernels.BINS];
            for (int i = 0; i < n; i++) {
                data[i] = r.nextInt(1000) - 500;
                expected[Math.floorMod(data[i], GroupKernels.BINS)]++;
            }
            int[] bins = new int[GroupKernels.BINS];
            runtime.launch(runtime.compile(GroupKernels.class, "localHistogram"), Range.of(n, 64), data, bins);
            assertArrayEquals(expected, bins);
        }

        @Test
        @DisplayName("a barrier reached through a static helper is found and works")
        void barrierInHelper() {
            int[] out = new int[96];
            runtime.launch(runtime.compile(GroupKernels.class, "barrierInHelper"), Range.of(96, 32), (Object) out);
            for (int i = 0; i < 96; i++) {
                assertEquals(i / 32 + 1, out[i], "work-item " + i);
            }
        }

        @Test
        @DisplayName("3-D work-groups share their local arrays and only theirs")
        void threeD() {
            Range range = Range.of3d(8, 6, 4).withLocal(4, 3, 2);
            int[] out = new int[(int) range.size()];
            runtime.launch(runtime.compile(GroupKernels.class, "groupIds3d"), range, (Object) out);
            int i = 0;
            for (int z = 0; z < 4; z++) {
                for (int y = 0; y < 6; y++) {
                    for (int x = 0; x < 8; x++, i++) {
                        assertEquals(x / 4 * 4 * 10000 + y / 3 * 3 * 100 + z / 2 * 2, out[i], x + "," + y + "," + z);
                    }
                }
            }
        }

        @Test
        @DisplayName("a group of one work-item and a single group both work")
        void extremeGroups() {
            int[] out = new int[5];
            runtime.launch(runtime.compile(GroupKernels.class, "barrierInHelper"), Range.of(5, 1), (Object) out);
            assertArrayEquals(new int[] {1, 2, 3, 4, 5}, out);
            int[] single = new int[1024];
            runtime.launch(runtime.compile(GroupKernels.class, "barrierInHelper"), Range.of(1024, 1024), (Object) single);
            assertEquals(1024, java.util.Arrays.stream(single).filter(v -> v == 1).count());
        }
    }

    @Nested
    @DisplayName("reject ranges that do not suit them")
    class Ranges {
        @Test
        @DisplayName("a range without a local size, naming the kernel and the fix")
        void noLocalSize() {
            CompiledKernel reduce = runtime.compile(GroupKernels.class, "reduce");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(reduce, Range.of(1024), new float[1024], new float[16]));
            assertEquals("kernel 'GroupKernels.reduce' calls ctx.localFloats(), so its range needs a local (work-group)"
                    + " size, but Range[1024] has none; give one, e.g. Range.of(1024, 64) or range.withLocal(...)",
                    e.getMessage());
            assertEquals(0, reduce.launchCount(), "a rejected launch is not counted");
        }

        @Test
        @DisplayName("a kernel whose only group feature is a barrier in a helper")
        void noLocalSizeHelper() {
            CompiledKernel k = runtime.compile(GroupKernels.class, "barrierInHelper");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(k, Range.of(10), (Object) new int[10]));
            assertEquals("kernel 'GroupKernels.barrierInHelper' calls ctx.localInts(), so its range needs a local"
                    + " (work-group) size, but Range[10] has none; give one, e.g. Range.of(10, 64) or"
                    + " range.withLocal(...)", e.getMessage());
        }

        @Test
        @DisplayName("a work-group larger than the backend's maximum")
        void tooLarge() {
            CompiledKernel k = runtime.compile(GroupKernels.class, "barrierInHelper");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(k, Range.of(2048, 2048), (Object) new int[2048]));
            assertEquals("the work-group of Range[2048 / 2048] has 2048 work-items, more than the CPU backend's maximum"
                    + " work-group size 1024 (Capabilities.maxWorkGroupSize()); launch kernel"
                    + " 'GroupKernels.barrierInHelper' with a smaller local size", e.getMessage());
        }
    }
}
