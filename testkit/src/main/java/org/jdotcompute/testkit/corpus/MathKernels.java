package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;

/** Math intrinsics: exact ones must be bit-identical, transcendental ones within a ULP bound. Thread-safe. */
public final class MathKernels {
    private MathKernels() {
    }

    /** Exact double functions (sqrt, floor, ceil, rint, round, fma, abs, min, max, signum, copySign, bit views). */
    public static void exactDouble(KernelContext ctx, double[] a, double[] b, double[] c, double[] out, long[] lout,
            int[] iout) {
        int i = ctx.globalId(0);
        double x = a[i];
        double y = b[i];
        int o = i * 12;
        out[o] = Math.sqrt(x);
        out[o + 1] = Math.floor(x);
        out[o + 2] = Math.ceil(x);
        out[o + 3] = Math.rint(x);
        out[o + 4] = Math.fma(x, y, c[i]);
        out[o + 5] = Math.abs(x);
        out[o + 6] = Math.min(x, y);
        out[o + 7] = Math.max(x, y);
        out[o + 8] = Math.signum(x);
        out[o + 9] = Math.copySign(x, y);
        out[o + 10] = StrictMath.sqrt(y) + StrictMath.floor(y);
        out[o + 11] = Double.longBitsToDouble(Double.doubleToLongBits(x) ^ 1L);
        lout[i * 3] = Math.round(x);
        lout[i * 3 + 1] = Double.doubleToRawLongBits(x);
        lout[i * 3 + 2] = Math.abs(Double.doubleToLongBits(y)) + Math.min(lout[i * 3], 5L) + Math.max(-3L, lout[i * 3]);
        iout[i * 5] = Double.isNaN(x) ? 1 : 0;
        iout[i * 5 + 1] = Double.isInfinite(x) ? 1 : 0;
        iout[i * 5 + 2] = Long.bitCount(Double.doubleToRawLongBits(x));
        iout[i * 5 + 3] = Long.numberOfLeadingZeros(lout[i * 3]);
        iout[i * 5 + 4] = Long.numberOfTrailingZeros(lout[i * 3 + 1]);
    }

    /** Exact float and int functions. */
    public static void exactFloat(KernelContext ctx, float[] a, float[] b, float[] c, float[] out, int[] iout) {
        int i = ctx.globalId(0);
        float x = a[i];
        float y = b[i];
        int o = i * 8;
        out[o] = Math.abs(x);
        out[o + 1] = Math.min(x, y);
        out[o + 2] = Math.max(x, y);
        out[o + 3] = Math.signum(x);
        out[o + 4] = Math.copySign(x, y);
        out[o + 5] = Math.fma(x, y, c[i]);
        out[o + 6] = (float) Math.sqrt(x);
        out[o + 7] = Float.intBitsToFloat(Float.floatToRawIntBits(y) + 1);
        int n = Float.floatToIntBits(x);
        int k = i * 9;
        iout[k] = Math.round(x);
        iout[k + 1] = n;
        iout[k + 2] = Integer.bitCount(n);
        iout[k + 3] = Integer.numberOfLeadingZeros(n);
        iout[k + 4] = Integer.numberOfTrailingZeros(n);
        iout[k + 5] = Math.abs(n) + Math.min(n, 3) + Math.max(n, -3);
        iout[k + 6] = (Float.isNaN(y) ? 1 : 0) + (Float.isInfinite(y) ? 2 : 0) + (Float.isFinite(y) ? 4 : 0);
        iout[k + 7] = Math.round(y * 0.5f);
        iout[k + 8] = Float.floatToRawIntBits(x);
    }

    /** Every transcendental {@code Math} function on doubles; a ULP bound applies. */
    public static void transcendental(KernelContext ctx, double[] a, double[] b, double[] out) {
        int i = ctx.globalId(0);
        double x = a[i];
        double y = b[i];
        int o = i * 18;
        out[o] = Math.sin(x);
        out[o + 1] = Math.cos(x);
        out[o + 2] = Math.tan(x);
        out[o + 3] = Math.asin(x / 16);
        out[o + 4] = Math.acos(x / 16);
        out[o + 5] = Math.atan(x);
        out[o + 6] = Math.atan2(x, y);
        out[o + 7] = Math.sinh(x);
        out[o + 8] = Math.cosh(x);
        out[o + 9] = Math.tanh(x);
        out[o + 10] = Math.exp(x);
        out[o + 11] = Math.expm1(x);
        out[o + 12] = Math.log(y);
        out[o + 13] = Math.log10(y);
        out[o + 14] = Math.log1p(y);
        out[o + 15] = Math.cbrt(x);
        out[o + 16] = Math.pow(y, x / 4);
        out[o + 17] = Math.hypot(x, y);
    }

    /** Transcendental functions on floats (computed in double, rounded to float); a ULP bound applies. */
    public static void transcendentalFloat(KernelContext ctx, float[] a, float[] out) {
        int i = ctx.globalId(0);
        float x = a[i];
        out[i * 6] = (float) Math.sin(x);
        out[i * 6 + 1] = (float) Math.cos(x);
        out[i * 6 + 2] = (float) Math.exp(x);
        out[i * 6 + 3] = (float) Math.log(Math.abs(x) + 1e-3f);
        out[i * 6 + 4] = (float) Math.pow(Math.abs(x), 1.5);
        out[i * 6 + 5] = (float) Math.atan2(x, 1.0);
    }
}
