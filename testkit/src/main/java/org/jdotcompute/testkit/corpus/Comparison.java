package org.jdotcompute.testkit.corpus;

import java.util.List;
import java.util.Optional;

/**
 * Compares a corpus kernel's outputs: integral and boolean arrays exactly; {@code float} and
 * {@code double} arrays by {@link Float#floatToIntBits}/{@link Double#doubleToLongBits} (so every
 * NaN equals every other NaN — NaN payloads are not portable — while {@code -0.0 != 0.0}), or, with
 * a ULP bound, within that many units in the last place (infinities and NaNs must still match
 * exactly). Stateless and thread-safe.
 */
public final class Comparison {
    private Comparison() {
    }

    /**
     * The first difference between the {@code kernel}'s outputs in {@code expected} and in
     * {@code actual} (argument lists as {@link CorpusKernel#inputs(long)} made them), or empty.
     */
    public static Optional<String> mismatch(CorpusKernel kernel, List<Object> expected, List<Object> actual) {
        for (int index : kernel.outputs()) {
            Optional<String> m = mismatch(expected.get(index), actual.get(index), kernel.ulpBound());
            if (m.isPresent()) {
                return Optional.of("output " + index + ": " + m.get());
            }
        }
        return Optional.empty();
    }

    /** The first difference between two arrays of one primitive type, or empty. */
    public static Optional<String> mismatch(Object expected, Object actual, int ulps) {
        int n = java.lang.reflect.Array.getLength(expected);
        if (expected.getClass() != actual.getClass() || n != java.lang.reflect.Array.getLength(actual)) {
            return Optional.of("array types or lengths differ");
        }
        for (int i = 0; i < n; i++) {
            Object e = java.lang.reflect.Array.get(expected, i);
            Object a = java.lang.reflect.Array.get(actual, i);
            boolean same = switch (e) {
                case Float x -> close(x, (Float) a, ulps);
                case Double x -> close(x, (Double) a, ulps);
                default -> e.equals(a);
            };
            if (!same) {
                return Optional.of("element " + i + " is " + show(a) + ", expected " + show(e)
                        + (ulps > 0 ? " (within " + ulps + " ULPs)" : ""));
            }
        }
        return Optional.empty();
    }

    private static String show(Object v) {
        return switch (v) {
            case Float f -> f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
            case Double d -> d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            default -> String.valueOf(v);
        };
    }

    private static boolean close(float e, float a, int ulps) {
        if (Float.floatToIntBits(e) == Float.floatToIntBits(a)) {
            return true;
        }
        if (ulps == 0 || Float.isNaN(e) || Float.isNaN(a) || Float.isInfinite(e) || Float.isInfinite(a)) {
            return false;
        }
        return Math.abs(ordered(e) - ordered(a)) <= ulps;
    }

    private static boolean close(double e, double a, int ulps) {
        if (Double.doubleToLongBits(e) == Double.doubleToLongBits(a)) {
            return true;
        }
        if (ulps == 0 || Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e) || Double.isInfinite(a)) {
            return false;
        }
        long d = ordered(e) - ordered(a);
        return d <= ulps && d >= -ulps;
    }

    private static long ordered(float f) {
        int bits = Float.floatToIntBits(f);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }
}
