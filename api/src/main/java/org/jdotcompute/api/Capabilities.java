package org.jdotcompute.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a backend's device can do. A kernel that needs an absent feature is rejected at compile
 * time with a {@link org.jdotcompute.api.exceptions.KernelCompilationException} naming it.
 *
 * @param features           the supported features
 * @param localMemoryBytes   group-local memory per work-group in bytes
 * @param maxWorkGroupSize   the largest work-group (local size product)
 * @param maxAllocationBytes the largest single allocation in bytes
 */
public record Capabilities(Set<Feature> features, long localMemoryBytes, int maxWorkGroupSize,
        long maxAllocationBytes) {
    public Capabilities {
        Objects.requireNonNull(features, "features");
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        if (localMemoryBytes < 0 || maxWorkGroupSize <= 0 || maxAllocationBytes <= 0) {
            throw new IllegalArgumentException("capability limits must be positive: localMemoryBytes="
                    + localMemoryBytes + ", maxWorkGroupSize=" + maxWorkGroupSize + ", maxAllocationBytes="
                    + maxAllocationBytes);
        }
    }

    /** Whether {@code feature} is supported. */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** A device capability. */
    public enum Feature {
        /** {@code double} arithmetic. */
        FP64,
        /** 32-bit integer atomics. */
        INT32_ATOMICS,
        /** 64-bit integer atomics. */
        INT64_ATOMICS,
        /** {@code float} atomic add. */
        FLOAT_ATOMICS,
        /** Group-local arrays. */
        LOCAL_MEMORY,
        /** Work-group barriers. */
        BARRIERS,
        /** Java exceptions raised on the device and rethrown on the host. */
        DEVICE_EXCEPTIONS,
        /** Ring kernels (hosted on host threads). */
        RING_KERNELS,
        /** Kernels from native source ({@code compileSource}). */
        SOURCE_KERNELS
    }
}
