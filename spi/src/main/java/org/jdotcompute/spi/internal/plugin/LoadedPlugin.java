package org.jdotcompute.spi.internal.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginState;
import org.jdotcompute.spi.internal.engine.DiscoveredProvider;

/**
 * A plugin whose layer is defined: its source, layer, class loader, probed providers, and the
 * open backends (with their runtimes) that use it. Thread-safe.
 */
final class LoadedPlugin {
    private final PluginSource source;
    private final PluginLoader.Loaded loaded;
    private final Set<PluginBackend> backends = ConcurrentHashMap.newKeySet();

    LoadedPlugin(PluginSource source, PluginLoader.Loaded loaded) {
        this.source = Objects.requireNonNull(source, "source");
        this.loaded = Objects.requireNonNull(loaded, "loaded");
    }

    PluginSource source() {
        return source;
    }

    ModuleLayer layer() {
        return loaded.layer();
    }

    ClassLoader loader() {
        return loaded.loader();
    }

    List<DiscoveredProvider> providers() {
        return loaded.providers();
    }

    boolean provides(DiscoveredProvider d) {
        return loaded.providers().stream().anyMatch(p -> p == d);
    }

    void attach(PluginBackend backend) {
        backends.add(backend);
    }

    void detach(PluginBackend backend) {
        backends.remove(backend);
    }

    /** The open backends of this plugin, a snapshot. */
    List<PluginBackend> backends() {
        return List.copyOf(backends);
    }

    PluginInfo info() {
        return new PluginInfo(source.id(), loaded.version(), source.location(), PluginState.LOADED, "",
                loaded.modules(), loaded.providers().stream().map(DiscoveredProvider::status).toList());
    }

    /** This plugin once unloaded: only values, nothing of its classes. */
    PluginInfo unloadedInfo() {
        return new PluginInfo(source.id(), loaded.version(), source.location(), PluginState.UNLOADED, "",
                loaded.modules(), List.of());
    }

    @Override
    public String toString() {
        return source.describe();
    }
}
