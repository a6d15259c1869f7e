package org.jdotcompute.backend.opencl;

import java.lang.invoke.MethodHandles;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/**
 * Java kernels as users write them, whose OpenCL C (through the bytecode front end) is locked in
 * {@code src/test/resources/golden/frontend}. The failure sites in the golden files carry the
 * lines of this file: editing it above a kernel changes them (regenerate and review).
 */
final class GoldenKernels {
    static final int GROUP = 64;

    private GoldenKernels() {
    }

    /** A lookup for compiling these kernels (the package is not exported). */
    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    @Kernel
    static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        if (i < c.length) {
            c[i] = a[i] + b[i];
        }
    }

    @Kernel
    static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    /** A gather with bounds checks on every access and an explicit throw with runtime values. */
    @Kernel
    static void checkedGather(KernelContext ctx, int[] index, float[] source, float[] target) {
        int i = ctx.globalId(0);
        int j = index[i];
        if (j < 0) {
            throw new IllegalArgumentException("negative index " + j + " at work-item " + i);
        }
        target[i] = source[j];
    }

    /** A tree reduction of each work-group's elements in group-local memory, one partial sum per group. */
    @Kernel
    static void reduce(KernelContext ctx, float[] in, float[] partial) {
        float[] tile = ctx.localFloats(GROUP);
        int lid = ctx.localId(0);
        tile[lid] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int s = ctx.localSize(0) / 2; s > 0; s >>= 1) {
            if (lid < s) {
                tile[lid] += tile[lid + s];
            }
            ctx.barrier();
        }
        if (lid == 0) {
            partial[ctx.groupId(0)] = tile[0];
        }
    }

    /** Counts values into 16 bins with atomic increments. */
    @Kernel
    static void histogram(KernelContext ctx, int[] data, int[] bins) {
        int i = ctx.globalId(0);
        Atomics.add(bins, data[i] & 15, 1);
    }

    /** Powers of two and a float table with a NaN, read as constant tables. */
    static final int[] POWERS = {1, 2, 4, 8};
    static final float[] SCALES = {0.5f, Float.NaN, -0.0f};
    static final double[] WEIGHTS = {0.25, 0.75};

    /** Lookup tables and a small array made with new. */
    @Kernel
    static void lookupTable(KernelContext ctx, int[] keys, float[] out, double[] weighted) {
        int i = ctx.globalId(0);
        int[] digits = new int[2];
        digits[keys[i] & 1] = POWERS[keys[i] & 3];
        out[i] = SCALES[(keys[i] >>> 2) % 3] * POWERS.length + digits[1];
        weighted[i] = WEIGHTS[keys[i] & 1] * keys[i];
    }
}
