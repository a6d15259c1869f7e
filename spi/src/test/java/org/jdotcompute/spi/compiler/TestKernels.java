package org.jdotcompute.spi.compiler;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/** Kernels for the translator's own tests. */
public final class TestKernels {
    private TestKernels() {
    }

    public static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    public static void forEach(KernelContext ctx, float[] x, float[] out) {
        float s = 0f;
        for (float v : x) {
            s += v;
        }
        out[ctx.globalId(0)] = s;
    }

    public static void doubles(KernelContext ctx, double[] d) {
        d[ctx.globalId(0)] *= 2;
    }

    public static void longs(KernelContext ctx, int[] out) {
        long v = ctx.globalId(0) * 3L;
        out[ctx.globalId(0)] = (int) (v >> 1);
    }

    public static void atomicFloat(KernelContext ctx, float[] sum, long[] counts, int[] hits) {
        Atomics.add(sum, 0, 1f);
        Atomics.add(counts, 0, 1L);
        Atomics.max(hits, 0, ctx.globalId(0));
    }

    public static void withBarrier(KernelContext ctx, int[] data) {
        int[] tile = ctx.localInts(8);
        tile[ctx.localId(0)] = data[ctx.globalId(0)];
        ctx.barrier();
        if (tile[0] < 0) {
            throw new IllegalStateException("negative head " + tile[0]);
        }
        data[ctx.globalId(0)] = tile[7 - ctx.localId(0)];
    }

    public static void throwing(KernelContext ctx, int[] data) {
        int i = ctx.globalId(0);
        if (data[i] < 0) {
            throw new IllegalArgumentException("negative " + data[i]);
        }
        data[i] = helper(data[i]) + Math.addExact(data[i], 1);
    }

    static int helper(int v) {
        if (v == 3) {
            throw new IllegalStateException("three");
        }
        return v / 2;
    }

    public static void twoCallSites(KernelContext ctx, int[] a, int[] b) {
        int i = ctx.globalId(0);
        a[i] = Math.floorMod(a[i], b[i]);
        b[i] = Math.floorMod(b[i], 7);
        a[i] += Math.abs(Math.floorMod(i, 3));
    }

    public static void deviceThrowInBarrierKernel(KernelContext ctx, int[] data) {
        int[] tile = ctx.localInts(4);
        tile[ctx.localId(0)] = checkedHalf(data[ctx.globalId(0)]);
        ctx.barrier();
        data[ctx.globalId(0)] = tile[3 - ctx.localId(0)];
    }

    static int checkedHalf(int v) {
        switch (v & 3) {
            case 0:
                return v / 2;
            case 1:
                return v;
            default:
                throw new IllegalArgumentException("odd " + v);
        }
    }

    public static void unusedResult(KernelContext ctx, int[] data) {
        helper(data[0]);
        Math.max(data[1], 2);
        data[2] = 1;
    }
}
