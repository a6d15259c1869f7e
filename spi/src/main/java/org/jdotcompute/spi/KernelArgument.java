package org.jdotcompute.spi;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodType;
import java.util.Objects;

import org.jdotcompute.api.DeviceBuffer;

/**
 * One engine-checked launch argument as a backend sees it in {@link Backend#launch}: a
 * {@linkplain Scalar scalar} (a boxed primitive), a {@linkplain HostArray Java array} or a
 * {@linkplain Buffer device buffer}, with its parameter type and its position for messages.
 * {@link LaunchArguments#of} makes them from a launch's arguments; a backend switches over them
 * and keeps its own device calls.
 *
 * <p>Immutable and thread-safe as far as the argument is: a {@link HostArray}'s array and a
 * {@link Buffer}'s buffer are the caller's, not copies.
 */
public sealed interface KernelArgument permits KernelArgument.Scalar, KernelArgument.HostArray, KernelArgument.Buffer {
    /** The kernel's name, for messages. */
    String kernelName();

    /** The argument's position in the kernel's parameter list (the context not counted). */
    int index();

    /** The kernel parameter's type: a primitive type, or an array of one. */
    Class<?> type();

    /** {@code argument <index> of kernel '<kernelName>'}: the start of every message about this argument. */
    default String label() {
        return "argument " + index() + " of kernel '" + kernelName() + "'";
    }

    /**
     * A primitive parameter's value.
     *
     * @param value the value, boxed in exactly {@code type}'s wrapper class
     */
    record Scalar(String kernelName, int index, Class<?> type, Object value) implements KernelArgument {
        public Scalar {
            check(kernelName, index, type);
            Objects.requireNonNull(value, "value");
            if (!type.isPrimitive() || type == void.class) {
                throw new IllegalArgumentException("a scalar argument needs a primitive parameter type, got "
                        + type.getTypeName());
            }
            Class<?> box = MethodType.methodType(type).wrap().returnType();
            if (value.getClass() != box) {
                throw new IllegalArgumentException("argument " + index + " of kernel '" + kernelName + "' is a "
                        + value.getClass().getTypeName() + ", not a " + box.getTypeName() + " for its " + type
                        + " parameter");
            }
        }

        /**
         * The value as the Java kernel ABI passes {@code boolean} ({@code 0} or {@code 1}),
         * {@code byte}, {@code short}, {@code char} (zero-extended) and {@code int} parameters: an {@code int}.
         *
         * @throws IllegalStateException for a {@code long}, {@code float} or {@code double} parameter
         */
        public int widened() {
            return switch (value) {
                case Boolean b -> b ? 1 : 0;
                case Byte b -> b;
                case Short s -> s;
                case Character c -> c;
                case Integer i -> i;
                default -> throw new IllegalStateException(label() + " is a " + type + ", which is not passed as an"
                        + " int");
            };
        }
    }

    /**
     * A primitive array parameter passed a Java array, which a launch reads and must update in
     * place (a GPU backend copies it to the device and back).
     *
     * @param array the caller's array, of exactly {@code type}
     */
    record HostArray(String kernelName, int index, Class<?> type, Object array) implements KernelArgument {
        public HostArray {
            check(kernelName, index, type);
            Objects.requireNonNull(array, "array");
            requireArrayType(type);
            if (array.getClass() != type) {
                throw new IllegalArgumentException("argument " + index + " of kernel '" + kernelName + "' is a "
                        + array.getClass().getTypeName() + " for its " + type.getTypeName() + " parameter; pass a "
                        + type.getTypeName() + " or a DeviceBuffer");
            }
        }

        /** The element type, e.g. {@code float.class}. */
        public Class<?> element() {
            return type.getComponentType();
        }

        /** The array's length. */
        public int length() {
            return java.lang.reflect.Array.getLength(array);
        }

        /** The array's size in bytes ({@code boolean}: one byte each). */
        public long byteSize() {
            return LaunchArguments.byteSize(array);
        }
    }

    /**
     * A primitive array parameter passed a {@link DeviceBuffer}; the engine has checked that it
     * is open, belongs to the runtime and holds whole elements. Whether this backend allocated it
     * is the backend's check.
     */
    record Buffer(String kernelName, int index, Class<?> type, DeviceBuffer buffer) implements KernelArgument {
        public Buffer {
            check(kernelName, index, type);
            Objects.requireNonNull(buffer, "buffer");
            requireArrayType(type);
        }

        /** The element type the kernel sees the buffer as, e.g. {@code float.class}. */
        public Class<?> element() {
            return type.getComponentType();
        }

        /** How many elements of {@link #element()} the buffer holds. */
        public long length() {
            return buffer.byteSize() / LaunchArguments.elementBytes(element());
        }

        /**
         * {@link #length()} as the {@code int} array length a Java kernel sees.
         *
         * @throws IllegalArgumentException if the buffer holds more than {@link Integer#MAX_VALUE} elements
         */
        public int javaLength() {
            long n = length();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(label() + " has " + n + " elements; a Java kernel's arrays hold at"
                        + " most " + Integer.MAX_VALUE);
            }
            return (int) n;
        }

        /**
         * A new array of this parameter's type holding {@code contents} (the buffer's memory as
         * this backend keeps it), for backends that run kernels on Java arrays; write it back
         * after the launch with {@link LaunchArguments#copy(Object, MemorySegment)}.
         *
         * @throws IllegalArgumentException if the contents hold more elements than a Java array can
         *                                  ({@link LaunchArguments#MAX_ARRAY_LENGTH})
         */
        public Object toArray(MemorySegment contents) {
            long n = contents.byteSize() / LaunchArguments.elementBytes(element());
            if (n > LaunchArguments.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException(label() + " is " + buffer + ", " + n + " " + element()
                        + " elements; a Java array holds at most " + LaunchArguments.MAX_ARRAY_LENGTH
                        + ": split the data");
            }
            return LaunchArguments.toArray(contents, element());
        }
    }

    private static void check(String kernelName, int index, Class<?> type) {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(type, "type");
        if (index < 0) {
            throw new IllegalArgumentException("argument index " + index + " is negative");
        }
    }

    private static void requireArrayType(Class<?> type) {
        if (!type.isArray() || !type.getComponentType().isPrimitive()) {
            throw new IllegalArgumentException("an array argument needs a primitive array parameter type, got "
                    + type.getTypeName());
        }
    }
}
