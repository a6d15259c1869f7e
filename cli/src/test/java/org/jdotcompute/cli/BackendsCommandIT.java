package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("jdotcompute backends, run in a child JVM")
class BackendsCommandIT {

    /** id → the rest of the line, from the command's table. */
    private static Map<String, String> table(ChildJvm.Result r) {
        assertEquals(0, r.exitCode(), "exit code; stderr:\n" + r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.getFirst().startsWith("ID"), r.stdout());
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.strip().split("\\s+", 2);
            rows.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return rows;
    }

    @Test
    @DisplayName("finds the same backends on the module path and on the class path")
    void modulePathAndClassPathAgree() throws Exception {
        Map<String, String> modular = table(ChildJvm.onModulePath("backends"));
        Map<String, String> classic = table(ChildJvm.onClassPath("backends"));
        assertEquals(modular.keySet(), classic.keySet(), "backend ids");
        for (String id : modular.keySet()) {
            assertEquals(modular.get(id).startsWith("available"), classic.get(id).startsWith("available"),
                    "availability of " + id + ": module path '" + modular.get(id) + "', class path '" + classic.get(id) + "'");
        }
    }

    @Test
    @DisplayName("states why Metal is unavailable off macOS")
    void metalIsHonest() throws Exception {
        Map<String, String> rows = table(ChildJvm.onModulePath("backends"));
        String metal = rows.get("metal");
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac")) {
            return; // on a Mac the Metal backend's own tests decide
        }
        assertTrue(metal != null && metal.matches("unavailable\\s+250\\s+requires macOS with a Metal device; this is .*"),
                "metal row: " + metal);
    }

    @Test
    @DisplayName("lists every backend that JDOTCOMPUTE_REQUIRE_BACKENDS requires as available")
    void requiredBackendsAreAvailable() throws Exception {
        String required = System.getenv().getOrDefault("JDOTCOMPUTE_REQUIRE_BACKENDS", "");
        Map<String, String> rows = table(ChildJvm.onModulePath("backends"));
        for (String id : Arrays.stream(required.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            String row = rows.get(id);
            if (row == null || !row.startsWith("available")) {
                fail("JDOTCOMPUTE_REQUIRE_BACKENDS requires backend '" + id + "' but it is "
                        + (row == null ? "not discovered at all" : "listed as: " + row));
            }
        }
    }

    @Test
    @DisplayName("answers --help with the usage and exit code 0, and an unknown command with exit code 2")
    void helpAndUnknown() throws Exception {
        ChildJvm.Result help = ChildJvm.onModulePath("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().startsWith("Usage: jdotcompute <command> [options]"), help.stdout());
        ChildJvm.Result bad = ChildJvm.onModulePath("frobnicate");
        assertEquals(2, bad.exitCode());
        assertEquals("jdotcompute: unknown command 'frobnicate'; run 'jdotcompute --help'", bad.stderr().strip());
    }
}
