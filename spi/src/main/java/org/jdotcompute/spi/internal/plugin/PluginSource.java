package org.jdotcompute.spi.internal.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one plugin lives: a sub-directory of a plugin directory (its jars are the plugin's module
 * path) or a jar file directly in it.
 *
 * @param id       the sub-directory's name, or the jar's file name without {@code .jar}
 * @param location the sub-directory or jar
 */
record PluginSource(String id, Path location) {
    PluginSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a plugin id must not be blank (plugin at " + location + ")");
        }
    }

    /** {@code plugin 'ID' (LOCATION)}: how every message names this plugin. */
    String describe() {
        return "plugin '" + id + "' (" + location + ")";
    }
}
