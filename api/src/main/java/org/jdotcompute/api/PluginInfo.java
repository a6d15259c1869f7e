package org.jdotcompute.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one backend plugin: a sub-directory or a jar file of a plugin directory, loaded
 * into its own module layer.
 *
 * @param id       the plugin's id: its sub-directory's name, or its jar's file name without {@code .jar}
 * @param version  the version of the plugin's module that provides its backend (the first by name
 *                 if several do), {@code ""} if unknown
 * @param location the plugin's sub-directory or jar file
 * @param state    whether it is loaded, failed or unloaded
 * @param reason   why it failed and what to do; {@code ""} unless {@code state} is {@link PluginState#FAILED}
 * @param modules  its modules as {@code name@version} (or {@code name} without a version), sorted;
 *                 empty when its jars could not be read
 * @param backends the backends it provides, probed when it was loaded; empty unless it is loaded
 */
public record PluginInfo(String id, String version, Path location, PluginState state, String reason,
        List<String> modules, List<BackendStatus> backends) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        modules = List.copyOf(modules);
        backends = List.copyOf(backends);
        if (id.isBlank()) {
            throw new IllegalArgumentException("a plugin id must not be blank (plugin at " + location + ")");
        }
        if ((state == PluginState.FAILED) == reason.isBlank()) {
            throw new IllegalArgumentException("plugin '" + id + "' is " + state + " with reason '" + reason
                    + "'; exactly the FAILED state has a reason");
        }
        if (state != PluginState.LOADED && !backends.isEmpty()) {
            throw new IllegalArgumentException("plugin '" + id + "' is " + state + " but lists backends " + backends);
        }
    }
}
