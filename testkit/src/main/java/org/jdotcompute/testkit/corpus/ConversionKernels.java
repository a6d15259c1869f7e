package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;

/** Every primitive conversion: widening, wrapping narrowing, saturating float-to-integer with NaN to 0. Thread-safe. */
public final class ConversionKernels {
    private ConversionKernels() {
    }

    /** i2l, i2f (rounding above 2^24), i2d, i2b, i2c, i2s. */
    public static void fromInt(KernelContext ctx, int[] a, long[] l, float[] f, double[] d, byte[] b, char[] c,
            short[] s) {
        int i = ctx.globalId(0);
        int x = a[i];
        l[i] = x;
        f[i] = x;
        d[i] = x;
        b[i] = (byte) x;
        c[i] = (char) x;
        s[i] = (short) x;
    }

    /** l2i, l2f, l2d (both rounding). */
    public static void fromLong(KernelContext ctx, long[] a, int[] n, float[] f, double[] d) {
        int i = ctx.globalId(0);
        long x = a[i];
        n[i] = (int) x;
        f[i] = x;
        d[i] = x;
    }

    /** f2i and f2l (saturating, NaN to 0), f2d, and sub-int casts through int. */
    public static void fromFloat(KernelContext ctx, float[] a, int[] n, long[] l, double[] d, short[] s) {
        int i = ctx.globalId(0);
        float x = a[i];
        n[i] = (int) x;
        l[i] = (long) x;
        d[i] = x;
        s[i] = (short) x;
    }

    /** d2i, d2l (saturating, NaN to 0), d2f (rounding, overflow to infinity, underflow to subnormals and zero). */
    public static void fromDouble(KernelContext ctx, double[] a, int[] n, long[] l, float[] f, byte[] b) {
        int i = ctx.globalId(0);
        double x = a[i];
        n[i] = (int) x;
        l[i] = (long) x;
        f[i] = (float) x;
        b[i] = (byte) x;
    }

    /** Conversions between sub-int types: char to byte, short to char, byte to char. */
    public static void subIntCasts(KernelContext ctx, int[] a, int[] out) {
        int i = ctx.globalId(0);
        int x = a[i];
        char c = (char) x;
        byte b = (byte) c;
        short s = (short) c;
        char back = (char) b;
        out[i * 4] = c;
        out[i * 4 + 1] = b;
        out[i * 4 + 2] = s;
        out[i * 4 + 3] = back;
    }
}
