package org.jdotcompute.backend.cuda.kernels;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/**
 * Java kernels of this module's tests, translated by the real bytecode front end: the golden-PTX
 * kernels and kernels for behaviour the corpus does not exercise. Thread-safe (stateless).
 */
public final class JavaKernels {
    /** The work-group size of {@link #groupSum}. */
    public static final int GROUP = 64;

    private JavaKernels() {
    }

    /** {@code c = a + b}. */
    public static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        c[i] = a[i] + b[i];
    }

    /** {@code y = alpha * x + y}. */
    public static void saxpy(KernelContext ctx, float alpha, float[] x, float[] y) {
        int i = ctx.globalId(0);
        y[i] = alpha * x[i] + y[i];
    }

    /** {@code dst[i] = src[index[i]]}: a data-dependent index, bounds-checked under {@code INDEX}. */
    public static void gather(KernelContext ctx, int[] index, float[] src, float[] dst) {
        int i = ctx.globalId(0);
        dst[i] = src[index[i]];
    }

    /** A tree reduction of each work-group's values in a local tile across barriers: one sum per group. */
    public static void groupSum(KernelContext ctx, float[] in, float[] sums) {
        float[] tile = ctx.localFloats(GROUP);
        int lid = ctx.localId(0);
        tile[lid] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int s = GROUP / 2; s > 0; s >>= 1) {
            if (lid < s) {
                tile[lid] += tile[lid + s];
            }
            ctx.barrier();
        }
        if (lid == 0) {
            sums[ctx.groupId(0)] = tile[0];
        }
    }

    /**
     * Reads group-local elements no work-item wrote: a Java array starts zeroed, so they are 0
     * (groups of 32; the tile has 40 ints, only even ids below 32 are written; 5 bytes, none written).
     */
    public static void localStartsZeroed(KernelContext ctx, int[] out) {
        int[] tile = ctx.localInts(40);
        byte[] bytes = ctx.localBytes(5);
        int lid = ctx.localId(0);
        if (lid % 2 == 0) {
            tile[lid] = lid + 1;
        }
        ctx.barrier();
        out[ctx.globalId(0)] = tile[lid + 8] * 1000 + tile[lid] + bytes[lid % 5];
    }

    /**
     * Every atomic operation on group-local arrays (the corpus uses local {@code int} add only):
     * per group, the sum, minimum and maximum of the values as ints and longs, a CAS-counted total
     * and a float sum of small integers (exact in any order). Groups of 32; 8 results per group.
     */
    public static void localAtomics(KernelContext ctx, int[] values, long[] out) {
        int[] ints = ctx.localInts(4);
        long[] longs = ctx.localLongs(3);
        float[] floats = ctx.localFloats(1);
        int lid = ctx.localId(0);
        if (lid == 0) {
            ints[1] = Integer.MAX_VALUE;
            ints[2] = Integer.MIN_VALUE;
            longs[1] = Long.MAX_VALUE;
            longs[2] = Long.MIN_VALUE;
        }
        ctx.barrier();
        int v = values[ctx.globalId(0)];
        Atomics.add(ints, 0, v);
        Atomics.min(ints, 1, v);
        Atomics.max(ints, 2, v);
        Atomics.add(longs, 0, (long) v * 1_000_000L);
        Atomics.min(longs, 1, (long) v * -3L);
        Atomics.max(longs, 2, (long) v << 20);
        int old;
        do {
            old = ints[3];
        } while (!Atomics.compareAndSet(ints, 3, old, old + 2));
        Atomics.add(floats, 0, (float) (v & 0xff));
        ctx.barrier();
        if (lid == 0) {
            int o = ctx.groupId(0) * 8;
            out[o] = ints[0];
            out[o + 1] = ints[1];
            out[o + 2] = ints[2];
            out[o + 3] = longs[0];
            out[o + 4] = longs[1];
            out[o + 5] = longs[2];
            out[o + 6] = ints[3];
            out[o + 7] = (long) floats[0];
        }
    }

    /** Powers of two, read as a constant table. */
    static final int[] POWERS = {1, 2, 4, 8};
    /** A float table with a NaN and a negative zero. */
    static final float[] SCALES = {0.5f, Float.NaN, -0.0f};

    /** Lookup tables and a small array made with {@code new}. */
    public static void lookupTable(KernelContext ctx, int[] keys, float[] out) {
        int i = ctx.globalId(0);
        if (i < out.length) {
            int[] digits = new int[2];
            digits[keys[i] & 1] = POWERS[keys[i] & 3];
            out[i] = SCALES[(keys[i] >>> 2) % 3] * POWERS.length + digits[1];
        }
    }
}
