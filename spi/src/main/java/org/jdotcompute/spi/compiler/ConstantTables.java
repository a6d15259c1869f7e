package org.jdotcompute.spi.compiler;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.NopInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.Scalar;

/**
 * Reads the values of a {@code static final} primitive array for a constant table: by reflection
 * where the field is accessible (the class path, an exported public field, a package opened to
 * {@code org.jdotcompute.spi}), else by evaluating the class's static initializer symbolically —
 * enough for the {@code newarray; dup; index; value; xastore} sequences javac emits for
 * {@code {...}} initialisers, such as the JDK's fdlibm tables. Stateless and thread-safe.
 */
final class ConstantTables {
    private ConstantTables() {
    }

    /** The values read, or why they could not be. */
    sealed interface Outcome {
    }

    /** The elements, as IR constants of the element's stack kind. */
    record Values(List<Const> values) implements Outcome {
        Values {
            values = List.copyOf(values);
        }
    }

    /**
     * Why the values cannot be read.
     *
     * @param reason what went wrong
     * @param hint   what to do about it
     * @param cause  the exception behind it, or null
     */
    record Unreadable(String reason, String hint, Throwable cause) implements Outcome {
    }

    /**
     * Reads {@code field} (static, final, a one-dimensional primitive array) of
     * {@code declaring}, whose class file is {@code classFile}.
     */
    static Outcome read(Field field, ClassModel classFile) {
        Scalar element = Scalar.of(field.getType().getComponentType());
        if (field.canAccess(null) || field.trySetAccessible()) {
            Object value;
            try {
                value = field.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the field " + field + " was made accessible but cannot be read", e);
            } catch (LinkageError e) {
                Throwable cause = e instanceof ExceptionInInitializerError x && x.getCause() != null ? x.getCause() : e;
                return new Unreadable("initialising its class failed: " + cause, "fix the static initializer, or pass"
                        + " the array as a kernel parameter", cause);
            }
            if (value == null) {
                return new Unreadable("it is null", "assign it an array, or pass the array as a kernel parameter", null);
            }
            return new Values(constants(element, value));
        }
        return fromInitializer(classFile, field.getName(), element, field.getDeclaringClass().getPackageName());
    }

    /**
     * The values of the static field {@code field} (a {@code element[]}) of the class in
     * {@code classFile} after its static initializer, evaluated symbolically (see {@link Clinit});
     * for a class whose package {@code pkg} is not open to reflection.
     */
    static Outcome fromInitializer(ClassModel classFile, String field, Scalar element, String pkg) {
        String reflective = "its package " + pkg + " is not open to org.jdotcompute.spi";
        String hint = "open the package " + pkg + " to org.jdotcompute.spi (in module-info: opens " + pkg
                + " to org.jdotcompute.spi; or --add-opens), or initialise the array with a plain initializer '{...}'"
                + " of constants, or pass the array as a kernel parameter";
        Optional<Object> evaluated;
        try {
            evaluated = new Clinit(classFile, field, element).evaluate();
        } catch (GiveUp g) {
            return new Unreadable(reflective + ", and its static initializer " + g.getMessage(), hint, null);
        }
        return evaluated.<Outcome>map(v -> new Values(constants(element, v)))
                .orElseGet(() -> new Unreadable(reflective + ", and its static initializer does not assign it", hint,
                        null));
    }

    private static List<Const> constants(Scalar element, Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        List<Const> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(switch (array) {
                case boolean[] a -> Const.ofInt(a[i] ? 1 : 0);
                case byte[] a -> Const.ofInt(a[i]);
                case char[] a -> Const.ofInt(a[i]);
                case short[] a -> Const.ofInt(a[i]);
                case int[] a -> Const.ofInt(a[i]);
                case long[] a -> Const.ofLong(a[i]);
                case float[] a -> Const.ofFloat(a[i]);
                case double[] a -> Const.ofDouble(a[i]);
                default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass() + " for "
                        + element);
            });
        }
        return values;
    }

    /** The static initializer cannot be evaluated; the message says why ("has a branch at ..."). */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A symbolic run of {@code <clinit>}, straight-line only: constants, primitive array
     * allocations and stores, locals, the stack instructions, static fields of the class; every
     * other value is unknown. An array that escapes (passed to a method, stored into an object or
     * an array of objects) may be changed behind the evaluator's back and is unusable. Any branch,
     * switch or throw ends the evaluation, since the path taken is unknown.
     */
    private static final class Clinit {
        private final ClassModel cm;
        private final String field;
        private final Scalar element;
        private final List<Object> arrays = new ArrayList<>();
        /** Per array: why its contents are unknown, or null while they are known. */
        private final List<String> unknown = new ArrayList<>();
        private final Map<String, Val> statics = new HashMap<>();
        private final Map<Integer, Val> locals = new HashMap<>();
        private final ArrayList<Val> stack = new ArrayList<>();

        Clinit(ClassModel cm, String field, Scalar element) {
            this.cm = cm;
            this.field = field;
            this.element = element;
        }

        /** A value: a known number, one of the arrays made so far, or unknown (with its category). */
        private sealed interface Val permits Num, Arr, Unknown {
            int category();
        }

        private record Num(ConstantDesc value) implements Val {
            @Override
            public int category() {
                return value instanceof Long || value instanceof Double ? 2 : 1;
            }
        }

        private record Arr(int id) implements Val {
            @Override
            public int category() {
                return 1;
            }
        }

        private record Unknown(int category) implements Val {
        }

        private static final Unknown ONE = new Unknown(1);

        Optional<Object> evaluate() {
            MethodModel clinit = cm.methods().stream().filter(m -> m.methodName().equalsString("<clinit>")).findFirst()
                    .orElse(null);
            if (clinit == null || clinit.code().isEmpty()) {
                return Optional.empty();
            }
            CodeModel code = clinit.code().get();
            if (!code.exceptionHandlers().isEmpty()) {
                throw new GiveUp("has a try block");
            }
            for (CodeElement e : code) {
                if (e instanceof Instruction ins && step(ins)) {
                    break;
                }
            }
            Val v = statics.get(field);
            if (!(v instanceof Arr a)) {
                if (v == null) {
                    return Optional.empty();
                }
                throw new GiveUp("assigns it a value computed at run time");
            }
            if (unknown.get(a.id()) != null) {
                throw new GiveUp(unknown.get(a.id()));
            }
            Object array = arrays.get(a.id());
            if (array.getClass().getComponentType() != element.javaType()) {
                throw new GiveUp("assigns it an array of another type");
            }
            return Optional.of(array);
        }

        private Val pop() {
            if (stack.isEmpty()) {
                throw new GiveUp("has bytecode the compiler cannot follow (stack underflow)");
            }
            return stack.removeLast();
        }

        private void push(Val v) {
            stack.add(v);
        }

        private void escape(Val v) {
            if (v instanceof Arr a && unknown.get(a.id()) == null) {
                unknown.set(a.id(), "passes the array to code the compiler cannot follow");
            }
        }

        private static Class<?> javaType(TypeKind k) {
            return switch (k) {
                case BOOLEAN -> boolean.class;
                case BYTE -> byte.class;
                case CHAR -> char.class;
                case SHORT -> short.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
                default -> throw new GiveUp("allocates an array of " + k);
            };
        }

        private static int category(TypeKind k) {
            return k == TypeKind.LONG || k == TypeKind.DOUBLE ? 2 : 1;
        }

        private static int category(ClassDesc d) {
            String s = d.descriptorString();
            return s.equals("J") || s.equals("D") ? 2 : 1;
        }

        /** Executes one instruction; returns true at the end of the initializer. */
        private boolean step(Instruction ins) {
            switch (ins) {
                case ConstantInstruction c -> push(switch (c.constantValue()) {
                    case Integer x -> new Num(x);
                    case Long x -> new Num(x);
                    case Float x -> new Num(x);
                    case Double x -> new Num(x);
                    case null, default -> ONE;
                });
                case NewPrimitiveArrayInstruction n -> {
                    Val length = pop();
                    if (length instanceof Num(Integer len) && len >= 0) {
                        arrays.add(java.lang.reflect.Array.newInstance(javaType(n.typeKind()), len));
                        unknown.add(null);
                        push(new Arr(arrays.size() - 1));
                    } else {
                        push(ONE);
                    }
                }
                case NewReferenceArrayInstruction n -> {
                    pop();
                    push(ONE);
                }
                case NewMultiArrayInstruction n -> {
                    for (int d = 0; d < n.dimensions(); d++) {
                        pop();
                    }
                    push(ONE);
                }
                case NewObjectInstruction n -> push(ONE);
                case StackInstruction s -> stackOp(s);
                case ArrayStoreInstruction a -> {
                    Val value = pop();
                    Val index = pop();
                    Val array = pop();
                    if (a.typeKind() == TypeKind.REFERENCE) {
                        escape(value);
                    } else if (array instanceof Arr arr) {
                        if (index instanceof Num(Integer i) && value instanceof Num n) {
                            store(arrays.get(arr.id()), i, n.value());
                        } else if (unknown.get(arr.id()) == null) {
                            unknown.set(arr.id(), "stores a value computed at run time into it");
                        }
                    }
                }
                case ArrayLoadInstruction a -> {
                    pop();
                    pop();
                    push(new Unknown(category(a.typeKind())));
                }
                case FieldInstruction f -> {
                    boolean own = f.owner().asSymbol().equals(cm.thisClass().asSymbol());
                    String name = f.name().stringValue();
                    switch (f.opcode()) {
                        case PUTSTATIC -> {
                            Val v = pop();
                            if (own) {
                                statics.put(name, v);
                            } else {
                                escape(v);
                            }
                        }
                        case GETSTATIC -> push(own && statics.containsKey(name) ? statics.get(name)
                                : new Unknown(category(f.typeSymbol())));
                        case PUTFIELD -> {
                            escape(pop());
                            pop();
                        }
                        default -> {
                            pop();
                            push(new Unknown(category(f.typeSymbol())));
                        }
                    }
                }
                case InvokeInstruction inv -> {
                    var type = inv.typeSymbol();
                    for (int k = 0; k < type.parameterCount(); k++) {
                        escape(pop());
                    }
                    if (inv.opcode() != java.lang.classfile.Opcode.INVOKESTATIC) {
                        escape(pop());
                    }
                    if (!type.returnType().descriptorString().equals("V")) {
                        push(new Unknown(category(type.returnType())));
                    }
                }
                case InvokeDynamicInstruction indy -> {
                    var type = indy.typeSymbol();
                    for (int k = 0; k < type.parameterCount(); k++) {
                        escape(pop());
                    }
                    if (!type.returnType().descriptorString().equals("V")) {
                        push(new Unknown(category(type.returnType())));
                    }
                }
                case TypeCheckInstruction t -> {
                    if (t.opcode() == java.lang.classfile.Opcode.INSTANCEOF) {
                        pop();
                        push(ONE);
                    }
                }
                case OperatorInstruction o -> {
                    boolean unary = switch (o.opcode()) {
                        case INEG, LNEG, FNEG, DNEG, ARRAYLENGTH -> true;
                        default -> false;
                    };
                    pop();
                    if (!unary) {
                        pop();
                    }
                    int cat = switch (o.opcode()) {
                        case ARRAYLENGTH, LCMP, FCMPL, FCMPG, DCMPL, DCMPG -> 1;
                        default -> category(o.typeKind());
                    };
                    push(new Unknown(cat));
                }
                case ConvertInstruction c -> {
                    pop();
                    push(new Unknown(category(c.toType())));
                }
                case LoadInstruction l -> push(locals.getOrDefault(l.slot(), new Unknown(category(l.typeKind()))));
                case StoreInstruction s -> locals.put(s.slot(), pop());
                case IncrementInstruction inc -> locals.put(inc.slot(), locals.get(inc.slot()) instanceof Num(Integer v)
                        ? new Num(v + inc.constant()) : ONE);
                case NopInstruction n -> {
                }
                case ReturnInstruction r -> {
                    return true;
                }
                default -> throw new GiveUp((ins instanceof java.lang.classfile.instruction.BranchInstruction
                        || ins instanceof java.lang.classfile.instruction.TableSwitchInstruction
                        || ins instanceof java.lang.classfile.instruction.LookupSwitchInstruction
                        || ins instanceof java.lang.classfile.instruction.ThrowInstruction ? "has control flow ("
                                : "has an instruction the compiler does not follow (")
                        + ins.opcode().name().toLowerCase(java.util.Locale.ROOT) + "), and the compiler follows only"
                        + " straight-line code");
            }
            return false;
        }

        private void stackOp(StackInstruction s) {
            switch (s.opcode()) {
                case POP -> pop();
                case POP2 -> {
                    if (pop().category() == 1) {
                        pop();
                    }
                }
                case DUP -> {
                    Val v = pop();
                    push(v);
                    push(v);
                }
                case DUP_X1 -> {
                    Val v1 = pop();
                    Val v2 = pop();
                    push(v1);
                    push(v2);
                    push(v1);
                }
                case DUP2 -> {
                    Val v1 = pop();
                    if (v1.category() == 2) {
                        push(v1);
                        push(v1);
                    } else {
                        Val v2 = pop();
                        push(v2);
                        push(v1);
                        push(v2);
                        push(v1);
                    }
                }
                case SWAP -> {
                    Val v1 = pop();
                    Val v2 = pop();
                    push(v1);
                    push(v2);
                }
                default -> throw new GiveUp("has " + s.opcode().name().toLowerCase(java.util.Locale.ROOT)
                        + ", which the compiler does not follow");
            }
        }

        /** {@code array[i] = value} with the JVM's narrowing ({@code bastore} on booleans keeps bit 0). */
        private static void store(Object array, int i, ConstantDesc value) {
            if (i < 0 || i >= java.lang.reflect.Array.getLength(array)) {
                throw new GiveUp("stores outside the array (it would throw)");
            }
            long bits = switch (value) {
                case Integer x -> x;
                case Long x -> x;
                case Float x -> Float.floatToRawIntBits(x);
                case Double x -> Double.doubleToRawLongBits(x);
                default -> throw new GiveUp("stores a non-numeric constant");
            };
            switch (array) {
                case boolean[] a -> a[i] = (bits & 1) != 0;
                case byte[] a -> a[i] = (byte) bits;
                case char[] a -> a[i] = (char) bits;
                case short[] a -> a[i] = (short) bits;
                case int[] a -> a[i] = (int) bits;
                case long[] a -> a[i] = bits;
                case float[] a -> a[i] = Float.intBitsToFloat((int) bits);
                case double[] a -> a[i] = Double.longBitsToDouble(bits);
                default -> throw new AssertionError(array);
            }
        }
    }
}
