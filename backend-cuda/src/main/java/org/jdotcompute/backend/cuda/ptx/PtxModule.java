package org.jdotcompute.backend.cuda.ptx;

import java.util.List;
import java.util.Objects;

/**
 * PTX emitted for one kernel.
 *
 * @param kernelName        the kernel's name, {@code SimpleClassName.method}
 * @param entryName         the {@code .entry} to look up in the loaded module
 * @param ptx               the complete PTX module text
 * @param sharedMemoryBytes the static shared memory its group-local arrays take
 * @param needsLocalSize    whether a launch must give an explicit local size (barriers or local arrays)
 * @param parameterKinds    for each kernel parameter, how it is passed ({@link ParameterKind})
 */
public record PtxModule(String kernelName, String entryName, String ptx, long sharedMemoryBytes,
        boolean needsLocalSize, List<ParameterKind> parameterKinds) {
    public PtxModule {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(entryName, "entryName");
        Objects.requireNonNull(ptx, "ptx");
        parameterKinds = List.copyOf(parameterKinds);
    }

    /** How a kernel parameter is passed (see {@code KernelIR}'s ABI). */
    public enum ParameterKind {
        /** A 32-bit {@code int} (also boolean, byte, char, short widened). */ INT,
        /** A 64-bit {@code long}. */ LONG,
        /** A {@code float}. */ FLOAT,
        /** A {@code double}. */ DOUBLE,
        /** An array: a 64-bit device pointer, then its {@code int} length. */ ARRAY
    }
}
