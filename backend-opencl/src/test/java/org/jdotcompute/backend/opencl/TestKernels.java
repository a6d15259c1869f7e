package org.jdotcompute.backend.opencl;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/**
 * The Java kernels whose IR {@link HandBuiltKernels} builds by hand (until the bytecode front end
 * lands). The sites' source lines in the IR are the lines of this file; keep them in step.
 */
final class TestKernels {
    private TestKernels() {
    }

    static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        if (i < c.length) {
            c[i] = a[i] + b[i];
        }
    }

    static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i]; // line 24
        }
    }

    static void branchy(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        int v = in[i];
        int r;
        if (v < 0) {
            r = -1;
        } else {
            int steps = 0;
            while (v > 1) {
                if ((v & 1) == 0) {
                    v = v >> 1;
                } else {
                    v = 3 * v + 1;
                }
                steps++;
            }
            r = switch (steps % 4) {
                case 0 -> steps;
                case 1 -> steps * 10;
                case 2 -> -steps;
                default -> 7;
            };
        }
        out[i] = r;
    }

    static void checkedGather(KernelContext ctx, int[] idx, float[] src, float[] dst) {
        int i = ctx.globalId(0);
        int j = idx[i]; // line 56
        if (j < -1000) {
            throw new IllegalArgumentException("bad index " + j + " at " + i); // line 58
        }
        dst[i] = load(src, j); // line 60
    }

    static float load(float[] a, int j) {
        return a[j]; // line 64
    }

    static void reduce(KernelContext ctx, float[] in, float[] partial) {
        float[] tile = ctx.localFloats(64);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        tile[lid] = in[gid]; // line 71
        ctx.barrier();
        for (int s = ctx.localSize(0) / 2; s > 0; s >>= 1) {
            if (lid < s) {
                tile[lid] += tile[lid + s]; // line 75
            }
            ctx.barrier();
        }
        if (lid == 0) {
            partial[ctx.groupId(0)] = tile[0]; // line 80
        }
    }

    static void histogram(KernelContext ctx, int[] data, int[] bins) {
        int i = ctx.globalId(0);
        int b = data[i] & 15; // line 86
        Atomics.add(bins, b, 1); // line 87
    }

    static void atomicsMix(KernelContext ctx, float[] sum, long[] extremes, int[] slots, int[] wins) {
        int i = ctx.globalId(0);
        Atomics.add(sum, 0, (float) i);
        long l = (long) i * 3;
        Atomics.max(extremes, 0, l);
        Atomics.min(extremes, 1, -l);
        boolean won = Atomics.compareAndSet(slots, i, 0, 5);
        Atomics.add(wins, 0, won ? 1 : 0);
    }
}
