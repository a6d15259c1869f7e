package org.jdotcompute.spi.compiler;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.IntrinsicOp;
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

    /**
     * Replaces the transcendental intrinsics {@code ops} in {@code ir} by calls of device functions
     * translated from {@code StrictMath}'s Java code (the JDK's port of fdlibm): the results are then
     * bit-identical to {@code StrictMath}, and so within every {@code Math} function's ULP bound. For
     * a backend whose device has no accurate implementation of some functions (PTX has only
     * approximate transcendental instructions). The new device functions come first, are
     * {@link org.jdotcompute.spi.ir.FailureMode#RETURN} functions that cannot fail (fdlibm indexes
     * its own tables and work arrays in bounds by construction, so they are translated without
     * checks), and bring their tables as {@link org.jdotcompute.spi.ir.KernelIR#constantArrays()}
     * (appended) and per-work-item arrays; the sites are unchanged, the features gain what fdlibm
     * uses ({@code INT64}). The result passes {@link org.jdotcompute.spi.ir.IrVerifier}; {@code ir}
     * itself is returned when it uses none of {@code ops}. Not cached: a backend lowers once per
     * compiled kernel.
     *
     * @param ir  a verified kernel
     * @param ops transcendental ops ({@code !op.isExact()}), e.g. {@link IntrinsicOp#transcendentals()}
     * @throws IllegalArgumentException   if {@code ops} holds an exact op
     * @throws KernelCompilationException if {@code StrictMath}'s code cannot be translated (a JDK
     *                                    whose fdlibm uses constructs kernels do not support)
     */
    public static KernelIR lowerToStrictMath(KernelIR ir, Set<IntrinsicOp> ops) {
        Objects.requireNonNull(ir, "ir");
        Objects.requireNonNull(ops, "ops");
        for (IntrinsicOp op : ops) {
            if (op.isExact()) {
                throw new IllegalArgumentException(op + " is exact, not a transcendental function; only "
                        + IntrinsicOp.transcendentals() + " can be lowered to StrictMath");
            }
        }
        try {
            return new Translation(ir.kernelName(), CheckMode.NONE).lower(ir, ops);
        } catch (Rejection r) {
            throw new KernelCompilationException(ir.kernelName(), "StrictMath's implementation of a transcendental"
                    + " function this kernel uses cannot be translated for the device, so the function cannot be"
                    + " computed accurately: " + r.getMessage(), r.getCause());
        }
    }

    /** {@code SimpleClassName.method}, the name the engine gives the kernel. */
    static String kernelName(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}
