package org.jdotcompute.spi.internal.engine;

import org.jdotcompute.api.BackendInfo;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.spi.Backend;

/** {@link BackendInfo} over an open backend. */
record EngineBackendInfo(String id, String displayName, String version, Backend backend) implements BackendInfo {
    @Override
    public DeviceInfo device() {
        return backend.device();
    }

    @Override
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    @Override
    public long launchCount() {
        return backend.launchCount();
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ") on " + device();
    }
}
