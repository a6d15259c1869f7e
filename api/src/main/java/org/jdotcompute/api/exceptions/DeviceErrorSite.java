package org.jdotcompute.api.exceptions;

import java.util.List;
import java.util.Objects;

/**
 * The static half of a device-side exception (Numba's static/dynamic split): what a kernel
 * throws at one place in its code, known at compile time. The dynamic half — the values, the
 * work-item, the failure count — comes from the device's error record at run time;
 * {@link DeviceKernelException#fromDevice} joins both.
 *
 * <p>Example: {@code throw new IllegalArgumentException("bad value " + v)} with an {@code int v}
 * is {@code DeviceErrorSite.ofMessage("java.lang.IllegalArgumentException", "bad value " + PLACEHOLDER,
 * List.of(ArgumentType.INT), ...)}; {@code new KernelException("k", "bad " + v)} is two
 * arguments, {@code Argument.string("k")} and {@code Argument.string("bad " + PLACEHOLDER)}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param exceptionClass the binary name of the thrown class, e.g.
 *                       {@code java.lang.ArrayIndexOutOfBoundsException}
 * @param arguments      the constructor's arguments, in order (empty: the no-argument constructor)
 * @param valueTypes     the Java type of each dynamic value, in the order the arguments consume
 *                       them (never {@code STRING}: strings are built from templates)
 * @param kernelName     the kernel's name, {@code SimpleClassName.method}
 * @param declaringClass the binary name of the class whose code fails (the kernel's or a device function's)
 * @param methodName     the method whose code fails
 * @param sourceFile     the source file, e.g. {@code Kernels.java}
 * @param sourceLine     the source line ({@code -1} if the class has no line numbers)
 */
public record DeviceErrorSite(String exceptionClass, List<Argument> arguments, List<ArgumentType> valueTypes,
        String kernelName,
        String declaringClass, String methodName, String sourceFile, int sourceLine) {

    /** The placeholder for one dynamic value in a {@link ArgumentType#STRING} template. */
    public static final char PLACEHOLDER = '\u0001';

    /** Checks that the arguments consume exactly the value types, in order, and that nothing is null. */
    public DeviceErrorSite {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        arguments = List.copyOf(arguments);
        valueTypes = List.copyOf(valueTypes);
        int needed = arguments.stream().mapToInt(Argument::dynamicValueCount).sum();
        if (needed != valueTypes.size()) {
            throw new IllegalArgumentException("the arguments of " + exceptionClass + " take " + needed
                    + " dynamic value(s) but " + valueTypes.size() + " value type(s) were given");
        }
        if (valueTypes.contains(ArgumentType.STRING)) {
            throw new IllegalArgumentException("a dynamic value cannot be a STRING: " + valueTypes);
        }
        int primitiveIndex = 0;
        for (Argument a : arguments) {
            if (a.type() != ArgumentType.STRING && valueTypes.get(primitiveIndex) != a.type()) {
                throw new IllegalArgumentException("argument of type " + a.type() + " consumes a value of type "
                        + valueTypes.get(primitiveIndex));
            }
            primitiveIndex += a.dynamicValueCount();
        }
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(declaringClass, "declaringClass");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(sourceFile, "sourceFile");
    }

    /** A site whose exception is built from one message template (the usual case). */
    public static DeviceErrorSite ofMessage(String exceptionClass, String template, List<ArgumentType> valueTypes,
            String kernelName, String declaringClass, String methodName, String sourceFile, int sourceLine) {
        return new DeviceErrorSite(exceptionClass, List.of(Argument.string(template)), valueTypes, kernelName,
                declaringClass, methodName, sourceFile, sourceLine);
    }

    /** How many dynamic values the device records for this site. */
    public int dynamicValueCount() {
        return valueTypes.size();
    }

    /** The type of one constructor argument. Thread-safety: an enum; immutable. */
    public enum ArgumentType {
        /** A {@code String} built from a template; each {@link #PLACEHOLDER} takes one dynamic value. */
        STRING(String.class),
        /** One dynamic {@code boolean}. */
        BOOLEAN(boolean.class),
        /** One dynamic {@code char}. */
        CHAR(char.class),
        /** One dynamic {@code byte}. */
        BYTE(byte.class),
        /** One dynamic {@code short}. */
        SHORT(short.class),
        /** One dynamic {@code int}. */
        INT(int.class),
        /** One dynamic {@code long}. */
        LONG(long.class),
        /** One dynamic {@code float}. */
        FLOAT(float.class),
        /** One dynamic {@code double}. */
        DOUBLE(double.class);

        private final Class<?> javaType;

        ArgumentType(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** The constructor parameter type. */
        public Class<?> javaType() {
            return javaType;
        }
    }

    /**
     * One constructor argument. Thread-safety: immutable; safe to share between threads.
     *
     * @param type     its type
     * @param template for {@code STRING}, the text with {@link #PLACEHOLDER}s; {@code ""} otherwise
     */
    public record Argument(ArgumentType type, String template) {
        /** Checks that only a {@code STRING} argument has a template. */
        public Argument {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(template, "template");
            if (type != ArgumentType.STRING && !template.isEmpty()) {
                throw new IllegalArgumentException("a " + type + " argument has no template, got '" + template + "'");
            }
        }

        /** A string argument built from {@code template}. */
        public static Argument string(String template) {
            return new Argument(ArgumentType.STRING, template);
        }

        /** A primitive argument holding one dynamic value. */
        public static Argument primitive(ArgumentType type) {
            if (type == ArgumentType.STRING) {
                throw new IllegalArgumentException("use Argument.string(template) for strings");
            }
            return new Argument(type, "");
        }

        /** How many dynamic values this argument consumes. */
        public int dynamicValueCount() {
            if (type != ArgumentType.STRING) {
                return 1;
            }
            int n = 0;
            for (int i = 0; i < template.length(); i++) {
                if (template.charAt(i) == PLACEHOLDER) {
                    n++;
                }
            }
            return n;
        }
    }
}
