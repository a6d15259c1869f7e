package org.jdotcompute.api;

import java.util.List;
import java.util.Objects;

/**
 * A kernel written in a backend's native dialect — OpenCL C, CUDA C or MSL — for code the
 * Java front end does not accept. The kernel receives exactly the listed parameters: arrays as
 * device pointers (no hidden lengths), scalars by value; it has no {@link KernelContext} and no
 * device-side Java exceptions.
 *
 * @param entryPoint     the kernel function's name in the source
 * @param source         the complete source
 * @param parameterTypes the kernel's parameters: primitive types and primitive array types
 */
public record SourceKernel(String entryPoint, String source, List<Class<?>> parameterTypes) {
    public SourceKernel {
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(source, "source");
        parameterTypes = List.copyOf(parameterTypes);
        if (entryPoint.isBlank()) {
            throw new IllegalArgumentException("the entry point name is blank; give the kernel function's name");
        }
        for (int i = 0; i < parameterTypes.size(); i++) {
            Class<?> t = parameterTypes.get(i);
            boolean ok = t.isPrimitive() && t != void.class
                    || t.isArray() && t.getComponentType().isPrimitive();
            if (!ok) {
                throw new IllegalArgumentException("parameter " + i + " of source kernel '" + entryPoint + "' has type "
                        + t.getName() + "; use a primitive type or a primitive array type");
            }
        }
    }

    /** A source kernel with the given parameter types. */
    public static SourceKernel of(String entryPoint, String source, Class<?>... parameterTypes) {
        return new SourceKernel(entryPoint, source, List.of(parameterTypes));
    }
}
