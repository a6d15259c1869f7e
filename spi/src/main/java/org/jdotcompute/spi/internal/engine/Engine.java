package org.jdotcompute.spi.internal.engine;

import java.util.List;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;

/** The engine behind {@link ComputeRuntime#create()}: discovery, selection and runtime creation. */
public final class Engine implements EngineBridge {

    /** For {@link java.util.ServiceLoader}. */
    public Engine() {
    }

    @Override
    public ComputeRuntime create(RuntimeSettings settings) {
        List<DiscoveredProvider> found = discoverAll(settings);
        DiscoveredProvider chosen = Selection.select(found, settings);
        BackendProvider provider = chosen.provider().orElseThrow();
        Backend backend;
        try {
            backend = provider.open(new BackendConfig(settings.checks(), settings.memoryLimit()));
        } catch (BackendNotAvailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendNotAvailableException(chosen.displayName(), e);
        }
        if (backend == null) {
            throw new BackendNotAvailableException(chosen.displayName(), new IllegalStateException(
                    "the provider " + provider.getClass().getName() + " returned no backend from open()"));
        }
        return new EngineRuntime(chosen, backend, settings, found.stream().map(DiscoveredProvider::status).toList());
    }

    @Override
    public RingKernelRuntime createRingRuntime(RuntimeSettings settings) {
        EngineRuntime runtime = (EngineRuntime) create(settings);
        return runtime.ownedRingKernels();
    }

    @Override
    public List<BackendStatus> discover(RuntimeSettings settings) {
        return discoverAll(settings).stream().map(DiscoveredProvider::status).toList();
    }

    private static List<DiscoveredProvider> discoverAll(RuntimeSettings settings) {
        if (!settings.pluginDirectories().isEmpty()) {
            throw new UnsupportedOperationException("plugin directories " + settings.pluginDirectories()
                    + " were given, but plugin loading is not implemented yet (issue 10)");
        }
        return Discovery.discoverBuiltIn();
    }
}
