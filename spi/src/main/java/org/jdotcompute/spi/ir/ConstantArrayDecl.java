package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;

/**
 * A constant table of a kernel: the values of a {@code static final} primitive array that the
 * kernel or one of its device functions reads, in {@link AddressSpace#CONSTANT} memory. Any
 * function binds it to a variable with {@link Stmt.ConstantArray}; nothing stores to it.
 *
 * <p>The values are a <b>snapshot taken when the kernel was translated</b>. The CPU backend runs
 * the Java code, which reads the live array: a program that changes a {@code static final}
 * array's elements after a kernel was compiled makes the backends disagree.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id      unique within the kernel: an index into {@link KernelIR#constantArrays()}
 * @param element the element type (any scalar)
 * @param values  the elements in order, each a {@link Const} of the element's stack kind holding
 *                the element's value ({@code BOOLEAN} 0 or 1, {@code BYTE}, {@code CHAR} and
 *                {@code SHORT} in their ranges, floats and doubles as their raw bits); may be empty
 * @param origin  the Java field it was read from, {@code binary.ClassName.FIELD}, for messages and
 *                comments in emitted code
 */
public record ConstantArrayDecl(int id, Scalar element, List<Const> values, String origin) {
    public ConstantArrayDecl {
        Objects.requireNonNull(element, "element");
        values = List.copyOf(values);
        Objects.requireNonNull(origin, "origin");
        if (id < 0) {
            throw new IllegalArgumentException("constant array id " + id + " must not be negative");
        }
        for (int i = 0; i < values.size(); i++) {
            Const c = values.get(i);
            if (c.kind() != element.stackKind()) {
                throw new IllegalArgumentException("element " + i + " of constant array " + origin + " is a " + c.kind()
                        + " constant, expected " + element.stackKind() + " for " + element + " elements");
            }
            boolean inRange = switch (element) {
                case BOOLEAN -> c.intValue() == 0 || c.intValue() == 1;
                case BYTE -> c.intValue() == (byte) c.intValue();
                case CHAR -> c.intValue() == (char) c.intValue();
                case SHORT -> c.intValue() == (short) c.intValue();
                default -> true;
            };
            if (!inRange) {
                throw new IllegalArgumentException("element " + i + " of constant array " + origin + " is "
                        + c.intValue() + ", outside the range of " + element);
            }
        }
    }

    /** The number of elements. */
    public int length() {
        return values.size();
    }

    /** The array's type. */
    public IrType.Array type() {
        return new IrType.Array(element, AddressSpace.CONSTANT);
    }

    /** The raw bits of element {@code index}, as {@link Const#bits()}. */
    public long bits(int index) {
        return values.get(index).bits();
    }
}
