package org.jdotcompute.spi.codegen;

import java.util.Objects;

import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.Scalar;

/**
 * Exact C literals for Java values. Every literal is a complete primary expression: negative
 * values are parenthesised (so {@code a - (-1)} never becomes {@code a --1}), {@code MIN_VALUE}
 * is written without overflowing ({@code (-2147483647 - 1)}), floating-point values keep their
 * exact bits (hexadecimal literals where the dialect allows them, otherwise the shortest decimal
 * that reads back to the same value), and NaN and the infinities are bit casts of their raw bits,
 * so a NaN keeps its payload.
 *
 * <p>Thread-safe (stateless).
 */
public final class CLiterals {
    private CLiterals() {
    }

    /** The literal of an IR constant. */
    public static String of(CDialect dialect, Const c) {
        Objects.requireNonNull(dialect, "dialect");
        return switch (c.kind()) {
            case INT -> intLiteral(c.intValue());
            case LONG -> longLiteral(dialect, c.longValue());
            case FLOAT -> floatLiteral(dialect, c.floatValue());
            case DOUBLE -> doubleLiteral(dialect, c.doubleValue());
            default -> throw new IllegalArgumentException(c.kind() + " is not a stack kind");
        };
    }

    /** A signed 32-bit literal: {@code 42}, {@code (-42)}, {@code (-2147483647 - 1)}. */
    public static String intLiteral(int value) {
        if (value == Integer.MIN_VALUE) {
            return "(-2147483647 - 1)";
        }
        return value < 0 ? "(" + value + ")" : Integer.toString(value);
    }

    /** A signed 64-bit literal: {@code 42L}, {@code (-42L)}, {@code (-9223372036854775807L - 1L)}. */
    public static String longLiteral(CDialect dialect, long value) {
        String s = dialect.longLiteralSuffix();
        if (value == Long.MIN_VALUE) {
            return "(-9223372036854775807" + s + " - 1" + s + ")";
        }
        return value < 0 ? "(" + value + s + ")" : value + s;
    }

    /**
     * A signed 32-bit literal written in hexadecimal, for bit patterns: {@code 0x7fc00000},
     * {@code (-0x800000)}, {@code (-0x7fffffff - 1)}.
     */
    public static String intBits(int bits) {
        if (bits == Integer.MIN_VALUE) {
            return "(-0x7fffffff - 1)";
        }
        return bits < 0 ? "(-0x" + Integer.toHexString(-bits) + ")" : "0x" + Integer.toHexString(bits);
    }

    /** A signed 64-bit literal written in hexadecimal, for bit patterns. */
    public static String longBits(CDialect dialect, long bits) {
        String s = dialect.longLiteralSuffix();
        if (bits == Long.MIN_VALUE) {
            return "(-0x7fffffffffffffff" + s + " - 1" + s + ")";
        }
        return bits < 0 ? "(-0x" + Long.toHexString(-bits) + s + ")" : "0x" + Long.toHexString(bits) + s;
    }

    /**
     * A {@code float} literal with exactly the bits of {@code value}: {@code 2.0f}, {@code (-0.0f)},
     * {@code 0x1.99999ap-4f}, or for NaN and the infinities a bit cast such as
     * {@code as_float(0x7fc00000)}.
     */
    public static String floatLiteral(CDialect dialect, float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return dialect.bitcast(Scalar.INT, Scalar.FLOAT, intBits(Float.floatToRawIntBits(value)));
        }
        String body;
        float magnitude = Math.abs(value);
        if (magnitude == Math.rint(magnitude) && magnitude < 0x1p24f) {
            body = Long.toString((long) magnitude) + ".0f";
        } else if (dialect.hexFloatLiterals()) {
            body = Float.toHexString(magnitude) + "f";
        } else {
            body = Float.toString(magnitude) + "f";
        }
        return Float.floatToRawIntBits(value) < 0 ? "(-" + body + ")" : body;
    }

    /** A {@code double} literal with exactly the bits of {@code value}; see {@link #floatLiteral}. */
    public static String doubleLiteral(CDialect dialect, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return dialect.bitcast(Scalar.LONG, Scalar.DOUBLE, longBits(dialect, Double.doubleToRawLongBits(value)));
        }
        String body;
        double magnitude = Math.abs(value);
        if (magnitude == Math.rint(magnitude) && magnitude < 0x1p53) {
            body = Long.toString((long) magnitude) + ".0";
        } else if (dialect.hexFloatLiterals()) {
            body = Double.toHexString(magnitude);
        } else {
            body = Double.toString(magnitude);
        }
        return Double.doubleToRawLongBits(value) < 0 ? "(-" + body + ")" : body;
    }

    /** A zero of {@code kind}'s stack kind: {@code 0}, {@code 0L}, {@code 0.0f} or {@code 0.0}. */
    public static String zero(CDialect dialect, Scalar kind) {
        return switch (kind.stackKind()) {
            case INT -> "0";
            case LONG -> "0" + dialect.longLiteralSuffix();
            case FLOAT -> "0.0f";
            case DOUBLE -> "0.0";
            default -> throw new AssertionError(kind);
        };
    }
}
