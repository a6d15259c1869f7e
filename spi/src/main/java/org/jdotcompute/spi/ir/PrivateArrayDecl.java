package org.jdotcompute.spi.ir;

import java.util.Objects;

/**
 * A per-work-item array of one function, in {@link AddressSpace#PRIVATE} memory: one per
 * {@code new T[n]} allocation site (constant {@code n}) of the function. {@link Stmt.PrivateArray}
 * zeroes it and binds it to a variable each time it runs, as {@code new} makes a fresh zeroed
 * array; the front end allocates only outside loops, so no reference to an earlier incarnation is
 * still in use. The array lives as long as the function's activation: functions return
 * primitives only, so it cannot escape.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id      unique within the function
 * @param element the element type
 * @param length  the constant length, at least 1
 */
public record PrivateArrayDecl(int id, Scalar element, int length) {
    public PrivateArrayDecl {
        Objects.requireNonNull(element, "element");
        if (length <= 0) {
            throw new IllegalArgumentException("private array length " + length + " must be positive");
        }
        if (id < 0) {
            throw new IllegalArgumentException("private array id " + id + " must not be negative");
        }
    }

    /** The array's type. */
    public IrType.Array type() {
        return new IrType.Array(element, AddressSpace.PRIVATE);
    }
}
