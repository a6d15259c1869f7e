package org.jdotcompute.backend.opencl;

import java.util.Objects;

import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * The OpenCL backend's provider: id {@code opencl}, display name {@code OpenCL}, priority 200.
 * Constructing it touches nothing native; {@link #probe()} loads LWJGL and the OpenCL ICD loader
 * ({@value SystemProperties#OPENCL_LIBRARY}, default {@code libOpenCL.so.1} on Linux) and lists
 * the platforms ({@value SystemProperties#OPENCL_PLATFORM} picks one by index or name) and their
 * devices. The backend opens the first GPU, else the first device.
 *
 * <p>Thread-safe.
 */
public final class OpenClBackendProvider implements BackendProvider {
    private final Object lock = new Object();
    private String probedFor; // guarded by lock: the settings the cached result was made for
    private Availability probed; // guarded by lock

    /** A provider; cheap, nothing native happens here. */
    public OpenClBackendProvider() {
    }

    @Override
    public String id() {
        return "opencl";
    }

    @Override
    public String displayName() {
        return OpenClBackend.DISPLAY_NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /**
     * Lists the usable OpenCL devices, the one a backend would open first. Never throws; the
     * result is cached until {@value SystemProperties#OPENCL_LIBRARY} or
     * {@value SystemProperties#OPENCL_PLATFORM} change.
     */
    @Override
    public Availability probe() {
        String settings = settings();
        synchronized (lock) {
            if (probed != null && settings.equals(probedFor)) {
                return probed;
            }
        }
        Availability result;
        try {
            ClPlatforms.Selection selection = ClPlatforms.select();
            result = Availability.available(selection.devices().stream().map(ClDevice::deviceInfo).toList());
        } catch (UnavailableException e) {
            result = e.getCause() == null ? Availability.unavailable(e.getMessage())
                    : Availability.unavailable(e.getMessage(), e.getCause());
        } catch (RuntimeException | LinkageError e) {
            result = Availability.unavailable("probing OpenCL failed unexpectedly: " + e, e);
        }
        synchronized (lock) {
            probed = result;
            probedFor = settings;
        }
        return result;
    }

    private static String settings() {
        return Objects.toString(System.getProperty(SystemProperties.OPENCL_LIBRARY)) + "\u0000"
                + Objects.toString(System.getProperty(SystemProperties.OPENCL_PLATFORM));
    }

    /**
     * Opens the backend on the chosen device with its own context and in-order queue.
     *
     * @throws BackendNotAvailableException if OpenCL cannot be used here (the cause says why)
     */
    @Override
    public Backend open(BackendConfig config) {
        Objects.requireNonNull(config, "config");
        ClPlatforms.Selection selection;
        try {
            selection = ClPlatforms.select();
        } catch (UnavailableException e) {
            throw new BackendNotAvailableException(displayName(), new BackendException(displayName(), e.getMessage(),
                    e.getCause()));
        }
        return new OpenClBackend(selection.chosen(), config);
    }
}
