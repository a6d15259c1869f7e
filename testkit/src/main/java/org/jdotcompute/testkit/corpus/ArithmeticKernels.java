package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;

/** Integer and floating-point arithmetic at edge values. Thread-safe (stateless kernels). */
public final class ArithmeticKernels {
    private ArithmeticKernels() {
    }

    /** Every int operator, including {@code MIN_VALUE / -1} and remainders of negative values; 12 results per item. */
    public static void intOps(KernelContext ctx, int[] a, int[] b, int[] out) {
        int i = ctx.globalId(0);
        int x = a[i];
        int y = b[i];
        int d = y == 0 ? 7 : y;
        int o = i * 12;
        out[o] = x + y;
        out[o + 1] = x - y;
        out[o + 2] = x * y;
        out[o + 3] = x / d;
        out[o + 4] = x % d;
        out[o + 5] = x & y;
        out[o + 6] = x | y;
        out[o + 7] = x ^ y;
        out[o + 8] = -x;
        out[o + 9] = ~x;
        out[o + 10] = Integer.MIN_VALUE / (x == 0 ? -1 : -1);
        out[o + 11] = Integer.MIN_VALUE % -1 + (x += 5) + x++ + ++x;
    }

    /** Shifts with counts below 0 and at or above 32 (masked to 5 bits), and compound assignments. */
    public static void intShifts(KernelContext ctx, int[] a, int[] s, int[] out) {
        int i = ctx.globalId(0);
        int x = a[i];
        int n = s[i];
        out[i * 4] = x << n;
        out[i * 4 + 1] = x >> n;
        out[i * 4 + 2] = x >>> n;
        x <<= 3;
        x >>>= n;
        x ^= 0x5a5a5a5a;
        out[i * 4 + 3] = x;
    }

    /** Every long operator, shifts with counts at or above 64, {@code MIN_VALUE / -1}; 12 results per item. */
    public static void longOps(KernelContext ctx, long[] a, long[] b, int[] s, long[] out) {
        int i = ctx.globalId(0);
        long x = a[i];
        long y = b[i];
        long d = y == 0 ? 7 : y;
        int o = i * 12;
        out[o] = x + y;
        out[o + 1] = x - y;
        out[o + 2] = x * y;
        out[o + 3] = x / d;
        out[o + 4] = x % d;
        out[o + 5] = x & y ^ x | y;
        out[o + 6] = -x;
        out[o + 7] = x << s[i];
        out[o + 8] = x >> s[i];
        out[o + 9] = x >>> s[i];
        out[o + 10] = Long.MIN_VALUE / (x == 0 ? -1L : -1L) + Long.MIN_VALUE % -1L;
        out[o + 11] = x < y ? 1 : x == y ? 2 : x > y ? 3 : 4;
    }

    /**
     * Float arithmetic on NaN, {@code -0.0}, infinities and subnormals, and the six comparisons
     * (bit {@code k} of {@code cmp[i]}), which must follow IEEE (NaN compares false except {@code !=}).
     */
    public static void floatOps(KernelContext ctx, float[] a, float[] b, float[] out, int[] cmp) {
        int i = ctx.globalId(0);
        float x = a[i];
        float y = b[i];
        int o = i * 7;
        out[o] = x + y;
        out[o + 1] = x - y;
        out[o + 2] = x * y;
        out[o + 3] = x / y;
        out[o + 4] = x % y;
        out[o + 5] = -x;
        out[o + 6] = x * 1e-30f * 1e-10f;
        int c = 0;
        if (x < y) {
            c |= 1;
        }
        if (x <= y) {
            c |= 2;
        }
        if (x > y) {
            c |= 4;
        }
        if (x >= y) {
            c |= 8;
        }
        if (x == y) {
            c |= 16;
        }
        if (x != y) {
            c |= 32;
        }
        boolean lt = x < y;
        boolean notGe = !(x >= y);
        cmp[i] = c | (lt ? 64 : 0) | (notGe ? 128 : 0);
    }

    /** Double arithmetic and comparisons, as {@link #floatOps}. */
    public static void doubleOps(KernelContext ctx, double[] a, double[] b, double[] out, int[] cmp) {
        int i = ctx.globalId(0);
        double x = a[i];
        double y = b[i];
        int o = i * 7;
        out[o] = x + y;
        out[o + 1] = x - y;
        out[o + 2] = x * y;
        out[o + 3] = x / y;
        out[o + 4] = x % y;
        out[o + 5] = -x;
        out[o + 6] = x * 1e-300 * 1e-20;
        int c = 0;
        c |= x < y ? 1 : 0;
        c |= x <= y ? 2 : 0;
        c |= x > y ? 4 : 0;
        c |= x >= y ? 8 : 0;
        c |= x == y ? 16 : 0;
        c |= x != y ? 32 : 0;
        cmp[i] = c;
    }

    /** Sub-int arrays: sign and zero extension on load, narrowing on store, boolean logic. */
    public static void subInt(KernelContext ctx, boolean[] z, byte[] b, short[] s, char[] c, int[] out) {
        int i = ctx.globalId(0);
        out[i * 5] = b[i] + s[i] + c[i];
        out[i * 5 + 1] = b[i] >>> 4;
        out[i * 5 + 2] = c[i] >> 3;
        out[i * 5 + 3] = z[i] ? 1 : 0;
        out[i * 5 + 4] = (z[i] ^ b[i] < 0) && (s[i] > 0 || c[i] > 1000) ? 1 : 0;
        b[i] += 100;
        s[i] *= 3;
        c[i] -= 7;
        z[i] = !z[i];
    }
}
