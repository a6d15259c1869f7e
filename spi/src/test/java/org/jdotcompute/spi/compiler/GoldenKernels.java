package org.jdotcompute.spi.compiler;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/** Kernels whose IR is locked in golden files (src/test/resources/golden). Edit only with the golden files. */
public final class GoldenKernels {
    private GoldenKernels() {
    }

    public static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    public static void nanBranches(KernelContext ctx, float[] x, double[] y, int[] out) {
        int i = ctx.globalId(0);
        int r = 0;
        if (x[i] < 1f) {
            r |= 1;
        }
        if (y[i] >= 2.0) {
            r |= 2;
        }
        if (x[i] != x[i]) {
            r |= 4;
        }
        out[i] = r;
    }

    public static void switches(KernelContext ctx, int[] keys, long[] out) {
        int i = ctx.globalId(0);
        long v = switch (keys[i]) {
            case 1 -> 10L;
            case 2 -> 20L;
            case 3 -> 30L;
            default -> -1L;
        };
        switch (keys[i]) {
            case -100 -> v <<= 1;
            case 100000 -> v >>>= 3;
            default -> v++;
        }
        out[i] = v;
    }

    public static void reduce(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.localFloats(16);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        if (gid >= in.length) {
            throw new IllegalStateException("work-item " + gid + " is beyond " + in.length + " inputs");
        }
        tile[lid] = in[gid];
        ctx.barrier();
        for (int s = 8; s > 0; s >>= 1) {
            if (lid < s) {
                tile[lid] += tile[lid + s];
            }
            ctx.barrier();
        }
        if (lid == 0) {
            Atomics.add(out, 0, tile[0]);
        }
    }

    public static void divide(KernelContext ctx, int[] a, int[] b, short[] s) {
        int i = ctx.globalId(0);
        a[i] = Math.floorDiv(a[i], b[i]) + a[i] % b[i];
        s[i] = (short) (s[i] / 3);
    }

    public static void messages(KernelContext ctx, long[] l, char[] c, boolean[] z) {
        int i = ctx.globalId(0);
        if (l[i] < 0) {
            throw new ArithmeticException("l=" + l[i] + " c=" + c[i] + " z=" + z[i] + " const=" + 42 + 'x');
        }
        l[i] = Math.multiplyExact(l[i], 2L);
    }

    static final int[] POWERS = {1, 2, 4, 8};
    static final float[] SCALES = {0.5f, Float.NaN};

    public static void lookup(KernelContext ctx, int[] keys, float[] out) {
        int i = ctx.globalId(0);
        int[] digits = new int[2];
        digits[keys[i] & 1] = POWERS[keys[i] & 3];
        out[i] = SCALES[digits[0] & 1] * POWERS.length + digits[1];
    }
}
