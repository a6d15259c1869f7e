package org.jdotcompute.testkit.meta;

import java.util.List;

import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/** The provider of a fake backend with one {@link Flaw}, or an unavailable one. Thread-safe. */
final class FakeProvider implements BackendProvider {
    /** The reason an unavailable fake gives. */
    static final String UNAVAILABLE_REASON = "the fake device is switched off (meta-test)";

    private final String id;
    private final Flaw flaw;
    private final boolean available;

    FakeProvider(String id, Flaw flaw, boolean available) {
        this.id = id;
        this.flaw = flaw;
        this.available = available;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return ReferenceBackend.DISPLAY_NAME;
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Availability probe() {
        return available ? Availability.available(List.of(ReferenceBackend.DEVICE))
                : Availability.unavailable(UNAVAILABLE_REASON);
    }

    @Override
    public Backend open(BackendConfig config) {
        return new ReferenceBackend(config, flaw);
    }
}
