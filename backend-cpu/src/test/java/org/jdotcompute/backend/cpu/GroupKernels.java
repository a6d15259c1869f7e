package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/** Test kernels that use barriers and group-local arrays. */
public final class GroupKernels {
    static final int TILE = 8;
    static final int REDUCE_GROUP = 64;
    static final int BINS = 16;

    private GroupKernels() {
    }

    /** C = A x B with TILE x TILE tiles in group-local memory; launch with local (TILE, TILE). */
    @Kernel
    public static void tiledMatmul(KernelContext ctx, int n, float[] a, float[] b, float[] c) {
        float[] tileA = ctx.localFloats(TILE * TILE);
        float[] tileB = ctx.localFloats(TILE * TILE);
        int tx = ctx.localId(0);
        int ty = ctx.localId(1);
        int col = ctx.globalId(0);
        int row = ctx.globalId(1);
        float sum = 0f;
        for (int t = 0; t < n / TILE; t++) {
            tileA[ty * TILE + tx] = a[row * n + t * TILE + tx];
            tileB[ty * TILE + tx] = b[(t * TILE + ty) * n + col];
            ctx.barrier();
            for (int k = 0; k < TILE; k++) {
                sum += tileA[ty * TILE + k] * tileB[k * TILE + tx];
            }
            ctx.barrier();
        }
        c[row * n + col] = sum;
    }

    /** Sums each group's inputs into partial[groupId] with a tree reduction; local size REDUCE_GROUP. */
    @Kernel
    public static void reduce(KernelContext ctx, float[] in, float[] partial) {
        float[] sums = ctx.localFloats(REDUCE_GROUP);
        int lid = ctx.localId(0);
        sums[lid] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int stride = ctx.localSize(0) / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                sums[lid] += sums[lid + stride];
            }
            ctx.barrier();
        }
        if (lid == 0) {
            partial[ctx.groupId(0)] = sums[0];
        }
    }

    /** A histogram with a group-local copy of the bins merged into the global one. */
    @Kernel
    public static void localHistogram(KernelContext ctx, int[] data, int[] bins) {
        int[] local = ctx.localInts(BINS);
        Atomics.add(local, Math.floorMod(data[ctx.globalId(0)], BINS), 1);
        ctx.barrier();
        int lid = ctx.localId(0);
        if (lid < BINS) {
            Atomics.add(bins, lid, local[lid]);
        }
    }

    /** Uses a barrier only through a static helper: the scan must follow the call. */
    @Kernel
    public static void barrierInHelper(KernelContext ctx, int[] out) {
        int[] shared = ctx.localInts(1);
        if (ctx.localId(0) == 0) {
            shared[0] = ctx.groupId(0) + 1;
        }
        sync(ctx);
        out[ctx.globalId(0)] = shared[0];
    }

    private static void sync(KernelContext ctx) {
        ctx.barrier();
    }

    /** Each work-item writes its group's id as seen by every member, in 3-D. */
    @Kernel
    public static void groupIds3d(KernelContext ctx, int[] out) {
        int[] first = ctx.localInts(3);
        if (ctx.localId(0) == 0 && ctx.localId(1) == 0 && ctx.localId(2) == 0) {
            first[0] = ctx.globalId(0);
            first[1] = ctx.globalId(1);
            first[2] = ctx.globalId(2);
        }
        ctx.barrier();
        int i = (ctx.globalId(2) * ctx.globalSize(1) + ctx.globalId(1)) * ctx.globalSize(0) + ctx.globalId(0);
        out[i] = first[0] * 10000 + first[1] * 100 + first[2];
    }
}
