package org.jdotcompute.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;

/** {@link RuntimeFactory#discovered}: the backend an application would get. Thread-safe. */
final class DiscoveredRuntimeFactory implements RuntimeFactory {
    private final String backendId;
    private final Optional<PluginManager> plugins;
    private volatile BackendStatus status;

    DiscoveredRuntimeFactory(String backendId, Optional<PluginManager> plugins) {
        Objects.requireNonNull(backendId, "backendId");
        if (backendId.isBlank()) {
            throw new IllegalArgumentException("the backend id is blank; give the id the backend's provider reports,"
                    + " e.g. \"cpu\" (jdotcompute backends lists them)");
        }
        this.backendId = backendId;
        this.plugins = plugins;
    }

    @Override
    public String backendId() {
        return backendId;
    }

    private ComputeRuntime.Builder builder() {
        ComputeRuntime.Builder b = ComputeRuntime.builder();
        plugins.ifPresent(b::plugins);
        return b;
    }

    @Override
    public BackendStatus status() {
        BackendStatus s = status;
        if (s == null) {
            s = find();
            status = s;
        }
        return s;
    }

    private BackendStatus find() {
        List<BackendStatus> all;
        try {
            all = builder().discover();
        } catch (RuntimeException e) {
            return new BackendStatus(backendId, backendId, false, "discovery failed: " + e, "", "unknown",
                    Integer.MIN_VALUE, List.of());
        }
        return all.stream().filter(s -> s.id().equals(backendId)).findFirst().orElseGet(() -> new BackendStatus(
                backendId, backendId, false, "no backend with id '" + backendId + "' was discovered; found: "
                        + (all.isEmpty() ? "(none)" : all.stream().map(BackendStatus::id).collect(Collectors.joining(", ")))
                        + ". Add the backend's jar to the module path or class path",
                "", "not discovered", Integer.MIN_VALUE, List.of()));
    }

    @Override
    public Optional<BackendProvider> provider() {
        try {
            return ServiceLoader.load(BackendProvider.class, DiscoveredRuntimeFactory.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).filter(p -> backendId.equals(p.id())).findFirst();
        } catch (ServiceConfigurationError e) {
            return Optional.empty(); // discovery itself reports a broken provider
        }
    }

    @Override
    public ComputeRuntime open(BackendConfig config) {
        ComputeRuntime.Builder b = builder().backend(backendId).checks(config.checks());
        if (config.memoryLimit() > 0) {
            b.memoryLimit(config.memoryLimit());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "discovered backend '" + backendId + "'" + plugins.map(p -> " (with plugins)").orElse("");
    }
}
