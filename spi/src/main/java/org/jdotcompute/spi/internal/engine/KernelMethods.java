package org.jdotcompute.spi.internal.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.KernelCompilationException;

/** Finds a kernel method and checks its shape; obtains a handle to it. */
final class KernelMethods {
    private KernelMethods() {
    }

    /** The kernel's name in messages: {@code SimpleClassName.method}. */
    static String kernelName(Class<?> owner, String methodName) {
        return owner.getSimpleName() + "." + methodName;
    }

    /**
     * Finds the kernel method {@code name} of {@code owner} and checks its shape.
     *
     * @throws KernelCompilationException naming the method and the offending part
     */
    static Method find(Class<?> owner, String name) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "methodName");
        String kernel = kernelName(owner, name);
        List<Method> candidates = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && !m.isSynthetic() && !m.isBridge()).toList();
        if (candidates.isEmpty()) {
            throw new KernelCompilationException(kernel, "no method named '" + name + "' is declared in "
                    + owner.getName() + "; check the name (kernels are static methods of the class you pass)");
        }
        if (candidates.size() > 1) {
            throw new KernelCompilationException(kernel, owner.getName() + " declares " + candidates.size()
                    + " methods named '" + name + "'; kernels cannot be overloaded, rename all but one");
        }
        Method m = candidates.getFirst();
        String where = owner.getName() + "." + name;
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new KernelCompilationException(kernel, "method " + where + " is not static; kernels are static methods");
        }
        if (m.getReturnType() != void.class) {
            throw new KernelCompilationException(kernel, "method " + where + " returns " + m.getReturnType().getName()
                    + "; kernels return void and write results to arrays");
        }
        Parameter[] params = m.getParameters();
        if (params.length == 0 || params[0].getType() != KernelContext.class) {
            throw new KernelCompilationException(kernel, "the first parameter of " + where + " must be a KernelContext"
                    + (params.length == 0 ? ", but it has no parameters" : ", but it is a " + params[0].getType().getName()));
        }
        for (int i = 1; i < params.length; i++) {
            Class<?> t = params[i].getType();
            boolean ok = t.isPrimitive() || t.isArray() && t.getComponentType().isPrimitive();
            if (!ok) {
                throw new KernelCompilationException(kernel, "parameter " + i + " ('" + params[i].getName() + "') of "
                        + where + " has type " + t.getTypeName()
                        + "; kernel parameters after the KernelContext must be primitives or primitive arrays");
            }
        }
        return m;
    }

    /** The parameter types after the {@code KernelContext}. */
    static List<Class<?>> parameterTypes(Method m) {
        Class<?>[] all = m.getParameterTypes();
        return List.of(Arrays.copyOfRange(all, 1, all.length));
    }

    /**
     * A handle to the kernel method, through {@code lookup} if given, else through JDotCompute's
     * own access (public in an exported package, or a package opened to {@code org.jdotcompute.spi}).
     */
    static MethodHandle handle(Method m, MethodHandles.Lookup lookup, String kernelName) {
        try {
            if (lookup != null) {
                return lookup.unreflect(m);
            }
            try {
                return MethodHandles.publicLookup().unreflect(m);
            } catch (IllegalAccessException notPublic) {
                // privateLookupIn needs this module to read the kernel's module (an application module
                // that opens its package to org.jdotcompute.spi is not read by default).
                KernelMethods.class.getModule().addReads(m.getDeclaringClass().getModule());
                return MethodHandles.privateLookupIn(m.getDeclaringClass(), MethodHandles.lookup()).unreflect(m);
            }
        } catch (IllegalAccessException e) {
            Class<?> owner = m.getDeclaringClass();
            String pkg = owner.getPackageName();
            throw new KernelCompilationException(kernelName, "the kernel method " + owner.getName() + "." + m.getName()
                    + " is not accessible to JDotCompute: make it public in an exported package, add 'opens " + pkg
                    + " to org.jdotcompute.spi;' to " + owner.getModule() + "'s module-info, or compile it with"
                    + " runtime.compile(MethodHandles.lookup(), \"" + m.getName() + "\")", e);
        }
    }
}
