package org.jdotcompute.backend.cuda;

import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * The CUDA backend's provider: id {@code cuda}, display name {@code CUDA}, priority 300. Cheap to
 * construct: nothing native happens until {@link #probe()} or {@link #open(BackendConfig)}, which
 * check for {@code libcuda.so.1} before JCuda's JNI library is touched, then load JCuda's natives
 * (see {@link JCudaNatives}), initialise the driver and list the devices. The probe result is
 * cached per provider instance.
 *
 * <p>Thread-safe.
 */
public final class CudaBackendProvider implements BackendProvider {
    /** The backend id. */
    public static final String ID = "cuda";
    /** The display name used in messages and exceptions. */
    public static final String DISPLAY_NAME = "CUDA";
    /** The selection priority (see {@link BackendProvider}). */
    public static final int PRIORITY = 300;

    private final AtomicReference<Availability> probed = new AtomicReference<>();

    /** For {@link java.util.ServiceLoader}. */
    public CudaBackendProvider() {
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
        Availability a = probed.get();
        if (a == null) {
            a = CudaDriverProbe.probe();
            probed.compareAndSet(null, a);
            a = probed.get();
        }
        return a;
    }

    @Override
    public Backend open(BackendConfig config) {
        if (probe() instanceof Availability.Unavailable u) {
            throw new BackendNotAvailableException(DISPLAY_NAME,
                    new BackendException(DISPLAY_NAME, u.reason(), u.cause().orElse(null)));
        }
        return CudaBackend.open(config);
    }

    @Override
    public String toString() {
        return "CudaBackendProvider[" + ID + "]";
    }
}
