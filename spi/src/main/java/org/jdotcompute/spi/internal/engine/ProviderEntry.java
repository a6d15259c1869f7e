package org.jdotcompute.spi.internal.engine;

import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

import org.jdotcompute.spi.BackendProvider;

/** A provider as a service loader (or a test) presents it, before instantiation. */
public sealed interface ProviderEntry {

    /** A provider class that loaded; {@code instantiate} may still throw. */
    record Found(Class<? extends BackendProvider> type, Supplier<BackendProvider> instantiate) implements ProviderEntry {
        public Found {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(instantiate, "instantiate");
        }
    }

    /** A provider the service loader could not even load. */
    record Broken(ServiceConfigurationError error) implements ProviderEntry {
        public Broken {
            Objects.requireNonNull(error, "error");
        }
    }
}
