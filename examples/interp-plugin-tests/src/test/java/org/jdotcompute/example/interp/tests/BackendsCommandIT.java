package org.jdotcompute.example.interp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdotcompute backends --plugins DIR} on the example's plugin directory, as an operator
 * runs it: a fresh JVM on the launcher's module path ({@code cli/target/modules}, which does not
 * hold the example), the plugin directory the build made.
 */
@DisplayName("jdotcompute backends with the interp example's plugin directory")
class BackendsCommandIT {
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    record Result(int exitCode, String out, String err) {
    }

    private static Path modules() {
        String dir = System.getProperty("jdotcompute.modules");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("-Djdotcompute.modules (" + dir + ") is not the launcher's module path;"
                    + " run this test with failsafe after cli is packaged");
        }
        return Path.of(dir);
    }

    /** The list every launcher grants native access (tools/native-access-modules). */
    private static String nativeAccessModules() throws IOException {
        String file = System.getProperty("jdotcompute.nativeAccessModules");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("-Djdotcompute.nativeAccessModules (" + file + ") is not"
                    + " tools/native-access-modules; run this test with failsafe");
        }
        return String.join(",", Files.readAllLines(Path.of(file)).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    private Result jdotcompute(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto",
                // as ./jdotcompute does: the engine (to grant plugins native access) and the in-tree backends' natives
                "--enable-native-access=" + nativeAccessModules()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", modules().toString(), "-m", "org.jdotcompute.cli/org.jdotcompute.cli.Main"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertListsInterp(Result r, Path plugins) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "interp\\s+available\\s+10\\s+devices: IR interpreter \\(JDotCompute examples, CPU\\)")), r.out());
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("PLUGIN")).findFirst().orElseThrow(
                () -> new AssertionError("no plugin table in:\n" + r.out())));
        assertTrue(lines.get(header + 1).matches("interp\\s+LOADED\\s+" + Pattern.quote(VERSION) + "\\s+"
                + Pattern.quote(plugins.resolve("interp").toString())), r.out());
        assertEquals("modules: org.jdotcompute.example.interp@" + VERSION + "; backends: interp (available)",
                lines.get(header + 2).strip());
        assertFalse(r.err().contains("WARNING: A restricted method"), "no native-access warning: " + r.err());
        assertTrue(r.err().contains("JDotCompute loaded plugin 'interp' (" + plugins.resolve("interp") + ")"),
                "the loaded plugin is logged with its location: " + r.err());
    }

    @Test
    @DisplayName("--plugins DIR lists interp as available, and the plugin as loaded from DIR/interp")
    void pluginsOption() throws IOException, InterruptedException {
        Path plugins = InterpPlugin.directory();
        assertFalse(Files.exists(modules().resolve("jdotcompute-example-interp-" + VERSION + ".jar")),
                "the launcher's module path must not hold the example");
        Result r = jdotcompute(List.of(), "backends", "--plugins", plugins.toString());
        assertListsInterp(r, plugins);
    }

    @Test
    @DisplayName("--verbose shows the plugin backend's version and where it came from")
    void verbose() throws IOException, InterruptedException {
        Path plugins = InterpPlugin.directory();
        Result r = jdotcompute(List.of(), "backends", "--plugins", plugins.toString(), "--verbose");
        assertListsInterp(r, plugins);
        List<String> lines = r.out().lines().toList();
        int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("interp ")).findFirst().orElseThrow());
        String details = lines.get(row + 1).strip();
        assertTrue(details.startsWith("version " + VERSION + ", from "), details);
        assertTrue(details.contains(plugins.resolve("interp").toString()), details);
    }

    @Test
    @DisplayName("-Djdotcompute.plugins=DIR lists it too")
    void systemProperty() throws IOException, InterruptedException {
        Path plugins = InterpPlugin.directory();
        Result r = jdotcompute(List.of("-Djdotcompute.plugins=" + plugins), "backends");
        assertListsInterp(r, plugins);
    }
}
