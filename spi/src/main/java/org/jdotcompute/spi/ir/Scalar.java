package org.jdotcompute.spi.ir;

/** The primitive types of the IR. */
public enum Scalar {
    /** {@code boolean}: 1 byte in arrays, an {@code INT} 0/1 in variables. */
    BOOLEAN(1),
    /** {@code byte}: signed 8 bits. */
    BYTE(1),
    /** {@code char}: unsigned 16 bits. */
    CHAR(2),
    /** {@code short}: signed 16 bits. */
    SHORT(2),
    /** {@code int}: signed 32 bits. */
    INT(4),
    /** {@code long}: signed 64 bits. */
    LONG(8),
    /** {@code float}: IEEE binary32. */
    FLOAT(4),
    /** {@code double}: IEEE binary64. */
    DOUBLE(8);

    private final int byteSize;

    Scalar(int byteSize) {
        this.byteSize = byteSize;
    }

    /** The size in bytes as an array element. */
    public int byteSize() {
        return byteSize;
    }

    /** The kind a value of this type has in a variable: sub-int types widen to {@code INT}. */
    public Scalar stackKind() {
        return switch (this) {
            case BOOLEAN, BYTE, CHAR, SHORT, INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
        };
    }

    /** Whether this is a stack kind ({@code INT}, {@code LONG}, {@code FLOAT}, {@code DOUBLE}). */
    public boolean isStackKind() {
        return stackKind() == this;
    }

    /** Whether this is an integral type (all but {@code FLOAT} and {@code DOUBLE}). */
    public boolean isIntegral() {
        return this != FLOAT && this != DOUBLE;
    }

    /** Whether this is {@code FLOAT} or {@code DOUBLE}. */
    public boolean isFloating() {
        return !isIntegral();
    }

    /** The scalar for a Java primitive class, e.g. {@code int.class}. */
    public static Scalar of(Class<?> primitive) {
        if (primitive == boolean.class) {
            return BOOLEAN;
        } else if (primitive == byte.class) {
            return BYTE;
        } else if (primitive == char.class) {
            return CHAR;
        } else if (primitive == short.class) {
            return SHORT;
        } else if (primitive == int.class) {
            return INT;
        } else if (primitive == long.class) {
            return LONG;
        } else if (primitive == float.class) {
            return FLOAT;
        } else if (primitive == double.class) {
            return DOUBLE;
        }
        throw new IllegalArgumentException(primitive.getName() + " is not a primitive type with an IR scalar");
    }

    /** The Java primitive class. */
    public Class<?> javaType() {
        return switch (this) {
            case BOOLEAN -> boolean.class;
            case BYTE -> byte.class;
            case CHAR -> char.class;
            case SHORT -> short.class;
            case INT -> int.class;
            case LONG -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
        };
    }
}
