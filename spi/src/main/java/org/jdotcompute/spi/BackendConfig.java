package org.jdotcompute.spi;

import java.util.Objects;

import org.jdotcompute.api.CheckMode;

/**
 * What the engine asks of a backend it opens.
 *
 * @param checks      the device-side check mode kernels are compiled with
 * @param memoryLimit a cap on device memory in bytes, {@code 0} for the device's own limit
 */
public record BackendConfig(CheckMode checks, long memoryLimit) {
    public BackendConfig {
        Objects.requireNonNull(checks, "checks");
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memory limit " + memoryLimit + " must not be negative");
        }
    }

    /** Defaults: {@code INDEX} checks, the device's own memory limit. */
    public static BackendConfig defaults() {
        return new BackendConfig(CheckMode.INDEX, 0);
    }
}
