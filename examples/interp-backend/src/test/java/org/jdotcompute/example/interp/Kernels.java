package org.jdotcompute.example.interp;

import java.lang.invoke.MethodHandles;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/**
 * Kernels for the interp backend's own tests. Their package is not opened: compile them with
 * {@code runtime.compile(Kernels.LOOKUP, "name")}. Lines ending in {@code // FAILS:name} are
 * where a failure is reported ({@link org.jdotcompute.testkit.SourceLines}).
 */
final class Kernels {
    static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private Kernels() {
    }

    static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    static void fill(KernelContext ctx, int[] out, int value) {
        out[ctx.globalId(0)] = value + ctx.globalId(0);
    }

    /** Adds {@code in[i]} to {@code out[i]}: passing one buffer for both doubles it. */
    static void addInto(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] += in[i];
    }

    static void copyFloatsToInts(KernelContext ctx, float[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = (int) in[i];
    }

    static void everyType(KernelContext ctx, boolean[] z, byte[] b, char[] c, short[] s, long[] l, double[] d) {
        int i = ctx.globalId(0);
        z[i] = !z[i];
        b[i] = (byte) (b[i] + 1);
        c[i] = (char) (c[i] + 1);
        s[i] = (short) (s[i] - 1);
        l[i] = l[i] * 3;
        d[i] = d[i] / 2;
    }

    static void ids2d(KernelContext ctx, int[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        out[y * ctx.globalSize(0) + x] = x * 100 + y;
    }

    /** Sums each group of {@code in} through group-local memory and barriers. */
    static void groupSums(KernelContext ctx, int[] in, int[] sums) {
        int[] tile = ctx.localInts(64);
        int l = ctx.localId(0);
        tile[l] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int stride = ctx.localSize(0) / 2; stride > 0; stride /= 2) {
            if (l < stride) {
                tile[l] += tile[l + stride];
            }
            ctx.barrier();
        }
        if (l == 0) {
            sums[ctx.groupId(0)] = tile[0];
        }
    }

    static void histogram(KernelContext ctx, int[] data, int[] bins) {
        Atomics.add(bins, Math.floorMod(data[ctx.globalId(0)], bins.length), 1);
    }

    /** Needs more group-local memory than the backend has. */
    static void hugeTile(KernelContext ctx, double[] out) {
        double[] tile = ctx.localDoubles(16 * 1024);
        tile[ctx.localId(0)] = 1;
        ctx.barrier();
        out[ctx.globalId(0)] = tile[0];
    }

    /** Allocates an array of computed length, which kernels cannot (a constant length would do). */
    static void allocates(KernelContext ctx, int[] out) {
        int[] scratch = new int[out.length];
        out[ctx.globalId(0)] = scratch.length;
    }

    /** Reads one past the end for the last work-item; every work-item writes its slot first. */
    static void boundsRead(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = 7;
        out[i] = in[i + 1]; // FAILS:boundsRead
    }

    static void rejectsNegative(KernelContext ctx, int[] in) {
        int v = in[ctx.globalId(0)];
        if (v < 0) {
            throw new IllegalArgumentException("negative value " + v + " at " + ctx.globalId(0)); // FAILS:negative
        }
    }

    /** Diverges at barriers: the first half of each group returns before the barrier. */
    static void divergentBarrier(KernelContext ctx, int[] out) {
        if (ctx.localId(0) < ctx.localSize(0) / 2) {
            return;
        }
        ctx.barrier();
        out[ctx.globalId(0)] = 1;
    }
}
