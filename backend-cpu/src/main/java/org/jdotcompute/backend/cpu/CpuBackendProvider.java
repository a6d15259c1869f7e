package org.jdotcompute.backend.cpu;

import java.util.List;

import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * The CPU backend's provider: id {@code cpu}, display name {@code CPU}, priority 100. Always
 * available: its one device is this machine's processor. The constructor does nothing; the
 * device is described on the first {@link #probe()} or {@link #open(BackendConfig)}.
 *
 * <p>Thread-safe.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The backend id. */
    public static final String ID = "cpu";
    /** The display name used in messages and exceptions. */
    public static final String DISPLAY_NAME = "CPU";
    /** The selection priority (the lowest of the in-tree backends: any GPU backend wins). */
    public static final int PRIORITY = 100;

    private volatile DeviceInfo device;

    /** For {@link java.util.ServiceLoader}; cheap. */
    public CpuBackendProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Availability probe() {
        try {
            return Availability.available(List.of(device()));
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("the CPU backend could not describe this machine: " + e, e);
        }
    }

    @Override
    public Backend open(BackendConfig config) {
        try {
            return new CpuBackend(config, device());
        } catch (RuntimeException | LinkageError e) {
            throw new BackendNotAvailableException(DISPLAY_NAME, e);
        }
    }

    private DeviceInfo device() {
        DeviceInfo d = device;
        if (d == null) {
            d = CpuDevice.describe();
            device = d;
        }
        return d;
    }
}
