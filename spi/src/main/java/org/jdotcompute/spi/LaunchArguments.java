package org.jdotcompute.spi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

import org.jdotcompute.api.DeviceBuffer;

/**
 * What backends share in marshalling a launch's arguments: describing each engine-checked
 * argument as a {@link KernelArgument} ({@link #of}), element sizes, and copies between Java
 * primitive arrays and native memory in the device's layout — elements in native byte order,
 * a {@code boolean} as one byte ({@code 1} for true; any non-zero byte reads back as true).
 * Device calls (setting kernel arguments, transfers) stay in each backend.
 *
 * <p>Stateless and thread-safe; the arrays and segments passed in are the caller's to guard.
 */
public final class LaunchArguments {
    /** The longest Java array a backend should create: the VM's limit, a little under {@link Integer#MAX_VALUE}. */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private LaunchArguments() {
    }

    /**
     * Describes a launch's arguments (as {@link Backend#launch} receives them) against the
     * kernel's parameter types: a primitive parameter is a {@link KernelArgument.Scalar}, an array
     * parameter a {@link KernelArgument.Buffer} if a {@link DeviceBuffer} was passed, else a
     * {@link KernelArgument.HostArray}.
     *
     * @param kernelName     the kernel's name, for messages
     * @param parameterTypes the kernel's parameter types, the context not counted
     * @return one description per argument, in order; unmodifiable
     * @throws IllegalArgumentException if the counts differ or an argument does not fit its parameter
     */
    public static List<KernelArgument> of(String kernelName, List<Class<?>> parameterTypes, List<Object> arguments) {
        Objects.requireNonNull(kernelName, "kernelName");
        if (arguments.size() != parameterTypes.size()) {
            throw new IllegalArgumentException("kernel '" + kernelName + "' takes " + parameterTypes.size()
                    + " argument(s), got " + arguments.size());
        }
        KernelArgument[] described = new KernelArgument[arguments.size()];
        for (int i = 0; i < described.length; i++) {
            Class<?> type = parameterTypes.get(i);
            Object a = arguments.get(i);
            if (a == null) {
                throw new IllegalArgumentException("argument " + i + " of kernel '" + kernelName + "' is null");
            }
            described[i] = type.isPrimitive() ? new KernelArgument.Scalar(kernelName, i, type, a)
                    : a instanceof DeviceBuffer b ? new KernelArgument.Buffer(kernelName, i, type, b)
                    : new KernelArgument.HostArray(kernelName, i, type, a);
        }
        return List.of(described);
    }

    /**
     * The size in bytes of one element of a primitive type in device memory ({@code boolean}: 1).
     *
     * @throws IllegalArgumentException if {@code primitive} is not a primitive type other than {@code void}
     */
    public static long elementBytes(Class<?> primitive) {
        if (primitive == boolean.class || primitive == byte.class) {
            return 1;
        } else if (primitive == char.class || primitive == short.class) {
            return 2;
        } else if (primitive == int.class || primitive == float.class) {
            return 4;
        } else if (primitive == long.class || primitive == double.class) {
            return 8;
        }
        throw new IllegalArgumentException(primitive + " is not a primitive element type");
    }

    /**
     * The size in bytes of a primitive array in device memory.
     *
     * @throws IllegalArgumentException if {@code array} is not a primitive array
     */
    public static long byteSize(Object array) {
        Class<?> c = array.getClass().getComponentType();
        if (c == null || !c.isPrimitive()) {
            throw notPrimitiveArray(array);
        }
        return java.lang.reflect.Array.getLength(array) * elementBytes(c);
    }

    /**
     * Copies a primitive array to the start of {@code to} ({@link #byteSize} bytes).
     *
     * @throws IllegalArgumentException  if {@code array} is not a primitive array
     * @throws IndexOutOfBoundsException if {@code to} is smaller than the array
     */
    public static void copy(Object array, MemorySegment to) {
        if (array instanceof boolean[] z) {
            MemorySegment target = to.asSlice(0, z.length);
            for (int i = 0; i < z.length; i++) {
                target.set(ValueLayout.JAVA_BYTE, i, z[i] ? (byte) 1 : (byte) 0);
            }
            return;
        }
        MemorySegment from = heap(array);
        MemorySegment.copy(from, 0, to, 0, from.byteSize());
    }

    /**
     * Copies the start of {@code from} ({@link #byteSize} bytes) into a primitive array.
     *
     * @throws IllegalArgumentException  if {@code array} is not a primitive array
     * @throws IndexOutOfBoundsException if {@code from} is smaller than the array
     */
    public static void copy(MemorySegment from, Object array) {
        if (array instanceof boolean[] z) {
            MemorySegment source = from.asSlice(0, z.length);
            for (int i = 0; i < z.length; i++) {
                z[i] = source.get(ValueLayout.JAVA_BYTE, i) != 0;
            }
            return;
        }
        MemorySegment to = heap(array);
        MemorySegment.copy(from, 0, to, 0, to.byteSize());
    }

    /**
     * A new array of {@code element}s holding all of {@code from} (its size divided by the
     * element size, any remainder ignored).
     *
     * @throws IllegalArgumentException if {@code element} is not primitive, or {@code from} holds more
     *                                  than {@link #MAX_ARRAY_LENGTH} elements
     */
    public static Object toArray(MemorySegment from, Class<?> element) {
        long n = from.byteSize() / elementBytes(element);
        if (n > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("a segment of " + from.byteSize() + " bytes holds " + n + " " + element
                    + " elements; a Java array holds at most " + MAX_ARRAY_LENGTH);
        }
        Object array = java.lang.reflect.Array.newInstance(element, (int) n);
        copy(from, array);
        return array;
    }

    /** A heap segment over a primitive array other than {@code boolean[]}. */
    private static MemorySegment heap(Object array) {
        return switch (array) {
            case byte[] v -> MemorySegment.ofArray(v);
            case char[] v -> MemorySegment.ofArray(v);
            case short[] v -> MemorySegment.ofArray(v);
            case int[] v -> MemorySegment.ofArray(v);
            case long[] v -> MemorySegment.ofArray(v);
            case float[] v -> MemorySegment.ofArray(v);
            case double[] v -> MemorySegment.ofArray(v);
            default -> throw notPrimitiveArray(array);
        };
    }

    private static IllegalArgumentException notPrimitiveArray(Object array) {
        return new IllegalArgumentException(array.getClass().getTypeName() + " is not a primitive array");
    }
}
