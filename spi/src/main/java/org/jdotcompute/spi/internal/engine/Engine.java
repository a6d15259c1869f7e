package org.jdotcompute.spi.internal.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.internal.plugin.PluginRegistry;

/**
 * The engine behind {@link ComputeRuntime#create()}: discovery (module path, class path and
 * plugin layers), selection and runtime creation.
 */
public final class Engine implements EngineBridge {

    /** For {@link java.util.ServiceLoader}. */
    public Engine() {
    }

    @Override
    public ComputeRuntime create(RuntimeSettings settings) {
        List<DiscoveredProvider> builtIn = Discovery.discoverBuiltIn();
        PluginRegistry plugins = PluginRegistry.open(settings.pluginDirectories(), builtIn);
        try {
            return create(settings, builtIn, plugins, true);
        } catch (RuntimeException | Error e) {
            try {
                plugins.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public ComputeRuntime create(RuntimeSettings settings, PluginManager plugins) {
        return create(settings, Discovery.discoverBuiltIn(), registry(settings, plugins), false);
    }

    private static ComputeRuntime create(RuntimeSettings settings, List<DiscoveredProvider> builtIn,
            PluginRegistry plugins, boolean ownsPlugins) {
        List<DiscoveredProvider> fromPlugins = plugins.discovered();
        List<DiscoveredProvider> found = new ArrayList<>(builtIn);
        found.addAll(fromPlugins);
        DiscoveredProvider chosen = Selection.select(found, settings);
        List<BackendStatus> statuses = found.stream().map(DiscoveredProvider::status).toList();
        BackendConfig config = new BackendConfig(settings.checks(), settings.memoryLimit());
        DiscoveredProvider described = chosen.withoutProvider();
        Function<Backend, EngineRuntime> make = backend ->
                new EngineRuntime(described, backend, settings, statuses, plugins, ownsPlugins);
        if (fromPlugins.stream().anyMatch(d -> d == chosen)) {
            return plugins.openRuntime(chosen, provider -> open(chosen, provider, config), make);
        }
        return make.apply(open(chosen, chosen.provider().orElseThrow(), config));
    }

    private static Backend open(DiscoveredProvider chosen, BackendProvider provider, BackendConfig config) {
        Backend backend;
        try {
            backend = provider.open(config);
        } catch (BackendNotAvailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendNotAvailableException(chosen.displayName(), e);
        }
        if (backend == null) {
            throw new BackendNotAvailableException(chosen.displayName(), new IllegalStateException(
                    "the provider " + provider.getClass().getName() + " returned no backend from open()"));
        }
        return backend;
    }

    /**
     * Describes one provider instance as discovery would: instantiated already, probed once (a
     * probe that throws or returns null is reported unavailable, never thrown).
     */
    public static DiscoveredProvider describe(BackendProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return Discovery.discover(List.of(new ProviderEntry.Found(provider.getClass(), () -> provider)), "")
                .getFirst();
    }

    /**
     * The engine side of {@link org.jdotcompute.spi.Runtimes#open}: a runtime on {@code provider}
     * itself, which need not be on the module path, class path or in a plugin. The runtime owns the
     * backend and an empty plugin manager; it reports this provider as the only discovered backend.
     *
     * @throws BackendNotAvailableException if the provider is unavailable (the cause says why) or
     *                                      its {@code open} fails
     */
    public static ComputeRuntime openProvider(BackendProvider provider, BackendConfig config) {
        Objects.requireNonNull(config, "config");
        DiscoveredProvider described = describe(provider);
        RuntimeSettings settings = new RuntimeSettings(described.id(), config.checks(), List.of(),
                config.memoryLimit());
        // An explicit choice: the provider itself, or BackendNotAvailableException with the probe's reason.
        DiscoveredProvider chosen = Selection.select(List.of(described), settings);
        Backend backend = open(chosen, provider, config);
        PluginRegistry plugins = PluginRegistry.open(List.of(), List.of());
        return new EngineRuntime(chosen.withoutProvider(), backend, settings, List.of(chosen.status()), plugins, true);
    }

    @Override
    public RingKernelRuntime createRingRuntime(RuntimeSettings settings) {
        EngineRuntime runtime = (EngineRuntime) create(settings);
        return runtime.ownedRingKernels();
    }

    @Override
    public List<BackendStatus> discover(RuntimeSettings settings) {
        List<DiscoveredProvider> builtIn = Discovery.discoverBuiltIn();
        if (settings.pluginDirectories().isEmpty()) {
            return builtIn.stream().map(DiscoveredProvider::status).toList();
        }
        try (PluginRegistry plugins = PluginRegistry.open(settings.pluginDirectories(), builtIn)) {
            return statuses(builtIn, plugins);
        }
    }

    @Override
    public List<BackendStatus> discover(RuntimeSettings settings, PluginManager plugins) {
        return statuses(Discovery.discoverBuiltIn(), registry(settings, plugins));
    }

    private static List<BackendStatus> statuses(List<DiscoveredProvider> builtIn, PluginRegistry plugins) {
        List<BackendStatus> all = new ArrayList<>(builtIn.stream().map(DiscoveredProvider::status).toList());
        all.addAll(plugins.statuses());
        return List.copyOf(all);
    }

    @Override
    public PluginManager openPlugins(List<Path> directories) {
        return PluginRegistry.open(directories, Discovery.discoverBuiltIn());
    }

    private static PluginRegistry registry(RuntimeSettings settings, PluginManager plugins) {
        if (!settings.pluginDirectories().isEmpty()) {
            throw new IllegalArgumentException("both plugin directories " + settings.pluginDirectories()
                    + " and a PluginManager were given; use one of the two");
        }
        if (!(plugins instanceof PluginRegistry registry)) {
            throw new IllegalArgumentException(plugins + " was not opened by PluginManager.open(...); open it there");
        }
        if (registry.isClosed()) {
            throw new IllegalStateException(registry + " is closed; open a new PluginManager");
        }
        return registry;
    }
}
