package org.jdotcompute.spi.compiler;

import java.lang.reflect.Method;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.KernelIR;

/** Translates kernel methods to IR. */
public final class KernelTranslator {
    private KernelTranslator() {
    }

    /**
     * Translates {@code kernel} (its shape already validated) with the given check mode.
     *
     * @throws KernelCompilationException naming the unsupported construct and {@code File.java:line}
     */
    public static KernelIR translate(Method kernel, CheckMode checks) {
        throw new KernelCompilationException(kernel.getDeclaringClass().getSimpleName() + "." + kernel.getName(),
                "the Java bytecode front end is not implemented yet (issue 6); GPU backends cannot compile Java kernels");
    }
}
