package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Metal backend's tests")
class ModulePathTest {
    @Test
    @DisplayName("run on the module path, inside module org.jdotcompute.backend.metal")
    void onModulePath() {
        Module m = getClass().getModule();
        assertTrue(m.isNamed(), "tests run on the class path; Surefire should patch them into the module");
        assertEquals("org.jdotcompute.backend.metal", m.getName());
    }
}
