package org.jdotcompute.api.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The api tests run on the module path")
class ModulePathTest {
    @Test
    @DisplayName("the test classes are in the named module org.jdotcompute.api")
    void testsRunInTheNamedModule() {
        Module module = getClass().getModule();
        assertTrue(module.isNamed(), "tests must run on the module path, not the class path");
        assertEquals("org.jdotcompute.api", module.getName());
        assertEquals(module, ComputeException.class.getModule());
    }

    @Test
    @DisplayName("the internal package is exported to the spi module only")
    void internalIsAQualifiedExport() {
        Module module = getClass().getModule();
        assertTrue(module.getPackages().contains("org.jdotcompute.api.internal"));
        assertTrue(module.getDescriptor().exports().stream()
                .anyMatch(e -> e.source().equals("org.jdotcompute.api.internal")
                        && e.targets().equals(java.util.Set.of("org.jdotcompute.spi"))));
        assertTrue(module.getDescriptor().exports().stream()
                .anyMatch(e -> e.source().equals("org.jdotcompute.api.exceptions") && !e.isQualified()));
    }
}
