package org.jdotcompute.testkit;

import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.Runtimes;

/**
 * How the conformance suite reaches the backend under test: its status as discovery reports it,
 * and fresh runtimes on it. {@link #discovered(String)} (the default) finds the backend like an
 * application does — module path, class path; {@link #of(BackendProvider)} tests a provider
 * instance that is not packaged at all ({@link Runtimes#open}).
 *
 * <p>Implementations must be thread-safe.
 */
public interface RuntimeFactory {

    /** The id of the backend the runtimes run on. */
    String backendId();

    /**
     * The backend as discovery reports it: available with its devices, or unavailable with the
     * reason. Must not throw; may be cached.
     */
    BackendStatus status();

    /**
     * The provider instance behind the backend, for the rules that call {@link BackendProvider#probe()}
     * directly; empty when it cannot be reached (a plugin's provider).
     */
    Optional<BackendProvider> provider();

    /**
     * Opens a fresh runtime on the backend with {@code config}'s check mode and memory limit
     * ({@code 0}: the device's own); the caller closes it.
     */
    ComputeRuntime open(BackendConfig config);

    /** The backend {@code backendId} as {@link ComputeRuntime#builder()} finds it (module path, class path). */
    static RuntimeFactory discovered(String backendId) {
        return new DiscoveredRuntimeFactory(backendId, Optional.empty());
    }

    /** The backend {@code backendId}, found also among the backends of {@code plugins} (which the caller closes). */
    static RuntimeFactory discovered(String backendId, PluginManager plugins) {
        return new DiscoveredRuntimeFactory(backendId, Optional.of(Objects.requireNonNull(plugins, "plugins")));
    }

    /** Runtimes on {@code provider} itself through {@link Runtimes#open}: no packaging needed. */
    static RuntimeFactory of(BackendProvider provider) {
        return new ProviderRuntimeFactory(provider);
    }
}
