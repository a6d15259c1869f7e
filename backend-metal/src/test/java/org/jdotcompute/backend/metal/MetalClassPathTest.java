package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.ServiceLoader;

import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Runs in its own Surefire execution on the class path (see the module's pom). */
@DisplayName("On the class path, the Metal provider")
class MetalClassPathTest {
    @Test
    @DisplayName("is found through META-INF/services")
    void found() {
        assertFalse(getClass().getModule().isNamed(), "this test must run on the class path");
        List<BackendProvider> providers = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("metal")).toList();
        assertEquals(1, providers.size());
        assertInstanceOf(MetalBackendProvider.class, providers.getFirst());
    }

    @Test
    @DisabledOnOs(value = OS.MAC, disabledReason = "on a Mac the provider is available")
    @DisplayName("is unavailable off macOS, saying why")
    void unavailable() {
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, new MetalBackendProvider().probe());
        assertEquals("requires macOS with a Metal device; this is " + System.getProperty("os.name"), u.reason());
    }
}
