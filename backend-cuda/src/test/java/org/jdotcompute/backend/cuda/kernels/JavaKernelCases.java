package org.jdotcompute.backend.cuda.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;

/**
 * Launches of {@link JavaKernels} with the results plain Java computes, shared by the simulated
 * PTX tests (no GPU) and the GPU tests, so that both check exactly the same expectations.
 */
public final class JavaKernelCases {
    /** Launches {@code JavaKernels.<kernel>} (translated with {@code CheckMode.INDEX}) and returns its failure. */
    @FunctionalInterface
    public interface Launcher {
        Optional<DeviceKernelException> launch(String kernel, Range range, List<Object> arguments);
    }

    private JavaKernelCases() {
    }

    /** Vector add over 1000 work-items (4 blocks of 256: the guard skips the last 24), subnormals kept. */
    public static void vectorAdd(Launcher l) {
        int n = 1000;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.5f - 100f;
            b[i] = i % 3 == 0 ? 1e-40f * i : -i * 0.25f;
            expected[i] = a[i] + b[i];
        }
        assertEquals(Optional.empty(), l.launch("vectorAdd", Range.of(n), List.of(a, b, c)));
        assertArrayEquals(expected, c);
    }

    /** SAXPY on inputs where an FMA would round differently: Java rounds the product and the sum separately. */
    public static void saxpy(Launcher l) {
        int n = 300;
        float alpha = 0.1f;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] expected = new float[n];
        boolean fmaWouldDiffer = false;
        for (int i = 0; i < n; i++) {
            x[i] = 1f / (i + 3);
            y[i] = -x[i] * alpha + i * 1e-9f;
            expected[i] = alpha * x[i] + y[i];
            fmaWouldDiffer |= Math.fma(alpha, x[i], y[i]) != expected[i];
        }
        assertTrue(fmaWouldDiffer, "the inputs must tell an FMA from a multiply and an add");
        assertEquals(Optional.empty(), l.launch("saxpy", Range.of(n), List.of(alpha, x, y)));
        assertArrayEquals(expected, y);
    }

    /** Gather with one index past the source: exactly Java's exception, once, at its line; the other items ran. */
    public static void gatherOutOfBounds(Launcher l) {
        int[] index = new int[64];
        float[] src = new float[50];
        float[] dst = new float[64];
        for (int i = 0; i < 64; i++) {
            index[i] = (i * 7) % 50;
            src[i % 50] = i;
        }
        index[13] = 77;
        DeviceKernelException e = l.launch("gather", Range.of(64), List.of(index, src, dst)).orElseThrow(
                () -> new AssertionError("gather with index 77 into 50 elements must fail"));
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
        assertEquals("Index 77 out of bounds for length 50", e.getCause().getMessage());
        assertEquals("JavaKernels.java:32", e.sourceFile() + ":" + e.sourceLine());
        assertEquals("JavaKernels.gather", e.kernelName());
        assertEquals(1, e.failureCount());
        assertArrayEquals(new int[] {13, 0, 0}, e.globalId());
        for (int i = 0; i < 64; i++) {
            assertEquals(i == 13 ? 0f : src[index[i]], dst[i], "dst[" + i + "]");
        }
    }

    /** Each group's tree sum across barriers, in Java's order of additions. */
    public static void groupSum(Launcher l) {
        int groups = 4;
        int g = JavaKernels.GROUP;
        float[] in = new float[groups * g];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.sin(i) * 1000f;
        }
        float[] expected = new float[groups];
        for (int k = 0; k < groups; k++) {
            float[] tile = Arrays.copyOfRange(in, k * g, (k + 1) * g);
            for (int s = g / 2; s > 0; s >>= 1) {
                for (int lid = 0; lid < s; lid++) {
                    tile[lid] += tile[lid + s];
                }
            }
            expected[k] = tile[0];
        }
        float[] sums = new float[groups];
        assertEquals(Optional.empty(), l.launch("groupSum", Range.of(groups * g, g), List.of(in, sums)));
        assertArrayEquals(expected, sums);
    }

    /** Group-local arrays start zeroed in every group, like new Java arrays. */
    public static void localStartsZeroed(Launcher l) {
        int[] out = new int[64];
        assertEquals(Optional.empty(), l.launch("localStartsZeroed", Range.of(64, 32), List.of(out)));
        int[] expected = new int[64];
        for (int gid = 0; gid < 64; gid++) {
            int lid = gid % 32;
            expected[gid] = tile(lid + 8) * 1000 + tile(lid);
        }
        assertArrayEquals(expected, out);
    }

    private static int tile(int j) {
        return j < 32 && j % 2 == 0 ? j + 1 : 0;
    }

    /** Lookup tables (an int table, a float table holding a NaN and -0.0) and an array made with new. */
    public static void lookupTable(Launcher l) {
        int[] keys = new int[100];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i * 7919 - 300;
        }
        float[] out = new float[100];
        assertEquals(Optional.empty(), l.launch("lookupTable", Range.of(100), List.of(keys, out)));
        for (int i = 0; i < keys.length; i++) {
            int[] digits = new int[2];
            digits[keys[i] & 1] = JavaKernels.POWERS[keys[i] & 3];
            float expected = JavaKernels.SCALES[(keys[i] >>> 2) % 3] * JavaKernels.POWERS.length + digits[1];
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[i]), "element " + i);
        }
    }

    /** Every atomic operation on group-local int, long and float arrays, two groups of 32. */
    public static void localAtomics(Launcher l) {
        int[] values = new int[64];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(-1_000_000, 1_000_000);
        }
        values[5] = Integer.MIN_VALUE;
        values[40] = Integer.MAX_VALUE;
        long[] out = new long[16];
        assertEquals(Optional.empty(), l.launch("localAtomics", Range.of(64, 32), List.of(values, out)));
        long[] expected = new long[16];
        for (int g = 0; g < 2; g++) {
            int sum = 0;
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            long lsum = 0;
            long lmin = Long.MAX_VALUE;
            long lmax = Long.MIN_VALUE;
            float fsum = 0;
            for (int i = g * 32; i < g * 32 + 32; i++) {
                int v = values[i];
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                lsum += v * 1_000_000L;
                lmin = Math.min(lmin, v * -3L);
                lmax = Math.max(lmax, (long) v << 20);
                fsum += v & 0xff;
            }
            long[] e = {sum, min, max, lsum, lmin, lmax, 64, (long) fsum};
            System.arraycopy(e, 0, expected, g * 8, 8);
        }
        assertArrayEquals(expected, out);
    }
}
