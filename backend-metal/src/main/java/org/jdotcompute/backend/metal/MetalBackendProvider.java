package org.jdotcompute.backend.metal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * Provides the Metal backend (id {@code metal}, priority 250). Off macOS the probe says why it
 * is unavailable and touches nothing native: the operating system is checked before the native
 * bridge ({@link MetalBridge}) is even loaded. On macOS the probe opens the system default
 * device once and remembers the answer. Thread-safe.
 */
public final class MetalBackendProvider implements BackendProvider {
    private static final String PREFIX = "[Metal] ";

    private final String osName;
    private final Supplier<MetalApi> bridges;
    private final AtomicReference<Availability> probed = new AtomicReference<>();

    /** For {@link java.util.ServiceLoader}; does nothing. */
    public MetalBackendProvider() {
        this(System.getProperty("os.name", "unknown"), MetalBridge::open);
    }

    /**
     * For tests: a provider that believes it runs on {@code osName} and opens devices with {@code bridges}.
     */
    MetalBackendProvider(String osName, Supplier<MetalApi> bridges) {
        this.osName = Objects.requireNonNull(osName, "osName");
        this.bridges = Objects.requireNonNull(bridges, "bridges");
    }

    @Override
    public String id() {
        return "metal";
    }

    @Override
    public String displayName() {
        return MetalBackend.DISPLAY_NAME;
    }

    @Override
    public int priority() {
        return 250;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    private boolean onMac() {
        return osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /** Why Metal cannot be used on this operating system. */
    private MetalException notMac() {
        return new MetalException("requires macOS with a Metal device; this is " + osName);
    }

    @Override
    public Availability probe() {
        if (!onMac()) {
            MetalException why = notMac();
            return Availability.unavailable(detail(why), why);
        }
        Availability known = probed.get();
        if (known != null) {
            return known;
        }
        Availability fresh;
        try (MetalApi api = bridges.get()) {
            fresh = Availability.available(List.of(MetalBackend.deviceInfo(api.device())));
        } catch (MetalException e) {
            fresh = Availability.unavailable(detail(e), e);
        } catch (RuntimeException | LinkageError e) {
            MetalException why = new MetalException("the Metal bridge failed while opening the default device: " + e, e);
            fresh = Availability.unavailable(detail(why), why);
        }
        Availability first = probed.compareAndExchange(null, fresh);
        return first != null ? first : fresh;
    }

    private static String detail(MetalException e) {
        String message = e.getMessage();
        return message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
    }

    @Override
    public Backend open(BackendConfig config) {
        Objects.requireNonNull(config, "config");
        if (!onMac()) {
            throw new BackendNotAvailableException(displayName(), notMac());
        }
        MetalApi api;
        try {
            api = bridges.get();
        } catch (MetalException e) {
            throw new BackendNotAvailableException(displayName(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendNotAvailableException(displayName(), new MetalException(
                    "the Metal bridge failed while opening the default device: " + e, e));
        }
        try {
            return new MetalBackend(api, config);
        } catch (RuntimeException e) {
            try {
                api.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new BackendNotAvailableException(displayName(), e);
        }
    }
}
