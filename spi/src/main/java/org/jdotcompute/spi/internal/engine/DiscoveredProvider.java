package org.jdotcompute.spi.internal.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendProvider;

/**
 * One provider found by discovery, probed once.
 *
 * @param id           the provider's id, or its class name if it could not be instantiated
 * @param displayName  its display name (the id when unknown)
 * @param provider     the instance, empty if it could not be instantiated
 * @param availability the probe's result (or why it could not be probed)
 * @param version      its version ({@code ""} if unknown)
 * @param location     module and jar, or plugin directory
 * @param priority     its priority ({@code Integer.MIN_VALUE} when unknown)
 */
public record DiscoveredProvider(String id, String displayName, Optional<BackendProvider> provider,
        Availability availability, String version, String location, int priority) {
    public DiscoveredProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
    }

    /** Whether the probe found the backend usable. */
    public boolean available() {
        return availability instanceof Availability.Available;
    }

    /** This provider as the API reports it. */
    public BackendStatus status() {
        return switch (availability) {
            case Availability.Available a -> new BackendStatus(id, displayName, true, "", version, location,
                    priority, a.devices());
            case Availability.Unavailable u -> new BackendStatus(id, displayName, false, u.reason(), version,
                    location, priority, List.of());
        };
    }

    /**
     * This record without the provider instance: what a runtime keeps, so that it does not pin a
     * plugin's classes after the plugin is unloaded.
     */
    public DiscoveredProvider withoutProvider() {
        return new DiscoveredProvider(id, displayName, Optional.empty(), availability, version, location, priority);
    }
}
