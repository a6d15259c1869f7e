package org.jdotcompute.spi;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * A Java kernel to compile: the method (its shape already validated by the engine), a direct
 * handle to it, and its IR on demand.
 *
 * @param kernelName     the kernel's name, {@code SimpleClassName.method}
 * @param method         the kernel method
 * @param handle         a handle to the static method with its exact type
 *                       {@code (KernelContext, params...)void}
 * @param parameterTypes the parameter types after the {@code KernelContext}
 * @param checks         the check mode
 * @param irSupplier     builds the IR (cached per method and check mode); throws
 *                       {@link KernelCompilationException} for an unsupported construct
 */
public record KernelRequest(String kernelName, Method method, MethodHandle handle, List<Class<?>> parameterTypes,
        CheckMode checks, Supplier<KernelIR> irSupplier) {
    public KernelRequest {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handle, "handle");
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(irSupplier, "irSupplier");
    }

    /**
     * The kernel's IR, translated from its bytecode by the front end.
     *
     * @throws KernelCompilationException if the front end rejects a construct
     */
    public KernelIR ir() {
        return irSupplier.get();
    }
}
