package org.jdotcompute.backend.metal;

import java.util.Objects;

/**
 * A kernel translated to MSL.
 *
 * @param kernelName the kernel's name, {@code SimpleClassName.method}
 * @param entryPoint the {@code kernel} function's name in {@code source}
 * @param source     the complete MSL source
 * @param layout     where the host binds each argument
 */
record MslProgram(String kernelName, String entryPoint, String source, MslLayout layout) {
    MslProgram {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layout, "layout");
    }
}
