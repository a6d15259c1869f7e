package org.jdotcompute.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.bridge.RuntimeSettings;

/** The {@link ComputeRuntime.Builder}; not thread-safe. */
final class RuntimeBuilder implements ComputeRuntime.Builder {
    private final RuntimeSettings defaults = RuntimeSettings.fromSystemProperties();
    private String backend = defaults.backend();
    private CheckMode checks = defaults.checks();
    private final List<Path> pluginDirectories = new ArrayList<>(defaults.pluginDirectories());
    private boolean explicitPluginDirectory;
    private PluginManager plugins;
    private long memoryLimit = defaults.memoryLimit();

    @Override
    public ComputeRuntime.Builder backend(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("backend id is blank; pass an id such as \"cpu\" or \"opencl\""
                    + " (ComputeRuntime.discover() lists them)");
        }
        this.backend = id.strip().toLowerCase(Locale.ROOT);
        return this;
    }

    @Override
    public ComputeRuntime.Builder checks(CheckMode mode) {
        this.checks = Objects.requireNonNull(mode, "mode");
        return this;
    }

    @Override
    public ComputeRuntime.Builder pluginDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (plugins != null) {
            throw new IllegalStateException("plugins(PluginManager) was set, so pluginDirectory(" + dir
                    + ") cannot be added; open the manager with this directory as well, or use one of the two");
        }
        pluginDirectories.add(dir);
        explicitPluginDirectory = true;
        return this;
    }

    @Override
    public ComputeRuntime.Builder plugins(PluginManager manager) {
        Objects.requireNonNull(manager, "plugins");
        if (explicitPluginDirectory) {
            throw new IllegalStateException("pluginDirectory(...) was called with " + pluginDirectories
                    + ", so plugins(PluginManager) cannot be set; open the manager with these directories"
                    + " as well, or use one of the two");
        }
        this.plugins = manager;
        pluginDirectories.clear(); // the manager replaces -Djdotcompute.plugins
        return this;
    }

    @Override
    public ComputeRuntime.Builder memoryLimit(long bytes) {
        if (bytes <= 0) { // 0 would mean "the device's limit" in RuntimeSettings
            throw new IllegalArgumentException("memory limit " + bytes + " must be positive (bytes)");
        }
        this.memoryLimit = bytes;
        return this;
    }

    private RuntimeSettings settings() {
        return new RuntimeSettings(backend, checks, pluginDirectories, memoryLimit);
    }

    @Override
    public List<BackendStatus> discover() {
        return plugins == null ? EngineBridge.load().discover(settings())
                : EngineBridge.load().discover(settings(), plugins);
    }

    @Override
    public ComputeRuntime build() {
        return plugins == null ? EngineBridge.load().create(settings())
                : EngineBridge.load().create(settings(), plugins);
    }
}
