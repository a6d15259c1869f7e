package org.jdotcompute.spi.ir;

import java.util.Objects;

/**
 * A variable of one function. Parameters and locals share one id space per function.
 *
 * @param id   unique within the function, from 0
 * @param name a C identifier unique within the function (e.g. {@code p_x}, {@code l3_i},
 *             {@code s1_f}); emitters may use it as is
 * @param type its type
 */
public record Var(int id, String name, IrType type) implements Operand {
    public Var {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (type instanceof IrType.Void) {
            throw new IllegalArgumentException("variable " + name + " cannot be void");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("variable name '" + name + "' is not a C identifier");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
