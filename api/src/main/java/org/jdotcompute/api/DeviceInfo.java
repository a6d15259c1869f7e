package org.jdotcompute.api;

import java.util.Map;
import java.util.Objects;

/**
 * A compute device as a backend sees it.
 *
 * @param name              the device name
 * @param vendor            the vendor
 * @param type              CPU, GPU or accelerator
 * @param globalMemoryBytes global memory in bytes ({@code -1} if unknown)
 * @param computeUnits      compute units / SMs / cores ({@code -1} if unknown)
 * @param driverVersion     the driver or runtime version ({@code ""} if unknown)
 * @param details           further backend-specific facts, e.g. compute capability
 */
public record DeviceInfo(String name, String vendor, DeviceType type, long globalMemoryBytes, int computeUnits,
        String driverVersion, Map<String, String> details) {
    public DeviceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(driverVersion, "driverVersion");
        details = Map.copyOf(details);
    }

    /** The kind of device. */
    public enum DeviceType {
        /** A CPU (the CPU backend, or an OpenCL CPU device such as PoCL). */
        CPU,
        /** A GPU. */
        GPU,
        /** Another accelerator. */
        ACCELERATOR
    }

    @Override
    public String toString() {
        return name + " (" + vendor + ", " + type + ")";
    }
}
