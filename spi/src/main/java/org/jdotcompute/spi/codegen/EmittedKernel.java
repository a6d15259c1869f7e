package org.jdotcompute.spi.codegen;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link CEmitter#emit}: a complete translation unit and its kernel's signature.
 * Immutable and thread-safe.
 *
 * @param entryPoint the kernel function's name in {@code source}
 * @param source     the complete source text
 * @param parameters the kernel's parameters in ABI order
 */
public record EmittedKernel(String entryPoint, String source, List<KernelParameter> parameters) {
    public EmittedKernel {
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(source, "source");
        parameters = List.copyOf(parameters);
    }
}
