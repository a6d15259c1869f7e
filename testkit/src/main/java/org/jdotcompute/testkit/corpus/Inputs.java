package org.jdotcompute.testkit.corpus;

import java.util.random.RandomGenerator;

/**
 * Random arrays for corpus kernels, mixing uniformly random values with the edge values where
 * backends tend to differ (MIN/MAX, zero and {@code -0.0}, NaN, infinities, subnormals, values at
 * the limits of conversions). Stateless and thread-safe.
 */
public final class Inputs {
    /** Integers where arithmetic and conversions have edge cases. */
    public static final int[] INT_EDGES = {0, 1, -1, 2, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 1 << 24, (1 << 24) + 1, -(1 << 24) - 1, 31, 32,
        33, 63, 64, -31, -32};
    /** Longs where arithmetic and conversions have edge cases. */
    public static final long[] LONG_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        Long.MAX_VALUE - 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, (1L << 32) - 1, (1L << 53) + 1,
        -(1L << 53) - 1, (1L << 24) + 1, 63, 64, 65};
    /** Floats where arithmetic, comparisons and conversions have edge cases. */
    public static final float[] FLOAT_EDGES = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        1e-40f, -1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE, 2147483647f, -2147483648f, 2147483520f, 9.223372e18f,
        -9.223372e18f, 16777217f, 0.1f, 3.4e38f, Float.intBitsToFloat(0x7fc00001)};
    /** Doubles where arithmetic, comparisons and conversions have edge cases. */
    public static final double[] DOUBLE_EDGES = {0d, -0d, 1d, -1d, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        1e-310, -1e-310, Double.MAX_VALUE, -Double.MAX_VALUE, 2147483647.0, -2147483648.0, 2147483647.5,
        -2147483648.5, 9.223372036854776e18, -9.223372036854776e18, 1e-45, 3.4028235677973366e38, 3.4028236e38,
        1.401298464324817e-45, 7.006492321624085e-46, 0.1, (double) (1L << 53) + 2};

    private Inputs() {
    }

    private static boolean edge(RandomGenerator r) {
        return r.nextInt(4) == 0;
    }

    /** {@code n} ints, a quarter of them edge values. */
    public static int[] ints(RandomGenerator r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = edge(r) ? INT_EDGES[r.nextInt(INT_EDGES.length)] : r.nextInt();
        }
        return a;
    }

    /** {@code n} ints in {@code [lo, hi)}. */
    public static int[] ints(RandomGenerator r, int n, int lo, int hi) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(lo, hi);
        }
        return a;
    }

    /** {@code n} longs, a quarter of them edge values. */
    public static long[] longs(RandomGenerator r, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = edge(r) ? LONG_EDGES[r.nextInt(LONG_EDGES.length)] : r.nextLong();
        }
        return a;
    }

    /** {@code n} floats: a quarter edge values, a quarter random bit patterns, the rest in [-1000, 1000). */
    public static float[] floats(RandomGenerator r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (r.nextInt(4)) {
                case 0 -> FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)];
                case 1 -> Float.intBitsToFloat(r.nextInt());
                default -> r.nextFloat(-1000f, 1000f);
            };
        }
        return a;
    }

    /** {@code n} floats in {@code [lo, hi)}. */
    public static float[] floats(RandomGenerator r, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat(lo, hi);
        }
        return a;
    }

    /** {@code n} doubles: a quarter edge values, a quarter random bit patterns, the rest in [-1e6, 1e6). */
    public static double[] doubles(RandomGenerator r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (r.nextInt(4)) {
                case 0 -> DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
                case 1 -> Double.longBitsToDouble(r.nextLong());
                default -> r.nextDouble(-1e6, 1e6);
            };
        }
        return a;
    }

    /** {@code n} doubles in {@code [lo, hi)}. */
    public static double[] doubles(RandomGenerator r, int n, double lo, double hi) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble(lo, hi);
        }
        return a;
    }

    /** {@code n} random bytes. */
    public static byte[] bytes(RandomGenerator r, int n) {
        byte[] a = new byte[n];
        r.nextBytes(a);
        return a;
    }

    /** {@code n} random shorts. */
    public static short[] shorts(RandomGenerator r, int n) {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
            a[i] = (short) r.nextInt();
        }
        return a;
    }

    /** {@code n} random chars. */
    public static char[] chars(RandomGenerator r, int n) {
        char[] a = new char[n];
        for (int i = 0; i < n; i++) {
            a[i] = (char) r.nextInt();
        }
        return a;
    }

    /** {@code n} random booleans. */
    public static boolean[] booleans(RandomGenerator r, int n) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextBoolean();
        }
        return a;
    }
}
