package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The CUDA provider")
class CudaProviderTest {

    @Test
    @DisplayName("runs on the module path")
    void modulePath() {
        assertTrue(getClass().getModule().isNamed(), "tests must run in module org.jdotcompute.backend.cuda");
        assertEquals("org.jdotcompute.backend.cuda", getClass().getModule().getName());
    }

    @Nested
    @DisplayName("describes itself without touching native code")
    class Description {
        @Test
        @DisplayName("id cuda, display name CUDA, priority 300, the current SPI version")
        void identity() {
            CudaBackendProvider p = new CudaBackendProvider();
            assertEquals("cuda", p.id());
            assertEquals("CUDA", p.displayName());
            assertEquals(300, p.priority());
            assertEquals(SpiVersion.CURRENT, p.spiVersion());
        }

        @Test
        @DisplayName("is declared with provides in module-info and in META-INF/services")
        void declaredTwice() throws Exception {
            List<String> provided = CudaBackendProvider.class.getModule().getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(BackendProvider.class.getName()))
                    .flatMap(p -> p.providers().stream()).toList();
            assertEquals(List.of(CudaBackendProvider.class.getName()), provided);
            try (var in = CudaBackendProvider.class.getModule()
                    .getResourceAsStream("META-INF/services/org.jdotcompute.spi.BackendProvider")) {
                assertNotNull(in, "META-INF/services/org.jdotcompute.spi.BackendProvider is missing");
                assertEquals(CudaBackendProvider.class.getName(), new String(in.readAllBytes()).strip());
            }
        }
    }

    @Nested
    @DisplayName("on a machine without the NVIDIA driver")
    class WithoutDriver {
        private void assumeNoDriver() {
            assumeTrue(CudaDriverProbe.driverLibraryMissing().isPresent(),
                    "libcuda.so.1 is installed here, so the no-driver behaviour cannot be observed");
        }

        @Test
        @DisplayName("probe() says unavailable: libcuda.so.1 was not found, with the lookup failure as cause")
        void probe() {
            assumeNoDriver();
            Availability a = new CudaBackendProvider().probe();
            Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, a);
            assertEquals("libcuda.so.1 was not found: install the NVIDIA driver (CUDA needs a GPU and its driver)", u.reason());
            Throwable cause = u.cause().orElseThrow();
            assertInstanceOf(IllegalArgumentException.class, cause);
            assertTrue(cause.getMessage().contains("libcuda.so.1"), cause.getMessage());
        }

        @Test
        @DisplayName("open() throws BackendNotAvailableException carrying the reason")
        void open() {
            assumeNoDriver();
            BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                    () -> new CudaBackendProvider().open(BackendConfig.defaults()));
            assertEquals("[CUDA] Backend not available", e.getMessage());
            BackendException cause = assertInstanceOf(BackendException.class, e.getCause());
            assertEquals("[CUDA] libcuda.so.1 was not found: install the NVIDIA driver (CUDA needs a GPU and its driver)",
                    cause.getMessage());
        }

        @Test
        @DisplayName("ComputeRuntime.builder().backend(\"cuda\").build() fails with the reason, never another backend")
        void explicitSelection() {
            assumeNoDriver();
            BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                    () -> ComputeRuntime.builder().backend("cuda").build());
            assertEquals("[CUDA] Backend not available", e.getMessage());
            assertNotNull(e.getCause());
            assertTrue(e.getCause().getMessage().contains("libcuda.so.1 was not found: install the NVIDIA driver"),
                    e.getCause().getMessage());
        }

        @Test
        @DisplayName("discovery lists cuda as unavailable with the reason")
        void discovery() {
            assumeNoDriver();
            BackendStatus s = ComputeRuntime.builder().discover().stream().filter(b -> b.id().equals("cuda")).findFirst()
                    .orElseThrow();
            assertEquals("CUDA", s.displayName());
            assertEquals(false, s.available());
            assertEquals(300, s.priority());
            assertEquals("libcuda.so.1 was not found: install the NVIDIA driver (CUDA needs a GPU and its driver)", s.reason());
        }
    }
}
