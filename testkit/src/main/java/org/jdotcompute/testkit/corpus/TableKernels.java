package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;

/**
 * Lookup tables ({@code static final} primitive arrays, which GPU backends read as constant
 * tables: a snapshot of the values taken when the kernel is compiled) and small arrays a kernel
 * makes with {@code new} (per work-item). Thread-safe: the tables are never written.
 */
public final class TableKernels {
    /** The first sixteen primes. */
    static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
    /** A binomial smoothing filter. */
    static final float[] WEIGHTS = {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
    /** Values where floats differ from one another in their bits. */
    static final float[] SPECIAL = {Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, 1e-40f, 0.1f};
    static final byte[] NIBBLE_BITS = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
    static final char[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    static final short[] OFFSETS = {-32768, -1, 0, 1, 32767};
    static final long[] MIXERS = {0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L, 0x94D049BB133111EBL};
    static final boolean[] ODD = {false, true, false, true};
    static final double[] COEFFICIENTS = {1.0, -0.5, 1.0 / 3, -0.25, 0.2};

    private TableKernels() {
    }

    /**
     * Int and float tables: products of primes, bit counts by nibble, a table passed to a device
     * function, a smoothing filter over a table's length, and special float values.
     */
    public static void lookup(KernelContext ctx, int[] keys, float[] signal, int[] out, float[] smooth) {
        int i = ctx.globalId(0);
        int k = keys[i];
        out[i * 4] = PRIMES[k & 15] * PRIMES[(k >>> 4) & 15];
        out[i * 4 + 1] = NIBBLE_BITS[k & 15] + NIBBLE_BITS[(k >>> 4) & 15] + NIBBLE_BITS[(k >>> 8) & 15];
        out[i * 4 + 2] = hash(PRIMES, k) + HEX[(k >>> 12) & 15] * 1000 + OFFSETS[(k & 0x7fffffff) % OFFSETS.length];
        out[i * 4 + 3] = (ODD[k & 3] ? 1 : 0) + PRIMES.length * 10;
        float s = 0f;
        for (int t = 0; t < WEIGHTS.length; t++) {
            int j = Math.min(Math.max(i + t - 2, 0), signal.length - 1);
            s += WEIGHTS[t] * signal[j];
        }
        smooth[i * 2] = s;
        smooth[i * 2 + 1] = SPECIAL[(k & 0x7fffffff) % SPECIAL.length] * 2f;
    }

    static int hash(int[] table, int k) {
        int h = 0;
        for (int b = 0; b < 4; b++) {
            h = h * 31 + table[(k >>> (b * 4)) & 15];
        }
        return h;
    }

    /** Long and double tables: a SplitMix-style mix and a polynomial (log1p's series) by Horner. */
    public static void mix(KernelContext ctx, long[] seeds, double[] xs, long[] mixed, double[] series) {
        int i = ctx.globalId(0);
        long z = seeds[i] + MIXERS[0];
        z = (z ^ (z >>> 30)) * MIXERS[1];
        z = (z ^ (z >>> 27)) * MIXERS[2];
        mixed[i] = z ^ (z >>> 31);
        double x = xs[i];
        double p = 0;
        for (int c = COEFFICIENTS.length - 1; c >= 0; c--) {
            p = p * x + COEFFICIENTS[c];
        }
        series[i] = p * x;
    }

    /**
     * Arrays made with {@code new}: each work-item sorts its window of eight values in a private
     * array, counts digits in a zeroed one, and a device function fills a third.
     */
    public static void privateArrays(KernelContext ctx, int[] in, int[] sorted, int[] digits) {
        int i = ctx.globalId(0);
        int[] w = new int[8];
        for (int t = 0; t < 8; t++) {
            w[t] = in[(i + t) % in.length];
        }
        for (int a = 1; a < 8; a++) {
            int v = w[a];
            int b = a - 1;
            while (b >= 0 && w[b] > v) {
                w[b + 1] = w[b];
                b--;
            }
            w[b + 1] = v;
        }
        sorted[i * 2] = w[0];
        sorted[i * 2 + 1] = w[7] - w[3];
        int[] counts = new int[10];
        int v = in[i] & 0x7fffffff;
        do {
            counts[v % 10]++;
            v /= 10;
        } while (v != 0);
        short[] squares = new short[4];
        fillSquares(squares, in[i]);
        digits[i * 3] = counts[0] * 1000 + counts[1] * 100 + counts[7] * 10 + counts[9];
        digits[i * 3 + 1] = squares[0] + squares[1] + squares[2] + squares[3];
        digits[i * 3 + 2] = counts.length + w.length * 100;
    }

    static void fillSquares(short[] s, int v) {
        for (int t = 0; t < s.length; t++) {
            int d = (v >>> (t * 4)) & 15;
            s[t] = (short) (d * d);
        }
    }
}
