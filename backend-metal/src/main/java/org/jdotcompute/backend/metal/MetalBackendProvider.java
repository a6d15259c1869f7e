package org.jdotcompute.backend.metal;

import java.util.Locale;

import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * Provides the Metal backend (id {@code metal}, priority 250). Off macOS the probe says why it
 * is unavailable and touches nothing native. Thread-safe.
 */
public final class MetalBackendProvider implements BackendProvider {

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public MetalBackendProvider() {
    }

    @Override
    public String id() {
        return "metal";
    }

    @Override
    public String displayName() {
        return "Metal";
    }

    @Override
    public int priority() {
        return 250;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Availability probe() {
        MetalException why = unavailableReason();
        return Availability.unavailable(why.getMessage().substring("[Metal] ".length()), why);
    }

    /** Why Metal cannot be used here. */
    static MetalException unavailableReason() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return new MetalException("requires macOS with a Metal device; this is " + os);
        }
        return new MetalException("the Metal bridge (Objective-C runtime through java.lang.foreign) is not"
                + " implemented yet; use the opencl or cpu backend on this Mac");
    }

    @Override
    public Backend open(BackendConfig config) {
        throw new BackendNotAvailableException(displayName(), unavailableReason());
    }
}
