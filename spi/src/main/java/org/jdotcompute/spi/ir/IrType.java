package org.jdotcompute.spi.ir;

import java.util.Objects;

/** The type of an IR variable or function result. */
public sealed interface IrType permits IrType.Prim, IrType.Array, IrType.Void {

    /** {@code int} (also {@code boolean}, {@code byte}, {@code char}, {@code short} values). */
    Prim INT = new Prim(Scalar.INT);
    /** {@code long}. */
    Prim LONG = new Prim(Scalar.LONG);
    /** {@code float}. */
    Prim FLOAT = new Prim(Scalar.FLOAT);
    /** {@code double}. */
    Prim DOUBLE = new Prim(Scalar.DOUBLE);
    /** No value (function results only). */
    Void VOID = new Void();

    /** The variable type of a stack kind. */
    static Prim of(Scalar kind) {
        return switch (kind.stackKind()) {
            case INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            default -> throw new AssertionError(kind);
        };
    }

    /**
     * A primitive value of a stack kind.
     *
     * @param scalar {@code INT}, {@code LONG}, {@code FLOAT} or {@code DOUBLE}
     */
    record Prim(Scalar scalar) implements IrType {
        public Prim {
            Objects.requireNonNull(scalar, "scalar");
            if (!scalar.isStackKind()) {
                throw new IllegalArgumentException(scalar + " is not a stack kind; variables of sub-int types are INT");
            }
        }

        @Override
        public String toString() {
            return scalar.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A reference to an array with a hidden length.
     *
     * @param element the element type (any scalar)
     * @param space   where the array lives
     */
    record Array(Scalar element, AddressSpace space) implements IrType {
        public Array {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(space, "space");
        }

        @Override
        public String toString() {
            return element.name().toLowerCase(java.util.Locale.ROOT) + "[]" + switch (space) {
                case GLOBAL -> "";
                case LOCAL -> "@local";
                case CONSTANT -> "@constant";
                case PRIVATE -> "@private";
            };
        }
    }

    /** No value. */
    record Void() implements IrType {
        @Override
        public String toString() {
            return "void";
        }
    }
}
