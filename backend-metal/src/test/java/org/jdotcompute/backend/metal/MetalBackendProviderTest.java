package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.SpiVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("The Metal provider")
class MetalBackendProviderTest {

    /** A bridge factory that fails the test if anything native is even attempted. */
    private static final Supplier<MetalApi> NO_NATIVE = () -> fail("the provider tried to open the Metal bridge off macOS");

    @Test
    @DisplayName("is a cheap factory: id metal, display name Metal, priority 250, the current SPI")
    void identity() {
        MetalBackendProvider p = new MetalBackendProvider("Linux", NO_NATIVE);
        assertAll(
                () -> assertEquals("metal", p.id()),
                () -> assertEquals("Metal", p.displayName()),
                () -> assertEquals(250, p.priority()),
                () -> assertEquals(SpiVersion.CURRENT, p.spiVersion()));
    }

    @Nested
    @DisplayName("Off macOS")
    class OffMac {
        @Test
        @DisplayName("the probe says it needs macOS, with a MetalException as the cause, and touches nothing native")
        void probe() {
            Availability a = new MetalBackendProvider("Linux", NO_NATIVE).probe();
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, a);
            assertEquals("requires macOS with a Metal device; this is Linux", u.reason());
            MetalException cause = assertInstanceOf(MetalException.class, u.cause().orElseThrow());
            assertEquals("[Metal] requires macOS with a Metal device; this is Linux", cause.getMessage());
            assertEquals("Metal", cause.backend());
        }

        @Test
        @DisplayName("open throws BackendNotAvailableException whose cause says why")
        void open() {
            BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                    () -> new MetalBackendProvider("Windows 11", NO_NATIVE).open(BackendConfig.defaults()));
            assertEquals("[Metal] Backend not available", e.getMessage());
            assertEquals("Metal", e.backend());
            MetalException cause = assertInstanceOf(MetalException.class, e.getCause());
            assertEquals("[Metal] requires macOS with a Metal device; this is Windows 11", cause.getMessage());
        }
    }

    @Nested
    @DisplayName("On this machine, through the engine")
    @DisabledOnOs(value = OS.MAC, disabledReason = "on a Mac the Metal backend is available; MetalBridgeMacTest covers it")
    class ThroughTheEngine {
        private final String os = System.getProperty("os.name");

        @Test
        @DisplayName("the default provider reports this OS as the reason")
        void defaultProvider() {
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, new MetalBackendProvider().probe());
            assertEquals("requires macOS with a Metal device; this is " + os, u.reason());
        }

        @Test
        @DisplayName("discovery lists metal as unavailable, with the reason")
        void discovered() {
            List<BackendStatus> found = ComputeRuntime.discover();
            BackendStatus metal = found.stream().filter(s -> s.id().equals("metal")).findFirst()
                    .orElseThrow(() -> new AssertionError("metal not discovered: " + found));
            assertAll(
                    () -> assertEquals("Metal", metal.displayName()),
                    () -> assertEquals(false, metal.available()),
                    () -> assertEquals("requires macOS with a Metal device; this is " + os, metal.reason()),
                    () -> assertEquals(250, metal.priority()),
                    () -> assertTrue(metal.devices().isEmpty()));
        }

        @Test
        @DisplayName("an explicit request fails with BackendNotAvailableException caused by the MetalException, never another backend")
        void explicitRequest() {
            BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                    () -> ComputeRuntime.builder().backend("metal").build().close());
            assertEquals("[Metal] Backend not available", e.getMessage());
            MetalException cause = assertInstanceOf(MetalException.class, e.getCause());
            assertEquals("[Metal] requires macOS with a Metal device; this is " + os, cause.getMessage());
        }
    }

    @Nested
    @DisplayName("On macOS (with a fake bridge)")
    class OnMac {
        @Test
        @DisplayName("the probe opens the device once, reports it, closes it, and remembers the answer")
        void available() {
            AtomicInteger opened = new AtomicInteger();
            FakeMetalApi api = new FakeMetalApi();
            MetalBackendProvider p = new MetalBackendProvider("Mac OS X", () -> {
                opened.incrementAndGet();
                return api;
            });
            Availability.Available a = assertInstanceOf(Availability.Available.class, p.probe());
            assertEquals("Fake Apple M9", a.devices().getFirst().name());
            assertTrue(api.closed);
            assertSame(a, p.probe());
            assertEquals(1, opened.get());
        }

        @Test
        @DisplayName("a Mac without a Metal device is unavailable with the bridge's MetalException")
        void noDevice() {
            MetalException none = new MetalException("MTLCreateSystemDefaultDevice returned nil");
            MetalBackendProvider p = new MetalBackendProvider("Mac OS X", () -> {
                throw none;
            });
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, p.probe());
            assertEquals("MTLCreateSystemDefaultDevice returned nil", u.reason());
            assertSame(none, u.cause().orElseThrow());
            BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                    () -> p.open(BackendConfig.defaults()));
            assertSame(none, e.getCause());
        }

        @Test
        @DisplayName("a bridge that breaks unexpectedly is unavailable, never a crash of discovery")
        void brokenBridge() {
            UnsatisfiedLinkError broken = new UnsatisfiedLinkError("no libobjc");
            MetalBackendProvider p = new MetalBackendProvider("Mac OS X", () -> {
                throw broken;
            });
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, p.probe());
            MetalException cause = assertInstanceOf(MetalException.class, u.cause().orElseThrow());
            assertSame(broken, cause.getCause());
            assertEquals("the Metal bridge failed while opening the default device: java.lang.UnsatisfiedLinkError: no"
                    + " libobjc", u.reason());
        }

        @Test
        @DisplayName("open gives a backend that owns the bridge")
        void open() {
            FakeMetalApi api = new FakeMetalApi();
            try (Backend b = new MetalBackendProvider("Mac OS X", () -> api).open(BackendConfig.defaults())) {
                assertEquals("Fake Apple M9", b.device().name());
            }
            assertTrue(api.closed);
        }
    }

    @Nested
    @DisplayName("The message formats of Metal's exceptions")
    class MessageFormats {
        @Test
        @DisplayName("MetalException is [Metal] {detail}, a BackendException of backend Metal")
        void metalException() {
            MetalException e = new MetalException("the command queue is gone");
            assertEquals("[Metal] the command queue is gone", e.getMessage());
            assertEquals("Metal", e.backend());
            assertInstanceOf(BackendException.class, e);
        }

        @Test
        @DisplayName("MslCompilationException is [Metal] Failed to compile MSL shader '{name}': {error}")
        void mslCompilationException() {
            MslCompilationException e = new MslCompilationException("Kernels.saxpy",
                    "program_source:1:1: error: unknown type name 'foo'");
            assertEquals("[Metal] Failed to compile MSL shader 'Kernels.saxpy': program_source:1:1: error: unknown type"
                    + " name 'foo'", e.getMessage());
            assertEquals("Kernels.saxpy", e.shaderName());
            assertEquals("program_source:1:1: error: unknown type name 'foo'", e.errorMessage());
            assertInstanceOf(MetalException.class, e);
        }
    }
}
