package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.ComputeException;

/**
 * Kernels that fail: implicit checks (bounds, division by zero), explicit throws of every
 * supported kind with constant and dynamic messages, failures inside device functions and JDK
 * methods, and failures in barrier kernels. Each fails in a way every backend reports
 * identically (same class, message, line and failure count). {@link Corpus} records the lines:
 * keep them in step when editing this file. Thread-safe.
 */
public final class FailureKernels {
    private FailureKernels() {
    }

    public static void boundsRead(KernelContext ctx, float[] in, float[] out) {
        int i = ctx.globalId(0);
        out[i] = in[i + 1] * 2f; // line 19: i = 63 reads in[64]
    }

    public static void boundsWriteNegative(KernelContext ctx, int[] out) {
        int i = ctx.globalId(0);
        out[i - 1] = i; // line 24: i = 0 writes out[-1]
    }

    public static void boundsSeveral(KernelContext ctx, int[] index, int[] out) {
        int i = ctx.globalId(0);
        out[index[i]] = i; // line 29: three items write out[999]
    }

    public static void divideByZero(KernelContext ctx, int[] a, int[] b, int[] out) {
        int i = ctx.globalId(0);
        out[i] = a[i] / b[i]; // line 34: b[5] == 0
    }

    public static void remainderByZeroLong(KernelContext ctx, long[] a, long[] b, long[] out) {
        int i = ctx.globalId(0);
        out[i] = a[i] % b[i]; // line 39: b[9] == 0
    }

    public static void floorModByZero(KernelContext ctx, int[] a, int[] b, int[] out) {
        int i = ctx.globalId(0);
        out[i] = Math.floorMod(a[i], b[i]); // line 44: b[3] == 0, inside a JDK method
    }

    public static void addExactOverflow(KernelContext ctx, int[] a, int[] out) {
        int i = ctx.globalId(0);
        out[i] = Math.addExact(a[i], 1); // line 49: a[7] == Integer.MAX_VALUE
    }

    public static void multiplyExactOverflow(KernelContext ctx, long[] a, long[] out) {
        int i = ctx.globalId(0);
        out[i] = Math.multiplyExact(a[i], 3L); // line 54: a[2] == Long.MAX_VALUE / 2
    }

    public static void toIntExactOverflow(KernelContext ctx, long[] a, int[] out) {
        int i = ctx.globalId(0);
        out[i] = Math.toIntExact(a[i]); // line 59: a[4] == 1L << 40
    }

    public static void throwConstant(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        if (in[i] < 0) {
            throw new IllegalArgumentException("negative input"); // line 65: in[11] < 0
        }
        out[i] = in[i] * 2;
    }

    public static void throwDynamicInt(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        if (in[i] > 1000) {
            throw new IllegalStateException("value " + in[i] + " at index " + i + " exceeds 1000"); // line 73
        }
        out[i] = in[i] + 1;
    }

    public static void throwDynamicIntegral(KernelContext ctx, boolean[] z, char[] c, byte[] b, short[] s, long[] l) {
        int i = ctx.globalId(0);
        if (l[i] == Long.MIN_VALUE) {
            throw new IllegalArgumentException("z=" + z[i] + " c=" + c[i] + " b=" + b[i] + " s=" + s[i] + " i=" + i
                    + " l=" + l[i]); // line 81 (the constructor call): l[6] == MIN_VALUE
        }
        l[i] += 1;
    }

    public static void throwDynamicFloating(KernelContext ctx, float[] f, double[] d, int[] out) {
        int i = ctx.globalId(0);
        if (d[i] < 0) {
            throw new ArithmeticException("f=" + f[i] + " d=" + d[i] + " sum=" + (f[i] + d[i])); // line 90
        }
        out[i] = (int) (f[i] + d[i]);
    }

    public static void throwNoMessage(KernelContext ctx, int[] in) {
        int i = ctx.globalId(0);
        if (in[i] == 42) {
            throw new UnsupportedOperationException(); // line 98
        }
        in[i]++;
    }

    public static void throwIndexOutOfBounds(KernelContext ctx, int[] in) {
        int i = ctx.globalId(0);
        if (in[i] >= 100) {
            throw new IndexOutOfBoundsException(in[i]); // line 106
        }
        in[i] += 2;
    }

    public static void throwArrayIndexExplicit(KernelContext ctx, int[] in) {
        int i = ctx.globalId(0);
        if (in[i] < 0) {
            throw new ArrayIndexOutOfBoundsException("custom index " + in[i] + " for item " + i); // line 114
        }
        in[i] -= 1;
    }

    public static void throwComputeException(KernelContext ctx, int[] in) {
        int i = ctx.globalId(0);
        if (in[i] == 7) {
            throw new CorpusException(in[i] * 100 + i, "bad cell"); // line 122
        }
        in[i] *= 3;
    }

    public static void throwComputeExceptionBase(KernelContext ctx, float[] in) {
        int i = ctx.globalId(0);
        if (in[i] != in[i]) {
            throw new ComputeException("NaN at " + i); // line 130
        }
        in[i] = in[i] * 0.5f;
    }

    public static void throwInDeviceFunction(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = checked(in[i]);
    }

    static int checked(int v) {
        if (v == 13) {
            throw new IllegalArgumentException("unlucky " + v); // line 142
        }
        return v + 1;
    }

    public static void throwInNestedDeviceFunction(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = outer(in, i);
    }

    static int outer(int[] in, int i) {
        return inner(in, i) * 2;
    }

    static int inner(int[] in, int i) {
        return in[i + 2]; // line 157: i = 30 reads in[32]
    }

    public static void barrierBoundsFailure(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.localFloats(32);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        tile[lid] = 0f;
        ctx.barrier();
        tile[lid] = in[gid + 1]; // line 166: gid = 63 reads in[64]
        ctx.barrier();
        out[gid] = tile[(lid + 1) % 32];
    }

    public static void barrierThrowFailure(KernelContext ctx, int[] in, int[] out) {
        int[] tile = ctx.localInts(32);
        int lid = ctx.localId(0);
        int gid = ctx.globalId(0);
        tile[lid] = in[gid];
        ctx.barrier();
        if (tile[lid] < 0) {
            throw new IllegalStateException("negative " + tile[lid] + " in group " + ctx.groupId(0)); // line 178
        }
        ctx.barrier();
        out[gid] = tile[(lid + 1) % 32] + 1;
    }

    public static void barrierDivisionFailure(KernelContext ctx, int[] a, int[] b, int[] out) {
        int[] tile = ctx.localInts(16);
        int lid = ctx.localId(0);
        tile[lid] = -1;
        ctx.barrier();
        tile[lid] = a[ctx.globalId(0)] / b[ctx.globalId(0)]; // line 189: b[20] == 0 under FULL
        ctx.barrier();
        out[ctx.globalId(0)] = tile[15 - lid];
    }

    public static void atomicOutOfBounds(KernelContext ctx, int[] keys, int[] bins) {
        int i = ctx.globalId(0);
        org.jdotcompute.api.Atomics.add(bins, keys[i], 1); // line 196: keys[12] == 16 on 16 bins
    }

    static final int[] BINS = {1, 2, 4, 8, 16, 32, 64, 128};

    public static void tableOutOfBounds(KernelContext ctx, int[] keys, int[] out) {
        int i = ctx.globalId(0);
        out[i] = BINS[keys[i]]; // line 203: keys[21] == 8 reads a table of length 8
    }
}
