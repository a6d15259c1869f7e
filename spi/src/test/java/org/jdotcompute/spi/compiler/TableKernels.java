package org.jdotcompute.spi.compiler;

import org.jdotcompute.api.KernelContext;

/** Kernels reading static final tables and allocating arrays, for {@link ConstantTablesTest}. */
public final class TableKernels {
    static final int[] SQUARES = {0, 1, 4, 9, 16, 25, 36, 49};
    static final boolean[] FLAGS = {true, false, true};
    static final byte[] BYTES = {-128, -1, 0, 127};
    static final char[] CHARS = {'a', '\u00e9', '\uffff'};
    static final short[] SHORTS = {-32768, 12345, 32767};
    static final long[] LONGS = {Long.MIN_VALUE, -1L, 1L << 40, Long.MAX_VALUE};
    static final float[] FLOATS = {0.1f, -0.0f, Float.NaN, Float.intBitsToFloat(0x7fc00001), Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE};
    static final double[] DOUBLES = {0.1, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE, Math.PI};
    static final double[] FINITE = {0.5, 0.25, 0x1.8p-3};
    static final int[] EMPTY = {};
    static final int[] SNAPSHOT = {10, 20};

    private TableKernels() {
    }

    /** Every element type, read by index and with its length. */
    public static void everyType(KernelContext ctx, int[] out, long[] lout, float[] fout, double[] dout) {
        int i = ctx.globalId(0);
        out[i * 6] = SQUARES[i & 7];
        out[i * 6 + 1] = FLAGS[i % 3] ? 1 : 0;
        out[i * 6 + 2] = BYTES[i & 3];
        out[i * 6 + 3] = CHARS[i % 3];
        out[i * 6 + 4] = SHORTS[i % 3];
        out[i * 6 + 5] = SQUARES.length * 100 + EMPTY.length;
        lout[i] = LONGS[i & 3];
        fout[i] = FLOATS[i % 6];
        dout[i * 2] = DOUBLES[i % 5];
        dout[i * 2 + 1] = FINITE[i % 3];
    }

    /** One table read by the kernel and a device function, and passed to another device function. */
    public static void shared(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = SQUARES[i & 7] + square(i) + pick(SQUARES, in[i] & 7) * 1000 + pick(in, i) * 100000;
    }

    static int square(int i) {
        return SQUARES[(i + 1) & 7];
    }

    static int pick(int[] a, int i) {
        return a[i];
    }

    /** An index into a table that can be out of bounds. */
    public static void tableBounds(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = SQUARES[in[i]];
    }

    /** Reads {@link #SNAPSHOT}, which a test changes after compiling. */
    public static void snapshot(KernelContext ctx, int[] out) {
        out[ctx.globalId(0)] = SNAPSHOT[ctx.globalId(0) & 1];
    }

    /** Arrays made with new: zeroed, per work-item, passed to device functions, made again per call. */
    public static void allocates(KernelContext ctx, int[] in, int[] out, double[] dout) {
        int i = ctx.globalId(0);
        int[] counts = new int[4];
        boolean[] seen = new boolean[3];
        int v = in[i];
        counts[v & 3] += v;
        counts[(v >>> 2) & 3]++;
        seen[(v & 0x7fffffff) % 3] = true;
        double[] pair = new double[2];
        fill(pair, v);
        out[i * 3] = counts[0] + counts[1] * 3 + counts[2] * 5 + counts[3] * 7 + (seen[1] ? 11 : 0);
        out[i * 3 + 1] = fresh(v) + fresh(v + 1);
        out[i * 3 + 2] = counts.length + pair.length * 10;
        dout[i] = pair[0] - pair[1];
    }

    static void fill(double[] pair, int v) {
        pair[0] = v * 0.5;
        pair[1] = -v;
    }

    static int fresh(int v) {
        long[] t = new long[3];
        t[v & 1] += v;
        t[2] = t[0] * 2 + t[1];
        return (int) t[2];
    }

    /** Math.addExact on two lines: each reports its own line. */
    public static void twoExactLines(KernelContext ctx, int[] a, int[] out) {
        int i = ctx.globalId(0);
        int x = Math.addExact(a[i], 1);
        int y = Math.addExact(a[i], 2);
        out[i] = x + y;
    }

    /** A barrier kernel calling a device function that can neither fail nor reach a barrier. */
    public static void barrierWithPureHelper(KernelContext ctx, int[] in, int[] out) {
        int[] tile = ctx.localInts(8);
        int lid = ctx.localId(0);
        tile[lid] = twice(in[ctx.globalId(0)]);
        ctx.barrier();
        out[ctx.globalId(0)] = tile[(lid + 1) & 7];
    }

    static int twice(int v) {
        return v * 2;
    }

    /** Every transcendental Math function, to be lowered to StrictMath. */
    public static void transcendentals(KernelContext ctx, double[] a, double[] b, double[] out) {
        int i = ctx.globalId(0);
        double x = a[i];
        double y = b[i];
        int o = i * 18;
        out[o] = Math.sin(x);
        out[o + 1] = Math.cos(x);
        out[o + 2] = Math.tan(x);
        out[o + 3] = Math.asin(x);
        out[o + 4] = Math.acos(x);
        out[o + 5] = Math.atan(x);
        out[o + 6] = Math.atan2(x, y);
        out[o + 7] = Math.sinh(x);
        out[o + 8] = Math.cosh(x);
        out[o + 9] = Math.tanh(x);
        out[o + 10] = Math.exp(x);
        out[o + 11] = Math.expm1(x);
        out[o + 12] = Math.log(x);
        out[o + 13] = Math.log10(x);
        out[o + 14] = Math.log1p(x);
        out[o + 15] = Math.cbrt(x);
        out[o + 16] = Math.pow(x, y);
        out[o + 17] = Math.hypot(x, y);
    }

    /** Transcendental functions in a barrier kernel and in a device function; Math.sqrt stays an intrinsic. */
    public static void transcendentalsWithBarrier(KernelContext ctx, double[] a, double[] out) {
        double[] tile = ctx.localDoubles(16);
        int lid = ctx.localId(0);
        int i = ctx.globalId(0);
        tile[lid] = Math.sin(a[i]) + Math.sqrt(Math.abs(a[i]));
        ctx.barrier();
        out[i] = tile[(lid + 1) & 15] + logOf(a[i]);
    }

    static double logOf(double v) {
        return Math.log(Math.abs(v) + 1) + StrictMath.exp(v / 8);
    }
}
