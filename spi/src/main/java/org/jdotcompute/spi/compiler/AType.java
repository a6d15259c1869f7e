package org.jdotcompute.spi.compiler;

import java.util.List;
import java.util.Objects;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.Scalar;

/**
 * The abstract type of a JVM local or stack slot during translation. Primitives and arrays are
 * values held in IR variables; the context, strings and exception objects are symbolic: they
 * exist only at compile time.
 */
sealed interface AType {

    /** Unusable: unassigned, the second half of a {@code long}/{@code double}, or conflicting types. */
    Top TOP = new Top();
    /** The {@code KernelContext}. */
    Ctx CTX = new Ctx();

    /** Whether this type is held in an IR variable. */
    default boolean isValue() {
        return this instanceof Prim || this instanceof Arr;
    }

    /** The JVM computational category: 2 for {@code long} and {@code double}. */
    default int category() {
        return this instanceof Prim p && (p.kind() == Scalar.LONG || p.kind() == Scalar.DOUBLE) ? 2 : 1;
    }

    /** The IR type of a value type. */
    default IrType irType() {
        return switch (this) {
            case Prim p -> IrType.of(p.kind());
            case Arr a -> new IrType.Array(a.element(), a.space());
            default -> throw new IllegalStateException(this + " is not held in a variable");
        };
    }

    /**
     * The suffix of variable names of this type: {@code i}, {@code l}, {@code f}, {@code d}, {@code af},
     * {@code af_loc}, {@code ai_const}, {@code ad_prv}...
     */
    default String suffix() {
        return switch (this) {
            case Prim p -> letter(p.kind());
            case Arr a -> "a" + letter(a.element()) + switch (a.space()) {
                case GLOBAL -> "";
                case LOCAL -> "_loc";
                case CONSTANT -> "_const";
                case PRIVATE -> "_prv";
            };
            default -> throw new IllegalStateException(this + " is not held in a variable");
        };
    }

    private static String letter(Scalar s) {
        return switch (s) {
            case BOOLEAN -> "z";
            case BYTE -> "b";
            case CHAR -> "c";
            case SHORT -> "s";
            case INT -> "i";
            case LONG -> "l";
            case FLOAT -> "f";
            case DOUBLE -> "d";
        };
    }

    /** The type of a value of IR type {@code t}. */
    static AType of(IrType t) {
        return switch (t) {
            case IrType.Prim p -> new Prim(p.scalar());
            case IrType.Array a -> new Arr(a.element(), a.space());
            case IrType.Void v -> throw new IllegalArgumentException("void has no slot type");
        };
    }

    /** Unusable. */
    record Top() implements AType {
        @Override
        public String toString() {
            return "top";
        }
    }

    /** A primitive of a stack kind. */
    record Prim(Scalar kind) implements AType {
        public Prim {
            if (!kind.isStackKind()) {
                throw new IllegalArgumentException(kind + " is not a stack kind");
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A primitive array in an address space. */
    record Arr(Scalar element, AddressSpace space) implements AType {
        public Arr {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(space, "space");
        }

        @Override
        public String toString() {
            return irType().toString();
        }
    }

    /** The kernel context. */
    record Ctx() implements AType {
        @Override
        public String toString() {
            return "KernelContext";
        }
    }

    /**
     * A string known at compile time up to its dynamic values: a constant or a concatenation.
     *
     * @param key      the instruction that made it
     * @param template the text, {@link DeviceErrorSite#PLACEHOLDER} for each dynamic value
     * @param values   the dynamic values (constants or variables nothing else writes)
     * @param types    their Java types
     */
    record Str(int key, String template, List<Operand> values, List<DeviceErrorSite.ArgumentType> types)
            implements AType {
        public Str {
            values = List.copyOf(values);
            types = List.copyOf(types);
        }

        @Override
        public String toString() {
            return "String";
        }
    }

    /** The result of {@code new X} before its constructor ran. */
    record Uninit(String className, int key) implements AType {
        @Override
        public String toString() {
            return "uninitialized " + className;
        }
    }

    /**
     * A constructed exception object.
     *
     * @param className the binary class name
     * @param arguments the constructor's arguments
     * @param values    the dynamic values the arguments consume (constants or variables nothing else writes)
     * @param types     their Java types
     * @param site      where the JVM would report it (re-homed for JDK code)
     * @param key       the constructor call instruction
     */
    record Exc(String className, List<DeviceErrorSite.Argument> arguments, List<Operand> values,
            List<DeviceErrorSite.ArgumentType> types, SourcePos site, int key) implements AType {
        public Exc {
            arguments = List.copyOf(arguments);
            values = List.copyOf(values);
            types = List.copyOf(types);
        }

        @Override
        public String toString() {
            return className;
        }
    }
}
