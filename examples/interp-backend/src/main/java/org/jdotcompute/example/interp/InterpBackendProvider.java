package org.jdotcompute.example.interp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;
import org.jdotcompute.spi.ir.IrInterpreter;

/**
 * The provider of the {@code interp} backend: id {@code interp}, display name
 * {@value #DISPLAY_NAME}, priority {@value #PRIORITY} — below the CPU backend's 100, so it is
 * used only when chosen by name ({@code ComputeRuntime.builder().backend("interp")} or
 * {@code -Djdotcompute.backend=interp}), never instead of a real backend.
 *
 * <p>It is always available: its device is the interpreter itself, which needs nothing native.
 * The constructor does nothing; {@link #probe()} and {@link #open(BackendConfig)} describe the
 * device.
 *
 * <p>Thread-safe (stateless).
 */
public final class InterpBackendProvider implements BackendProvider {
    /** The backend id. */
    public static final String ID = "interp";
    /** The name used in messages and exceptions; also the interpreter's own name for failures. */
    public static final String DISPLAY_NAME = IrInterpreter.BACKEND_NAME;
    /** The selection priority: below every in-tree backend (the CPU backend has 100). */
    public static final int PRIORITY = 10;
    /** The memory limit when the runtime sets none: 1 GiB of native memory for buffers. */
    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;

    /** For {@link java.util.ServiceLoader}; cheap. */
    public InterpBackendProvider() {
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

    /** Available with one device, the interpreter; never throws. */
    @Override
    public Availability probe() {
        try {
            return Availability.available(List.of(device(DEFAULT_MEMORY_LIMIT)));
        } catch (RuntimeException | LinkageError e) { // e.g. a platform without the IR interpreter
            return Availability.unavailable("the IR interpreter backend cannot describe its device: " + e
                    + "; it needs an org.jdotcompute.spi with SPI version " + SpiVersion.CURRENT, e);
        }
    }

    /**
     * Opens the backend with the configured memory limit ({@value #DEFAULT_MEMORY_LIMIT} bytes when
     * the runtime sets none).
     *
     * @throws BackendNotAvailableException if the backend cannot be made (the cause says why)
     */
    @Override
    public Backend open(BackendConfig config) {
        Objects.requireNonNull(config, "config");
        long limit = config.memoryLimit() > 0 ? config.memoryLimit() : DEFAULT_MEMORY_LIMIT;
        try {
            return new InterpBackend(device(limit), limit);
        } catch (RuntimeException | LinkageError e) {
            throw new BackendNotAvailableException(DISPLAY_NAME, e);
        }
    }

    /** The interpreter as a device: one compute unit (launches run one at a time, on the caller's thread). */
    DeviceInfo device(long memoryLimit) {
        return new DeviceInfo("IR interpreter", "JDotCompute examples", DeviceInfo.DeviceType.CPU, memoryLimit, 1,
                version(), Map.of("interpreter", IrInterpreter.class.getName(),
                        "spiVersion", String.valueOf(SpiVersion.CURRENT)));
    }
}
