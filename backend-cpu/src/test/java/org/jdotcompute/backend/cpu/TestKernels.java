package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/** Data-parallel test kernels (no barriers, no group-local arrays). */
public final class TestKernels {
    private TestKernels() {
    }

    @Kernel
    public static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        if (i < c.length) {
            c[i] = a[i] + b[i];
        }
    }

    @Kernel
    public static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    @Kernel
    public static void matmul(KernelContext ctx, int n, float[] a, float[] b, float[] c) {
        int col = ctx.globalId(0);
        int row = ctx.globalId(1);
        float sum = 0f;
        for (int k = 0; k < n; k++) {
            sum += a[row * n + k] * b[k * n + col];
        }
        c[row * n + col] = sum;
    }

    /** Counts how often each work-item ran, by linear global id. */
    @Kernel
    public static void countVisits(KernelContext ctx, int[] visits) {
        int i = (ctx.globalId(2) * ctx.globalSize(1) + ctx.globalId(1)) * ctx.globalSize(0) + ctx.globalId(0);
        Atomics.add(visits, i, 1);
    }

    /** Writes every context value of each work-item: 12 ints per work-item. */
    @Kernel
    public static void describe(KernelContext ctx, int[] out) {
        int i = (ctx.globalId(2) * ctx.globalSize(1) + ctx.globalId(1)) * ctx.globalSize(0) + ctx.globalId(0);
        int o = i * 12;
        for (int d = 0; d < 3; d++) {
            out[o + d] = ctx.globalId(d);
            out[o + 3 + d] = ctx.localId(d);
            out[o + 6 + d] = ctx.groupId(d);
        }
        out[o + 9] = ctx.localSize(0);
        out[o + 10] = ctx.numGroups(0);
        out[o + 11] = ctx.globalSize(0) * 10000 + ctx.globalSize(1) * 100 + ctx.globalSize(2);
    }

    @Kernel
    public static void histogram(KernelContext ctx, int[] data, int[] bins) {
        int i = ctx.globalId(0);
        Atomics.add(bins, Math.floorMod(data[i], bins.length), 1);
    }

    @Kernel
    public static void floatSum(KernelContext ctx, float[] values, float[] total) {
        Atomics.add(total, 0, values[ctx.globalId(0)]);
    }

    @Kernel
    public static void longMax(KernelContext ctx, long[] values, long[] max) {
        Atomics.max(max, 0, values[ctx.globalId(0)]);
    }

    /** Integer arithmetic whose results wrap around, shift with masked counts and saturate casts, as Java does. */
    @Kernel
    public static void intSemantics(KernelContext ctx, int[] a, int[] b, int[] out) {
        int i = ctx.globalId(0);
        out[i] = Semantics.intMix(a[i], b[i]);
    }

    @Kernel
    public static void floatSemantics(KernelContext ctx, float[] a, float[] b, float[] out, int[] casts) {
        int i = ctx.globalId(0);
        out[i] = Semantics.floatMix(a[i], b[i]);
        casts[i] = (int) (a[i] / b[i]);
    }

    @Kernel
    public static void one(KernelContext ctx, int[] cell) {
        cell[ctx.globalId(0)] += 1;
    }

    @Kernel
    public static void allTypes(KernelContext ctx, boolean flag, byte b, short s, char c, int i, long l, float f,
            double d, boolean[] flags, byte[] bytes, short[] shorts, char[] chars, long[] longs, double[] doubles) {
        int k = ctx.globalId(0);
        flags[k] = flag;
        bytes[k] = (byte) (b + k);
        shorts[k] = (short) (s + k);
        chars[k] = (char) (c + k);
        longs[k] = l + i + k;
        doubles[k] = d + f + k;
    }

    /** The arithmetic of the semantics kernels, shared with the tests' plain-Java reference. */
    public static final class Semantics {
        private Semantics() {
        }

        public static int intMix(int a, int b) {
            int r = a * b + (a << b) + (a >>> (b & 63)) - (a >> 33);
            r ^= Integer.MAX_VALUE + a;
            return r + (b == 0 ? 0 : a / b) + (b == 0 ? 0 : a % b);
        }

        public static float floatMix(float a, float b) {
            return a / b + (float) Math.sqrt(a) - Math.abs(b) * 0.1f + (float) (double) a;
        }
    }
}
