package org.jdotcompute.spi.ir;

/** A statement operand: a variable or a constant. */
public sealed interface Operand permits Var, Const {
    /** The operand's type. */
    IrType type();
}
