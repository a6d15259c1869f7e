package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/** Group-local memory, barriers, atomics, and 2-D and 3-D ranges. Thread-safe. */
public final class MemoryKernels {
    /** The work-group size of {@link #reduce}. */
    public static final int GROUP = 64;
    /** The tile edge of {@link #tiledMatmul}. */
    public static final int TILE = 8;

    private MemoryKernels() {
    }

    /** A tree reduction of each work-group's values in a local tile, one partial sum per group. */
    public static void reduce(KernelContext ctx, float[] in, float[] partial) {
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
            partial[ctx.groupId(0)] = tile[0];
        }
    }

    /** A tiled matrix product {@code c = a * b} of {@code n x n} matrices on a 2-D range with TILE x TILE groups. */
    public static void tiledMatmul(KernelContext ctx, float[] a, float[] b, float[] c, int n) {
        float[] ta = ctx.localFloats(TILE * TILE);
        float[] tb = ctx.localFloats(TILE * TILE);
        int col = ctx.globalId(0);
        int row = ctx.globalId(1);
        int lx = ctx.localId(0);
        int ly = ctx.localId(1);
        float sum = 0f;
        for (int t = 0; t < n / TILE; t++) {
            ta[ly * TILE + lx] = a[row * n + t * TILE + lx];
            tb[ly * TILE + lx] = b[(t * TILE + ly) * n + col];
            ctx.barrier();
            for (int k = 0; k < TILE; k++) {
                sum += ta[ly * TILE + k] * tb[k * TILE + lx];
            }
            ctx.barrier();
        }
        c[row * n + col] = sum;
    }

    /** A histogram with global atomic increments. */
    public static void histogram(KernelContext ctx, int[] data, int[] bins) {
        int v = data[ctx.globalId(0)];
        Atomics.add(bins, Math.floorMod(v, bins.length), 1);
    }

    /** A histogram in a group-local array with local atomics and barriers, merged into global bins. */
    public static void localHistogram(KernelContext ctx, int[] data, int[] bins) {
        int[] local = ctx.localInts(16);
        int lid = ctx.localId(0);
        if (lid < 16) {
            local[lid] = 0;
        }
        ctx.barrier();
        Atomics.add(local, data[ctx.globalId(0)] & 15, 1);
        ctx.barrier();
        if (lid < 16) {
            Atomics.add(bins, lid, local[lid]);
        }
    }

    /** Every atomic operation, with results independent of the order work-items run in. */
    public static void atomics(KernelContext ctx, int[] data, int[] minMax, long[] longs, float[] sums, int[] counts,
            long[] longCounts) {
        int i = ctx.globalId(0);
        int v = data[i];
        Atomics.min(minMax, 0, v);
        Atomics.max(minMax, 1, v);
        Atomics.add(longs, 0, (long) v);
        Atomics.min(longs, 1, (long) v * 3);
        Atomics.max(longs, 2, (long) v * 3);
        Atomics.add(sums, i % 4, (float) (v & 0xff));
        int k = v & 7;
        int old;
        do {
            old = counts[k];
        } while (!Atomics.compareAndSet(counts, k, old, old + 1));
        long lold;
        do {
            lold = longCounts[k];
        } while (!Atomics.compareAndSet(longCounts, k, lold, lold + v));
    }

    /** Every work-item query on a 2-D range with an explicit local size. */
    public static void ids2d(KernelContext ctx, int[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int o = (y * ctx.globalSize(0) + x) * 7;
        out[o] = x;
        out[o + 1] = y;
        out[o + 2] = ctx.localId(0) * 100 + ctx.localId(1);
        out[o + 3] = ctx.groupId(0) * 100 + ctx.groupId(1);
        out[o + 4] = ctx.numGroups(0) * 100 + ctx.numGroups(1);
        out[o + 5] = ctx.localSize(0) * 100 + ctx.localSize(1);
        out[o + 6] = ctx.globalSize(1) * 100 + ctx.globalSize(2) * 10 + ctx.globalId(2);
    }

    /** A 5-point stencil on a 2-D range without a local size (global ids only). */
    public static void stencil2d(KernelContext ctx, float[] in, float[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int w = ctx.globalSize(0);
        int h = ctx.globalSize(1);
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
            out[y * w + x] = in[y * w + x];
            return;
        }
        out[y * w + x] = 0.5f * in[y * w + x]
                + 0.125f * (in[y * w + x - 1] + in[y * w + x + 1] + in[(y - 1) * w + x] + in[(y + 1) * w + x]);
    }

    /** Every work-item query on a 3-D range with an explicit local size. */
    public static void ids3d(KernelContext ctx, int[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int z = ctx.globalId(2);
        int o = ((z * ctx.globalSize(1) + y) * ctx.globalSize(0) + x) * 4;
        out[o] = x * 10000 + y * 100 + z;
        out[o + 1] = ctx.localId(0) * 10000 + ctx.localId(1) * 100 + ctx.localId(2);
        out[o + 2] = ctx.groupId(0) * 10000 + ctx.groupId(1) * 100 + ctx.groupId(2);
        out[o + 3] = ctx.numGroups(2) * 10000 + ctx.localSize(2) * 100 + ctx.globalSize(2);
    }

    /** Group-local arrays of every kind, rotated within the group across a barrier. */
    public static void localKinds(KernelContext ctx, double[] d, long[] l, short[] s, byte[] b) {
        double[] ld = ctx.localDoubles(32);
        long[] ll = ctx.localLongs(32);
        short[] ls = ctx.localShorts(32);
        byte[] lb = ctx.localBytes(32);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        ld[lid] = d[gid];
        ll[lid] = l[gid];
        ls[lid] = s[gid];
        lb[lid] = b[gid];
        ctx.barrier();
        int src = (lid + 1) % ctx.localSize(0);
        d[gid] = ld[src] * 2;
        l[gid] = ll[src] ^ gid;
        s[gid] = (short) (ls[src] + 1);
        b[gid] = (byte) (lb[src] - 1);
    }

    /** One device function used on a group-local and on a global array (two address spaces). */
    public static void tileSums(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.localFloats(16);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        tile[lid] = in[gid];
        ctx.barrier();
        out[gid] = sumRange(tile, 0, 16) + sumRange(in, gid - lid, 16);
    }

    static float sumRange(float[] a, int from, int n) {
        float s = 0f;
        for (int k = 0; k < n; k++) {
            s += a[from + k];
        }
        return s;
    }

    /** Barriers inside a device function that takes the context. */
    public static void barrierInDeviceFunction(KernelContext ctx, int[] data, int[] out) {
        int[] tile = ctx.localInts(32);
        int lid = ctx.localId(0);
        tile[lid] = data[ctx.globalId(0)];
        shiftLeft(ctx, tile, lid);
        out[ctx.globalId(0)] = tile[lid];
    }

    static void shiftLeft(KernelContext ctx, int[] tile, int lid) {
        ctx.barrier();
        int v = tile[(lid + 1) % 32];
        ctx.barrier();
        tile[lid] = v;
    }

    /**
     * Group-local arrays read before anything writes them: Java's start zeroed, so every work-group
     * sees zeros first (group-local memory starts with whatever the previous group left), then
     * counts into them.
     */
    public static void localStartsZeroed(KernelContext ctx, int[] out, double[] sums) {
        int[] counts = ctx.localInts(16);
        double[] partial = ctx.localDoubles(8);
        byte[] flags = ctx.localBytes(32);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        int before = counts[lid & 15] + (int) partial[lid & 7] + flags[lid];
        ctx.barrier();
        Atomics.add(counts, lid & 15, lid + 1);
        if (lid < 8) {
            partial[lid] += lid * 0.5 + ctx.groupId(0);
        }
        flags[lid] = (byte) (flags[lid] + 1);
        ctx.barrier();
        out[gid] = before * 100_000 + counts[lid & 15] * 10 + flags[(lid + 1) & 31];
        sums[gid] = partial[lid & 7];
    }
}
