package org.jdotcompute.spi.ir;

/**
 * A comparison. Integers compare signed. Floats compare as IEEE: every comparison with NaN is
 * false except {@code NE}, which is true (C's semantics; the front end swaps branch targets to
 * express Java's {@code fcmpl}/{@code fcmpg} rules).
 */
public enum CompareOp {
    /** {@code ==} */ EQ,
    /** {@code !=} */ NE,
    /** {@code <} */ LT,
    /** {@code <=} */ LE,
    /** {@code >} */ GT,
    /** {@code >=} */ GE;

    /** The C operator. */
    public String symbol() {
        return switch (this) {
            case EQ -> "==";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
    }
}
