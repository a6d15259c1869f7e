package org.jdotcompute.testkit.internal;

import java.lang.invoke.MethodHandles;

import org.jdotcompute.api.Atomics;
import org.jdotcompute.api.KernelContext;

/**
 * The kernels of the conformance rules (the corpus kernels cover the numerics and the device
 * exceptions). Each uses only what its rule needs, so that a backend without a capability skips
 * exactly the rules that need it. Compile them with {@link #LOOKUP}. Stateless and thread-safe.
 */
public final class ConformanceKernels {
    /** A full-privilege lookup in this class, to compile and to run these kernels on the JVM. */
    public static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** The work-group size of {@link #reverseTiles}. */
    public static final int TILE = 64;
    /** The work-group size of {@link #groupSums}. */
    public static final int SUM_GROUP = 128;

    private ConformanceKernels() {
    }

    /** Every work-item {@code i < out.length} stores {@code i + 1}; work-item 0 stores the global size. */
    public static void ids1d(KernelContext ctx, int[] out, int[] sizes) {
        int i = ctx.globalId(0);
        if (i < out.length) {
            out[i] = i + 1;
        }
        if (i == 0) {
            sizes[0] = ctx.globalSize(0);
            sizes[1] = ctx.globalSize(1);
            sizes[2] = ctx.globalSize(2);
        }
    }

    /** Every work-item of a 2-D range stores {@code (x | y << 12) + 1} at {@code y * width + x}. */
    public static void ids2d(KernelContext ctx, int[] out, int[] sizes) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int w = ctx.globalSize(0);
        out[y * w + x] = (x | y << 12) + 1;
        if (x == 0 && y == 0) {
            sizes[0] = ctx.globalSize(0);
            sizes[1] = ctx.globalSize(1);
            sizes[2] = ctx.globalSize(2);
        }
    }

    /** Every work-item of a 3-D range stores {@code (x | y << 10 | z << 20) + 1} at its linear index. */
    public static void ids3d(KernelContext ctx, int[] out, int[] sizes) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int z = ctx.globalId(2);
        int w = ctx.globalSize(0);
        int h = ctx.globalSize(1);
        out[(z * h + y) * w + x] = (x | y << 10 | z << 20) + 1;
        if (x == 0 && y == 0 && z == 0) {
            sizes[0] = ctx.globalSize(0);
            sizes[1] = ctx.globalSize(1);
            sizes[2] = ctx.globalSize(2);
        }
    }

    /** Every work-item of a 2-D range with a local size stores its ids and sizes (ten ints per item). */
    public static void groupIds(KernelContext ctx, int[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int o = (y * ctx.globalSize(0) + x) * 10;
        out[o] = x;
        out[o + 1] = y;
        out[o + 2] = ctx.localId(0);
        out[o + 3] = ctx.localId(1);
        out[o + 4] = ctx.groupId(0);
        out[o + 5] = ctx.groupId(1);
        out[o + 6] = ctx.localSize(0);
        out[o + 7] = ctx.localSize(1);
        out[o + 8] = ctx.numGroups(0);
        out[o + 9] = ctx.numGroups(1);
    }

    /** Reverses each work-group's {@value #TILE} values through a group-local tile and a barrier. */
    public static void reverseTiles(KernelContext ctx, int[] in, int[] out) {
        int[] tile = ctx.localInts(TILE);
        int l = ctx.localId(0);
        int g = ctx.globalId(0);
        tile[l] = in[g];
        ctx.barrier();
        out[g] = tile[TILE - 1 - l];
    }

    /** A tree reduction per work-group of {@value #SUM_GROUP}: one int sum per group. */
    public static void groupSums(KernelContext ctx, int[] in, int[] sums) {
        int[] t = ctx.localInts(SUM_GROUP);
        int l = ctx.localId(0);
        t[l] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int s = SUM_GROUP / 2; s > 0; s >>= 1) {
            if (l < s) {
                t[l] += t[l + s];
            }
            ctx.barrier();
        }
        if (l == 0) {
            sums[ctx.groupId(0)] = t[0];
        }
    }

    /** Each work-item takes a ticket from one counter: the tickets are a permutation of 0..n-1. */
    public static void tickets(KernelContext ctx, int[] counter, int[] tickets) {
        int i = ctx.globalId(0);
        tickets[i] = Atomics.add(counter, 0, 1);
    }

    /** A 16-bin histogram with global int atomics. */
    public static void histogram(KernelContext ctx, int[] data, int[] bins) {
        Atomics.add(bins, data[ctx.globalId(0)] & 15, 1);
    }

    /** Int min, max and compare-and-set: {@code acc[0]} min, {@code acc[1]} max, one CAS winner in {@code acc[2..3]}. */
    public static void intMinMaxCas(KernelContext ctx, int[] values, int[] acc) {
        int i = ctx.globalId(0);
        int v = values[i];
        Atomics.min(acc, 0, v);
        Atomics.max(acc, 1, v);
        if (Atomics.compareAndSet(acc, 2, 0, i + 1)) {
            Atomics.add(acc, 3, 1);
        }
    }

    /** Long atomics: sum in {@code acc[0]}, min in {@code acc[1]}, max in {@code acc[2]}. */
    public static void longAtomics(KernelContext ctx, long[] values, long[] acc) {
        long v = values[ctx.globalId(0)];
        Atomics.add(acc, 0, v);
        Atomics.min(acc, 1, v);
        Atomics.max(acc, 2, v);
    }

    /** Float atomic add: {@code acc[0] += 1}, {@code acc[1] += 0.5} per work-item (exact below 2^24). */
    public static void floatAtomics(KernelContext ctx, float[] acc) {
        Atomics.add(acc, 0, 1.0f);
        Atomics.add(acc, 1, 0.5f);
    }

    /** Work-item 0 stores every scalar argument (except double) into the outputs. */
    public static void scalars(KernelContext ctx, boolean z, byte b, char c, short s, int i, long l, float f,
            int[] ints, long[] longs, float[] floats) {
        if (ctx.globalId(0) == 0) {
            ints[0] = z ? 1 : 0;
            ints[1] = b;
            ints[2] = c;
            ints[3] = s;
            ints[4] = i;
            longs[0] = l;
            floats[0] = f;
        }
    }

    /** Work-item 0 stores {@code d} and {@code d * 3} (double arithmetic). */
    public static void doubleScalar(KernelContext ctx, double d, double[] out) {
        if (ctx.globalId(0) == 0) {
            out[0] = d;
            out[1] = d * 3;
        }
    }

    /** {@code data[i] *= factor} for every {@code i < data.length}. */
    public static void scale(KernelContext ctx, int[] data, int factor) {
        int i = ctx.globalId(0);
        if (i < data.length) {
            data[i] *= factor;
        }
    }

    /** {@code dst[i] = src[i]} for every {@code i < dst.length}. */
    public static void copyBytes(KernelContext ctx, byte[] src, byte[] dst) {
        int i = ctx.globalId(0);
        if (i < dst.length) {
            dst[i] = src[i];
        }
    }

    /** {@code c[i] = a[i] + b[i]}. */
    public static void addVectors(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        if (i < c.length) {
            c[i] = a[i] + b[i];
        }
    }

    // --- kernels that need one capability each (for the rejection rule) ---------------------------

    /** Needs FP64. */
    public static void needsFp64(KernelContext ctx, double[] d) {
        int i = ctx.globalId(0);
        if (i < d.length) {
            d[i] = d[i] * 2.5;
        }
    }

    /** Needs INT32_ATOMICS. */
    public static void needsInt32Atomics(KernelContext ctx, int[] counter) {
        Atomics.add(counter, 0, 1);
    }

    /** Needs INT64_ATOMICS. */
    public static void needsInt64Atomics(KernelContext ctx, long[] counter) {
        Atomics.add(counter, 0, 1L);
    }

    /** Needs FLOAT_ATOMICS. */
    public static void needsFloatAtomics(KernelContext ctx, float[] sum) {
        Atomics.add(sum, 0, 1.0f);
    }

    /** Needs LOCAL_MEMORY (a group-local array, no barrier). */
    public static void needsLocalMemory(KernelContext ctx, int[] out) {
        int[] t = ctx.localInts(16);
        int l = ctx.localId(0);
        t[l] = l;
        out[ctx.globalId(0)] = t[l];
    }

    /** Needs BARRIERS (a barrier, no group-local array). */
    public static void needsBarriers(KernelContext ctx, int[] out) {
        out[ctx.globalId(0)] = 1;
        ctx.barrier();
    }

    /** Needs DEVICE_EXCEPTIONS (an explicit throw). */
    public static void needsDeviceExceptions(KernelContext ctx, int[] values) {
        if (values[ctx.globalId(0)] < 0) {
            throw new IllegalArgumentException("negative value");
        }
    }
}
