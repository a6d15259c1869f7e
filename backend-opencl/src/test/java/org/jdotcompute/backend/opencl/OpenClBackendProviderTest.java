package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.SpiVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The OpenCL backend provider")
class OpenClBackendProviderTest {

    @Test
    @DisplayName("runs its tests on the module path")
    void onModulePath() {
        assertTrue(getClass().getModule().isNamed(), "the tests must run in module org.jdotcompute.backend.opencl");
        assertEquals("org.jdotcompute.backend.opencl", getClass().getModule().getName());
    }

    @Nested
    @DisplayName("describes itself without touching native code")
    class Descriptor {
        @Test
        @DisplayName("as opencl, OpenCL, priority 200, the current SPI version")
        void describes() {
            OpenClBackendProvider p = new OpenClBackendProvider();
            assertEquals("opencl", p.id());
            assertEquals("OpenCL", p.displayName());
            assertEquals(200, p.priority());
            assertEquals(SpiVersion.CURRENT, p.spiVersion());
        }

        @Test
        @DisplayName("is declared as a service in module-info and is found by discovery")
        void discovered() {
            assertTrue(OpenClBackendProvider.class.getModule().getDescriptor().provides().stream()
                    .anyMatch(p -> p.service().equals("org.jdotcompute.spi.BackendProvider")
                            && p.providers().equals(List.of(OpenClBackendProvider.class.getName()))));
            List<BackendStatus> found = ComputeRuntime.discover();
            BackendStatus opencl = found.stream().filter(s -> s.id().equals("opencl")).findFirst().orElseThrow();
            assertEquals("OpenCL", opencl.displayName());
            assertEquals(200, opencl.priority());
            assertTrue(opencl.location().startsWith("org.jdotcompute.backend.opencl"), opencl.location());
        }
    }

    @Nested
    @DisplayName("probes")
    class Probe {
        @AfterEach
        void clearProperty() {
            System.clearProperty(SystemProperties.OPENCL_PLATFORM);
        }

        @Test
        @DisplayName("finds the installed devices with their capabilities")
        void findsDevices() {
            OpenClTestSupport.assumeOpenCl();
            Availability.Available a = assertInstanceOf(Availability.Available.class, OpenClTestSupport.provider().probe());
            DeviceInfo first = a.devices().getFirst();
            assertFalse(first.name().isBlank());
            assertTrue(first.globalMemoryBytes() > 0);
            assertTrue(first.computeUnits() > 0);
            for (String key : List.of("platform", "openclCVersion", "fp64", "floatDivision", "localMemoryBytes")) {
                assertTrue(first.details().containsKey(key), "detail " + key + " in " + first.details());
            }
        }

        @Test
        @DisplayName("caches its result while the settings stay the same")
        void caches() {
            OpenClBackendProvider p = new OpenClBackendProvider();
            assertSame(p.probe(), p.probe());
        }

        @Test
        @DisplayName("picks a platform by index and by a case-insensitive part of its name")
        void platformProperty() {
            OpenClTestSupport.assumeOpenCl();
            String platform = ((Availability.Available) new OpenClBackendProvider().probe()).devices().getFirst().details()
                    .get("platform");
            System.setProperty(SystemProperties.OPENCL_PLATFORM, "0");
            assertInstanceOf(Availability.Available.class, new OpenClBackendProvider().probe());
            System.setProperty(SystemProperties.OPENCL_PLATFORM, platform.substring(1, 6).toUpperCase(java.util.Locale.ROOT));
            Availability.Available byName = assertInstanceOf(Availability.Available.class, new OpenClBackendProvider().probe());
            assertEquals(platform, byName.devices().getFirst().details().get("platform"));
        }

        @Test
        @DisplayName("is unavailable, naming the platforms, when the platform property matches none")
        void unknownPlatform() {
            OpenClTestSupport.assumeOpenCl();
            System.setProperty(SystemProperties.OPENCL_PLATFORM, "99");
            Availability.Unavailable byIndex = assertInstanceOf(Availability.Unavailable.class,
                    new OpenClBackendProvider().probe());
            assertTrue(byIndex.reason().startsWith("-Djdotcompute.opencl.platform=99 names no OpenCL platform; the platforms are 0 '"),
                    byIndex.reason());
            System.setProperty(SystemProperties.OPENCL_PLATFORM, "no such vendor");
            Availability.Unavailable byName = assertInstanceOf(Availability.Unavailable.class,
                    new OpenClBackendProvider().probe());
            assertTrue(byName.reason().startsWith("-Djdotcompute.opencl.platform=no such vendor matches no OpenCL platform name;"),
                    byName.reason());
        }
    }

    @Nested
    @DisplayName("opens a backend")
    class Open {
        @Test
        @DisplayName("whose capabilities come from the device")
        void capabilities() {
            try (OpenClBackend b = OpenClTestSupport.open()) {
                Capabilities c = b.capabilities();
                assertTrue(c.features().containsAll(Set.of(Capabilities.Feature.INT32_ATOMICS, Capabilities.Feature.LOCAL_MEMORY,
                        Capabilities.Feature.BARRIERS, Capabilities.Feature.DEVICE_EXCEPTIONS,
                        Capabilities.Feature.SOURCE_KERNELS, Capabilities.Feature.FLOAT_ATOMICS)));
                assertEquals(Boolean.parseBoolean(b.device().details().get("fp64")), c.has(Capabilities.Feature.FP64));
                assertEquals(Long.parseLong(b.device().details().get("localMemoryBytes")), c.localMemoryBytes());
                assertTrue(c.maxWorkGroupSize() >= 1);
                assertTrue(c.maxAllocationBytes() > 0);
                assertEquals(0, b.launchCount());
            }
        }

        @Test
        @DisplayName("that refuses every use after close")
        void useAfterClose() {
            OpenClBackend b = OpenClTestSupport.open();
            b.close();
            b.close(); // idempotent
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.allocate(16));
            assertTrue(e.getMessage().endsWith(" is closed; open a new runtime"), e.getMessage());
            assertThrows(IllegalStateException.class, b::synchronize);
            assertThrows(IllegalStateException.class,
                    () -> b.compileSource(org.jdotcompute.api.SourceKernel.of("k", "__kernel void k() {}")));
        }

        @Test
        @DisplayName("through the runtime when asked for by id")
        void throughRuntime() {
            OpenClTestSupport.assumeOpenCl();
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("opencl").build()) {
                assertEquals("opencl", rt.backend().id());
                assertEquals("OpenCL", rt.backend().displayName());
            }
        }
    }
}
