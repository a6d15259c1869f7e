package org.jdotcompute.testkit;

import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.Runtimes;

/** {@link RuntimeFactory#of}: runtimes on a provider instance through {@link Runtimes}. Thread-safe. */
final class ProviderRuntimeFactory implements RuntimeFactory {
    private final BackendProvider provider;
    private volatile BackendStatus status;

    ProviderRuntimeFactory(BackendProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String backendId() {
        return status().id();
    }

    @Override
    public BackendStatus status() {
        BackendStatus s = status;
        if (s == null) {
            s = Runtimes.status(provider);
            status = s;
        }
        return s;
    }

    @Override
    public Optional<BackendProvider> provider() {
        return Optional.of(provider);
    }

    @Override
    public ComputeRuntime open(BackendConfig config) {
        return Runtimes.open(provider, config);
    }

    @Override
    public String toString() {
        return "provider " + provider.getClass().getName();
    }
}
