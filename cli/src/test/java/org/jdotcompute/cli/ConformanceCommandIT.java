package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("jdotcompute conformance, run in a child JVM")
class ConformanceCommandIT {

    @Test
    @DisplayName("runs the kit on the CPU backend: a table per rule group, the report files, and exit code 1 exactly when a rule failed")
    void cpu(@TempDir Path reports) throws Exception {
        ChildJvm.Result r = ChildJvm.onModulePath("conformance", "--backend", "cpu", "--seed", "11", "--reports",
                reports.toString());
        String out = r.stdout();
        for (String group : List.of("DSC", "CAP", "LIF", "MEM", "KRN", "NUM", "DEX", "RNG", "EXC", "CON")) {
            assertTrue(out.lines().anyMatch(l -> l.matches("cpu\\s+" + group + "\\s+.*\\s+\\d+\\s+\\d+\\s+\\d+")),
                    () -> "no row for group " + group + ":\n" + out + "\nstderr:\n" + r.stderr());
        }
        Matcher m = Pattern.compile("(?m)^cpu on .*: (\\d+) passed, (\\d+) failed, (\\d+) skipped").matcher(out);
        assertTrue(m.find(), () -> "the summary line:\n" + out);
        int failed = Integer.parseInt(m.group(2));
        assertTrue(Integer.parseInt(m.group(1)) >= 100, () -> "passed rules:\n" + out);
        assertEquals(failed > 0 ? 1 : 0, r.exitCode(), () -> "exit code with " + failed + " failed rules:\n" + out);
        assertTrue(out.contains("seed 11"), out);
        String json = Files.readString(reports.resolve("cpu.json"));
        assertTrue(json.contains("\"backend\": \"cpu\"") && json.contains("\"seed\": 11"), json);
        assertTrue(Files.readString(reports.resolve("cpu.md")).startsWith("# Conformance report: cpu (CPU)"));
    }

    @Test
    @DisplayName("fails for an explicitly requested backend that is unavailable, with the probe's reason")
    void unavailableRequested(@TempDir Path reports) throws IOException, InterruptedException {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac"),
                "on macOS Metal may be available");
        ChildJvm.Result r = ChildJvm.onModulePath("conformance", "--backend", "metal", "--reports", reports.toString());
        assertEquals(1, r.exitCode(), () -> r.stdout() + r.stderr());
        assertTrue(r.stdout().matches("(?s).*\\nmetal: 0 passed, \\d+ failed, 0 skipped — .*") && r.stdout().contains(
                "FAILED: backend 'metal' is required (jdotcompute.conformance.require=true) but unavailable on this"
                        + " machine: requires macOS with a Metal device"), r.stdout());
    }

    @Test
    @DisplayName("answers an unknown option with exit code 2")
    void unknownOption() throws Exception {
        ChildJvm.Result r = ChildJvm.onModulePath("conformance", "--frobnicate");
        assertEquals(2, r.exitCode());
        assertEquals("jdotcompute: unknown option '--frobnicate' for 'conformance'; run 'jdotcompute --help'",
                r.stderr().strip());
    }
}
