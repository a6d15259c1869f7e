package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the cli module's tests")
class ModulePathGuardTest {
    @Test
    @DisplayName("really run on the module path")
    void named() {
        assertEquals("org.jdotcompute.cli", getClass().getModule().getName());
    }
}
