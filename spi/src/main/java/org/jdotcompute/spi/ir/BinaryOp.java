package org.jdotcompute.spi.ir;

/**
 * Binary arithmetic with Java semantics. Both operands and the result have one stack kind,
 * except shifts, whose count is always {@code INT} (masked to 5 or 6 bits).
 */
public enum BinaryOp {
    /** {@code +} */ ADD,
    /** {@code -} */ SUB,
    /** {@code *} */ MUL,
    /** {@code /}: integers truncate, {@code MIN/-1 = MIN}, unchecked {@code x/0 = 0}; floats IEEE. */ DIV,
    /** {@code %}: integers take the dividend's sign, {@code MIN%-1 = 0}, unchecked {@code x%0 = 0}; floats {@code fmod}. */ REM,
    /** {@code &} (integers) */ AND,
    /** {@code |} (integers) */ OR,
    /** {@code ^} (integers) */ XOR,
    /** {@code <<} (integers; count masked) */ SHL,
    /** {@code >>} (integers; arithmetic; count masked) */ SHR,
    /** {@code >>>} (integers; logical; count masked) */ USHR;

    /** Whether the second operand is a shift count (always {@code INT}). */
    public boolean isShift() {
        return this == SHL || this == SHR || this == USHR;
    }

    /** Whether the operation is defined for integers only. */
    public boolean integralOnly() {
        return this == AND || this == OR || this == XOR || isShift();
    }
}
