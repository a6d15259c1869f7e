package org.jdotcompute.spi.compiler;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * Translates kernel methods to IR from their bytecode (read with {@code java.lang.classfile}).
 *
 * <p>What is accepted, and how it maps to the IR, is described in the package documentation.
 * Every result passes {@link org.jdotcompute.spi.ir.IrVerifier}. Results are cached per
 * (method, check mode) in a {@link ClassValue} of the kernel's class, so the cache never keeps a
 * class loader alive and a repeated translation costs a map lookup. Rejections are not cached.
 *
 * <p>Thread-safe.
 */
public final class KernelTranslator {
    private static final ClassValue<ConcurrentHashMap<CacheKey, KernelIR>> CACHE = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<CacheKey, KernelIR> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** A Method holds only its own class, the one whose ClassValue holds the cache: nothing else is pinned. */
    private record CacheKey(Method method, CheckMode checks) {
    }

    private KernelTranslator() {
    }

    /**
     * Translates {@code kernel} with the given check mode.
     *
     * @param kernel a static {@code void} method whose first parameter is a {@link KernelContext},
     *               followed by primitives and primitive arrays
     * @param checks which checks to compile in
     * @return the verified IR (cached: the same instance for the same method and mode)
     * @throws KernelCompilationException naming the kernel ({@code SimpleClassName.method}), the
     *                                    unsupported construct and {@code File.java:line}
     */
    public static KernelIR translate(Method kernel, CheckMode checks) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(checks, "checks");
        ConcurrentHashMap<CacheKey, KernelIR> cache = CACHE.get(kernel.getDeclaringClass());
        CacheKey key = new CacheKey(kernel, checks);
        KernelIR ir = cache.get(key);
        if (ir != null) {
            return ir;
        }
        String name = kernelName(kernel);
        if (!Modifier.isStatic(kernel.getModifiers()) || kernel.getReturnType() != void.class
                || kernel.getParameterCount() == 0 || kernel.getParameterTypes()[0] != KernelContext.class) {
            throw new KernelCompilationException(name, "the method " + kernel.getDeclaringClass().getName() + "."
                    + kernel.getName() + " is not a kernel: kernels are static void methods whose first parameter is"
                    + " a KernelContext");
        }
        try {
            ir = new Translation(name, checks).kernel(kernel);
        } catch (Rejection r) {
            throw new KernelCompilationException(name, r.getMessage(), r.getCause());
        }
        KernelIR raced = cache.putIfAbsent(key, ir);
        return raced != null ? raced : ir;
    }

    /**
     * Translates any static method as a device function called by a synthetic kernel
     * {@code probe(params...)} — the front end's robustness tests use it on JDK classes.
     *
     * @throws KernelCompilationException if a construct is not supported
     */
    static KernelIR translateAsDeviceFunction(Method method, CheckMode checks) {
        String name = kernelName(method);
        try {
            return new Translation(name, checks).probe(method);
        } catch (Rejection r) {
            throw new KernelCompilationException(name, r.getMessage(), r.getCause());
        }
    }

    /** {@code SimpleClassName.method}, the name the engine gives the kernel. */
    static String kernelName(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}
