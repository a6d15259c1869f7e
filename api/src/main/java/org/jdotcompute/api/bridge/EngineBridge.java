package org.jdotcompute.api.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * How the API reaches the engine in {@code org.jdotcompute.spi}. Exported to the spi module
 * only; applications never see it. Exactly one implementation exists at run time.
 */
public interface EngineBridge {

    /** Creates a runtime with {@code settings}. */
    ComputeRuntime create(RuntimeSettings settings);

    /** Creates a standalone ring-kernel runtime whose {@code close()} also closes its compute runtime. */
    RingKernelRuntime createRingRuntime(RuntimeSettings settings);

    /** Lists every backend the settings would discover, opening none. */
    List<BackendStatus> discover(RuntimeSettings settings);

    /**
     * Creates a runtime with {@code settings} (whose plugin directories are empty) that uses the
     * plugins of {@code plugins}, a manager from {@link #openPlugins(List)}.
     */
    ComputeRuntime create(RuntimeSettings settings, PluginManager plugins);

    /** Lists every backend {@code settings} and the plugins of {@code plugins} would give, opening none. */
    List<BackendStatus> discover(RuntimeSettings settings, PluginManager plugins);

    /** Loads the plugins of {@code directories} into a new manager that the caller owns. */
    PluginManager openPlugins(List<Path> directories);

    /**
     * Finds the engine.
     *
     * @throws IllegalStateException if {@code jdotcompute-spi} is missing from the module and class path
     */
    static EngineBridge load() {
        ServiceLoader<EngineBridge> loader = ServiceLoader.load(EngineBridge.class, EngineBridge.class.getClassLoader());
        return loader.findFirst().orElseThrow(() -> new IllegalStateException(
                "JDotCompute's engine was not found: put jdotcompute-spi and at least one backend"
                        + " (e.g. jdotcompute-backend-cpu) on the module path or class path"));
    }
}
