package org.jdotcompute.api;

import java.util.List;
import java.util.Objects;

/**
 * One discovered backend provider and whether it can be used on this machine.
 *
 * @param id          the backend id ({@code "cpu"}); for a provider that could not even be
 *                    instantiated, its class name
 * @param displayName the display name ({@code "CPU"})
 * @param available   whether the backend can be opened here
 * @param reason      why it is unavailable; {@code ""} when available
 * @param version     the provider's version ({@code ""} if unknown)
 * @param location    where it came from: the module name and jar, or the plugin directory
 * @param priority    the selection priority (higher wins when no backend is named)
 * @param devices     the devices an available backend found (empty when unavailable)
 */
public record BackendStatus(String id, String displayName, boolean available, String reason, String version,
        String location, int priority, List<DeviceInfo> devices) {
    public BackendStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        devices = List.copyOf(devices);
        if (available && !reason.isEmpty()) {
            throw new IllegalArgumentException("an available backend has no reason, got '" + reason + "'");
        }
        if (!available && reason.isEmpty()) {
            throw new IllegalArgumentException("an unavailable backend '" + id + "' needs a reason");
        }
    }
}
