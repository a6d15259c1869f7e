package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The CPU backend provider")
class CpuBackendProviderTest {

    @Test
    @DisplayName("runs on the module path, in module org.jdotcompute.backend.cpu")
    void runsOnTheModulePath() {
        Module module = getClass().getModule();
        assertTrue(module.isNamed(), "the tests must run on the module path");
        assertEquals("org.jdotcompute.backend.cpu", module.getName());
        assertFalse(module.getDescriptor().exports().stream().anyMatch(e -> !e.isQualified()),
                "a backend exports nothing");
    }

    @Nested
    @DisplayName("describes itself")
    class Describes {
        private final CpuBackendProvider provider = new CpuBackendProvider();

        @Test
        @DisplayName("with id cpu, display name CPU, priority 100 and the current SPI version")
        void identity() {
            assertEquals("cpu", provider.id());
            assertEquals("CPU", provider.displayName());
            assertEquals(100, provider.priority());
            assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        }

        @Test
        @DisplayName("as available with one CPU device that has this machine's processors")
        void probe() {
            Availability.Available available = assertInstanceOf(Availability.Available.class, provider.probe());
            assertEquals(1, available.devices().size());
            DeviceInfo device = available.devices().getFirst();
            assertEquals(DeviceInfo.DeviceType.CPU, device.type());
            assertEquals(Runtime.getRuntime().availableProcessors(), device.computeUnits());
            assertTrue(device.globalMemoryBytes() > 0, device.toString());
            assertFalse(device.name().isBlank());
            assertTrue(device.driverVersion().startsWith("Java "), device.driverVersion());
        }

        @Test
        @DisplayName("with the CPU model from /proc/cpuinfo where the machine has one")
        void cpuModel() throws IOException {
            java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
            DeviceInfo device = ((Availability.Available) provider.probe()).devices().getFirst();
            if (java.nio.file.Files.isReadable(cpuinfo)) {
                String model = java.nio.file.Files.readAllLines(cpuinfo).stream()
                        .filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch") + " CPU");
                assertEquals(model, device.name());
            } else {
                assertEquals(System.getProperty("os.arch") + " CPU", device.name());
            }
        }

        @Test
        @DisplayName("with every feature but source kernels, and the limits it enforces")
        void capabilities() {
            try (var backend = provider.open(new BackendConfig(org.jdotcompute.api.CheckMode.INDEX, 12345))) {
                Capabilities c = backend.capabilities();
                assertEquals(EnumSet.complementOf(EnumSet.of(Feature.SOURCE_KERNELS)), EnumSet.copyOf(c.features()));
                assertEquals(1 << 20, c.localMemoryBytes());
                assertEquals(1024, c.maxWorkGroupSize());
                assertEquals(12345, c.maxAllocationBytes());
                assertEquals(12345, backend.memoryStats().limitBytes());
            }
        }
    }

    @Nested
    @DisplayName("is discovered")
    class Discovered {
        @Test
        @DisplayName("on the module path, where module-info provides it")
        void provides() {
            assertTrue(CpuBackendProvider.class.getModule().getDescriptor().provides().stream()
                    .anyMatch(p -> p.service().equals(BackendProvider.class.getName())
                            && p.providers().equals(java.util.List.of(CpuBackendProvider.class.getName()))));
        }

        @Test
        @DisplayName("through META-INF/services on the class path too")
        void servicesFile() throws IOException {
            try (InputStream in = CpuBackendProvider.class.getModule()
                    .getResourceAsStream("META-INF/services/org.jdotcompute.spi.BackendProvider")) {
                assertEquals(CpuBackendProvider.class.getName(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }

        @Test
        @DisplayName("and selected when asked for by id")
        void selected() {
            try (ComputeRuntime runtime = ComputeRuntime.builder().backend("cpu").build()) {
                assertEquals("cpu", runtime.backend().id());
                assertEquals("CPU", runtime.backend().displayName());
                BackendStatus status = runtime.discoveredBackends().stream().filter(s -> s.id().equals("cpu"))
                        .findFirst().orElseThrow();
                assertTrue(status.available());
                assertEquals("", status.reason());
            }
        }
    }
}
