package org.jdotcompute.spi.internal.engine;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.spi.LaunchArguments;

/** Checks launch arguments against a kernel's parameter types. */
final class Arguments {
    private Arguments() {
    }

    /**
     * Checks {@code args} and unwraps this runtime's buffers to the backend's.
     *
     * @throws IllegalArgumentException naming the parameter index, its expected and actual type
     */
    static List<Object> check(EngineKernel kernel, Object[] args, EngineRuntime runtime) {
        List<Class<?>> types = kernel.parameterTypes();
        if (args == null) {
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' takes " + types.size()
                    + " argument(s) but the argument array is null");
        }
        if (args.length != types.size()) {
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' takes " + types.size() + " argument(s) "
                    + describe(types) + " but got " + args.length);
        }
        List<Object> checked = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            Class<?> expected = types.get(i);
            Object a = args[i];
            if (a == null) {
                throw new IllegalArgumentException("argument " + i + " of kernel '" + kernel.name() + "' is null; expected "
                        + expected.getTypeName());
            }
            if (expected.isPrimitive()) {
                Class<?> box = MethodType.methodType(expected).wrap().returnType();
                if (a.getClass() != box) {
                    throw mismatch(kernel, i, expected, a);
                }
                checked.add(a);
            } else if (a instanceof DeviceBuffer buffer) {
                TrackedBuffer tracked = runtime.own(buffer, i, kernel.name());
                long elementBytes = LaunchArguments.elementBytes(expected.getComponentType());
                if (tracked.byteSize() % elementBytes != 0) {
                    throw new IllegalArgumentException("argument " + i + " of kernel '" + kernel.name() + "' is a buffer of "
                            + tracked.byteSize() + " bytes, not a whole number of " + expected.getComponentType()
                            + " elements (" + elementBytes + " bytes each)");
                }
                checked.add(tracked.backendBuffer());
            } else {
                if (a.getClass() != expected) {
                    throw mismatch(kernel, i, expected, a);
                }
                checked.add(a);
            }
        }
        return checked;
    }

    private static IllegalArgumentException mismatch(EngineKernel kernel, int i, Class<?> expected, Object actual) {
        return new IllegalArgumentException("argument " + i + " of kernel '" + kernel.name() + "' must be "
                + expected.getTypeName() + (expected.isArray() ? " (or a DeviceBuffer)" : "") + " but is "
                + actual.getClass().getTypeName()
                + (expected.isPrimitive() ? "; pass a value of exactly that type, e.g. (" + expected.getName() + ") x" : ""));
    }

    private static String describe(List<Class<?>> types) {
        return "(" + String.join(", ", types.stream().map(Class::getTypeName).toList()) + ")";
    }
}
