package org.jdotcompute.spi.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;
import org.jdotcompute.spi.internal.engine.FakeProviders.Fake;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Backend discovery and selection")
class DiscoveryTest {

    private static ProviderEntry entry(Class<? extends BackendProvider> type, Supplier<BackendProvider> make) {
        return new ProviderEntry.Found(type, make);
    }

    private static ProviderEntry entry(Fake fake) {
        return entry(fake.getClass(), () -> fake);
    }

    private static RuntimeSettings explicit(String id) {
        return new RuntimeSettings(id, CheckMode.INDEX, List.of(), 0);
    }

    private static final RuntimeSettings AUTO = new RuntimeSettings("", CheckMode.INDEX, List.of(), 0);

    @Test
    @DisplayName("the engine module really runs on the module path")
    void runsOnTheModulePath() {
        assertTrue(getClass().getModule().isNamed(), "tests must be patched into org.jdotcompute.spi");
        assertEquals("org.jdotcompute.spi", getClass().getModule().getName());
    }

    @Nested
    @DisplayName("a badly behaved provider")
    class BadProviders {
        @Test
        @DisplayName("whose constructor throws is unavailable with the cause and the others still work")
        void constructorThrows() {
            List<DiscoveredProvider> found = Discovery.discover(List.of(
                    entry(FakeProviders.ThrowsInConstructor.class, FakeProviders.ThrowsInConstructor::new),
                    entry(FakeProviders.available("good", 10))), "");
            assertEquals(2, found.size());
            DiscoveredProvider broken = found.getFirst();
            assertEquals(FakeProviders.ThrowsInConstructor.class.getName(), broken.id());
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, broken.availability());
            assertTrue(u.reason().contains("could not be instantiated"), u.reason());
            assertTrue(u.reason().contains("constructor exploded"), u.reason());
            assertEquals("constructor exploded", u.cause().orElseThrow().getMessage());
            assertTrue(found.get(1).available());
        }

        @Test
        @DisplayName("whose class fails to load is unavailable and named after the class")
        void classFailsToLoad() {
            var error = new ServiceConfigurationError(
                    "org.jdotcompute.spi.BackendProvider: Provider com.example.Gone not found");
            List<DiscoveredProvider> found = Discovery.discover(List.of(new ProviderEntry.Broken(error),
                    entry(FakeProviders.available("good", 10))), "");
            assertEquals("com.example.Gone", found.getFirst().id());
            assertFalse(found.getFirst().available());
            assertSame(error, ((Availability.Unavailable) found.getFirst().availability()).cause().orElseThrow());
            assertTrue(found.get(1).available());
        }

        @Test
        @DisplayName("whose probe throws is unavailable with the thrown error as cause")
        void probeThrows() {
            DiscoveredProvider d = Discovery.discover(List.of(entry(new FakeProviders.ThrowsInProbe())), "").getFirst();
            assertEquals("probe-throws", d.id());
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, d.availability());
            assertTrue(u.reason().startsWith("the provider's probe() threw (it must not): "), u.reason());
            assertInstanceOf(UnsatisfiedLinkError.class, u.cause().orElseThrow());
        }

        @Test
        @DisplayName("whose id() throws is unavailable")
        void idThrows() {
            DiscoveredProvider d = Discovery.discover(List.of(entry(new FakeProviders.ThrowsInId())), "").getFirst();
            assertFalse(d.available());
            assertTrue(((Availability.Unavailable) d.availability()).reason().contains("no id today"));
        }

        @Test
        @DisplayName("with another SPI version is unavailable with a reason naming both versions")
        void wrongSpiVersion() {
            DiscoveredProvider d = Discovery.discover(List.of(entry(new FakeProviders.WrongSpiVersion())), "").getFirst();
            String reason = ((Availability.Unavailable) d.availability()).reason();
            assertEquals("the provider implements SPI version " + (SpiVersion.CURRENT + 1)
                    + " but this engine supports SPI version " + SpiVersion.CURRENT
                    + "; use a FUTURE backend built for this JDotCompute release", reason);
        }

        @Test
        @DisplayName("with a duplicate id fails discovery fast, naming both")
        void duplicateIds() {
            var e = assertThrows(IllegalStateException.class, () -> Discovery.discover(List.of(
                    entry(FakeProviders.available("twin", 1)), entry(FakeProviders.unavailable("twin", 2, "x"))), ""));
            assertTrue(e.getMessage().startsWith("two backend providers have the id 'twin': "), e.getMessage());
            String name = Fake.class.getName() + " from org.jdotcompute.spi";
            int first = e.getMessage().indexOf(name);
            assertTrue(first > 0 && e.getMessage().indexOf(name, first + 1) > first, e.getMessage());
        }
    }

    @Nested
    @DisplayName("selection")
    class Selecting {
        private final List<DiscoveredProvider> found = Discovery.discover(List.of(
                entry(FakeProviders.available("cpu", 100)),
                entry(FakeProviders.available("opencl", 200)),
                entry(FakeProviders.unavailable("cuda", 300, "libcuda.so.1 was not found"))), "");

        @Test
        @DisplayName("without a choice takes the highest-priority available backend")
        void auto() {
            assertEquals("opencl", Selection.select(found, AUTO).id());
        }

        @Test
        @DisplayName("of an available backend gets exactly that backend")
        void explicitAvailable() {
            assertEquals("cpu", Selection.select(found, explicit("cpu")).id());
        }

        @Test
        @DisplayName("of an unavailable backend throws with the reason as cause, never another backend")
        void explicitUnavailable() {
            var e = assertThrows(BackendNotAvailableException.class, () -> Selection.select(found, explicit("cuda")));
            assertEquals("[CUDA] Backend not available", e.getMessage());
            BackendException cause = assertInstanceOf(BackendException.class, e.getCause());
            assertEquals("[CUDA] libcuda.so.1 was not found", cause.getMessage());
        }

        @Test
        @DisplayName("of an unknown id names the id and lists the ids that exist")
        void unknownId() {
            var e = assertThrows(BackendNotAvailableException.class, () -> Selection.select(found, explicit("vulkan")));
            assertEquals("[vulkan] Backend not available", e.getMessage());
            assertInstanceOf(ComputeException.class, e.getCause());
            assertEquals("no backend with id 'vulkan' was found; the backends that exist are: cpu, opencl, cuda."
                    + " Check the id, or add the backend's jar to the module path, class path or a plugin directory",
                    e.getCause().getMessage());
        }

        @Test
        @DisplayName("with nothing available fails and lists the candidates")
        void nothingAvailable() {
            var none = Discovery.discover(List.of(entry(FakeProviders.unavailable("metal", 250, "not macOS"))), "");
            var e = assertThrows(BackendNotAvailableException.class, () -> Selection.select(none, AUTO));
            assertTrue(e.getCause().getMessage().contains("metal (unavailable: not macOS)"), e.getCause().getMessage());
        }
    }

    @Test
    @DisplayName("statuses carry id, display name, availability, reason, version and origin")
    void statuses() {
        List<BackendStatus> s = Discovery.discover(List.of(entry(FakeProviders.available("cpu", 100)),
                entry(FakeProviders.unavailable("cuda", 300, "no driver"))), "plugin x: ").stream()
                .map(DiscoveredProvider::status).toList();
        assertEquals(new BackendStatus("cpu", "CPU", true, "", "9.9", s.getFirst().location(), 100,
                List.of(FakeProviders.DEVICE)), s.getFirst());
        assertEquals("no driver", s.get(1).reason());
        assertFalse(s.get(1).available());
        assertTrue(s.getFirst().location().startsWith("plugin x: org.jdotcompute.spi"), s.getFirst().location());
    }
}
