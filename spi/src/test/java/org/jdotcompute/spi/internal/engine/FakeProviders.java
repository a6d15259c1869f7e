package org.jdotcompute.spi.internal.engine;

import java.util.List;
import java.util.Map;

import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/** Deliberately well-behaved and badly-behaved providers for discovery tests. */
final class FakeProviders {
    static final DeviceInfo DEVICE = new DeviceInfo("Fake Device", "Fake Vendor", DeviceInfo.DeviceType.GPU, 1 << 20,
            4, "1.0", Map.of());

    private FakeProviders() {
    }

    /** A configurable provider. */
    static class Fake implements BackendProvider {
        final String id;
        final int priority;
        final Availability availability;

        Fake(String id, int priority, Availability availability) {
            this.id = id;
            this.priority = priority;
            this.availability = availability;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return id.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public String version() {
            return "9.9";
        }

        @Override
        public Availability probe() {
            return availability;
        }

        @Override
        public Backend open(BackendConfig config) {
            throw new BackendNotAvailableException(displayName(), new UnsupportedOperationException(
                    "fake providers are never opened in these tests"));
        }
    }

    static Fake available(String id, int priority) {
        return new Fake(id, priority, Availability.available(List.of(DEVICE)));
    }

    static Fake unavailable(String id, int priority, String reason) {
        return new Fake(id, priority, Availability.unavailable(reason));
    }

    /** Its constructor throws. */
    static final class ThrowsInConstructor extends Fake {
        ThrowsInConstructor() {
            super("never", 1, Availability.unavailable("never"));
            throw new IllegalStateException("constructor exploded");
        }
    }

    /** Its probe throws (it must not). */
    static final class ThrowsInProbe extends Fake {
        ThrowsInProbe() {
            super("probe-throws", 50, Availability.unavailable("unused"));
        }

        @Override
        public Availability probe() {
            throw new UnsatisfiedLinkError("libfake.so: cannot open shared object file");
        }
    }

    /** Implements another SPI version. */
    static final class WrongSpiVersion extends Fake {
        WrongSpiVersion() {
            super("future", 500, Availability.available(List.of(DEVICE)));
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT + 1;
        }
    }

    /** Its id() throws. */
    static final class ThrowsInId extends Fake {
        ThrowsInId() {
            super("unused", 1, Availability.unavailable("unused"));
        }

        @Override
        public String id() {
            throw new IllegalStateException("no id today");
        }
    }
}
