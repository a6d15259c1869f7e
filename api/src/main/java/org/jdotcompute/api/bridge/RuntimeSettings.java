package org.jdotcompute.api.bridge;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.SystemProperties;

/**
 * The settings a runtime is built with.
 *
 * @param backend           the explicitly requested backend id, {@code ""} for the best available
 * @param checks            the device-side check mode
 * @param pluginDirectories directories to load backend plugins from
 * @param memoryLimit       a device-memory cap in bytes, {@code 0} for the device's own limit
 */
public record RuntimeSettings(String backend, CheckMode checks, List<Path> pluginDirectories, long memoryLimit) {
    public RuntimeSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(checks, "checks");
        pluginDirectories = List.copyOf(pluginDirectories);
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memory limit " + memoryLimit + " must not be negative");
        }
    }

    /** Whether a backend was named explicitly. */
    public boolean explicitBackend() {
        return !backend.isEmpty();
    }

    /**
     * The settings given by the {@code -D} properties of {@link SystemProperties}.
     *
     * @throws IllegalArgumentException if a property has a value that cannot be used (names it)
     */
    public static RuntimeSettings fromSystemProperties() {
        String backend = System.getProperty(SystemProperties.BACKEND, "").strip().toLowerCase(Locale.ROOT);
        CheckMode checks = CheckMode.INDEX;
        String checkProperty = System.getProperty(SystemProperties.CHECKS, "").strip();
        if (!checkProperty.isEmpty()) {
            try {
                checks = CheckMode.valueOf(checkProperty.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + SystemProperties.CHECKS + "=" + checkProperty
                        + " is not a check mode; use one of NONE, USER, INDEX, FULL", e);
            }
        }
        List<Path> plugins = new ArrayList<>();
        String pluginProperty = System.getProperty(SystemProperties.PLUGINS, "").strip();
        if (!pluginProperty.isEmpty()) {
            for (String part : pluginProperty.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    plugins.add(Path.of(part.strip()));
                }
            }
        }
        long limit = 0;
        String limitProperty = System.getProperty(SystemProperties.MEMORY_LIMIT, "").strip();
        if (!limitProperty.isEmpty()) {
            try {
                limit = Long.parseLong(limitProperty);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + SystemProperties.MEMORY_LIMIT + "=" + limitProperty
                        + " is not a byte count; give a positive whole number of bytes", e);
            }
            if (limit <= 0) {
                throw new IllegalArgumentException("-D" + SystemProperties.MEMORY_LIMIT + "=" + limitProperty
                        + " must be a positive number of bytes");
            }
        }
        return new RuntimeSettings(backend, checks, plugins, limit);
    }
}
