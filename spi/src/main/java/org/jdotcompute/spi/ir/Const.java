package org.jdotcompute.spi.ir;

import java.util.Objects;

/**
 * A constant of a stack kind, stored as raw bits: an {@code INT} sign-extended, a {@code FLOAT}
 * as {@link Float#floatToRawIntBits}, a {@code DOUBLE} as {@link Double#doubleToRawLongBits}.
 *
 * @param kind {@code INT}, {@code LONG}, {@code FLOAT} or {@code DOUBLE}
 * @param bits the raw bits
 */
public record Const(Scalar kind, long bits) implements Operand {
    public Const {
        Objects.requireNonNull(kind, "kind");
        if (!kind.isStackKind()) {
            throw new IllegalArgumentException(kind + " is not a stack kind");
        }
        if ((kind == Scalar.INT || kind == Scalar.FLOAT) && bits != (int) bits) {
            throw new IllegalArgumentException("a 32-bit constant must be sign-extended, got 0x" + Long.toHexString(bits));
        }
    }

    /** An {@code int} constant. */
    public static Const ofInt(int v) {
        return new Const(Scalar.INT, v);
    }

    /** A {@code long} constant. */
    public static Const ofLong(long v) {
        return new Const(Scalar.LONG, v);
    }

    /** A {@code float} constant. */
    public static Const ofFloat(float v) {
        return new Const(Scalar.FLOAT, Float.floatToRawIntBits(v));
    }

    /** A {@code double} constant. */
    public static Const ofDouble(double v) {
        return new Const(Scalar.DOUBLE, Double.doubleToRawLongBits(v));
    }

    @Override
    public IrType type() {
        return IrType.of(kind);
    }

    /** The value of an {@code INT} constant. */
    public int intValue() {
        return (int) bits;
    }

    /** The value of a {@code LONG} constant. */
    public long longValue() {
        return bits;
    }

    /** The value of a {@code FLOAT} constant. */
    public float floatValue() {
        return Float.intBitsToFloat((int) bits);
    }

    /** The value of a {@code DOUBLE} constant. */
    public double doubleValue() {
        return Double.longBitsToDouble(bits);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case INT -> Integer.toString(intValue());
            case LONG -> longValue() + "L";
            case FLOAT -> floatValue() + "f";
            case DOUBLE -> doubleValue() + "d";
            default -> throw new AssertionError(kind);
        };
    }
}
