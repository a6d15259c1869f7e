package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code jdotcompute backends --plugins DIR} as operators do: a JVM on the module path of
 * {@code target/modules}, with a plugin built here (javac against the platform's jars, then
 * {@code java.util.jar}).
 */
@DisplayName("jdotcompute backends --plugins DIR")
class BackendsPluginsIT {
    private static final Path MODULES = Path.of(System.getProperty("jdotcompute.modules", "target/modules"));
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");
    /** The modules the jdotcompute launcher grants native access to (the backends load natives when probed). */
    private static final String NATIVE_MODULES = "org.jdotcompute.spi,org.jdotcompute.backend.opencl,org.lwjgl,"
            + "org.lwjgl.opencl,org.jdotcompute.backend.cuda,jcuda,org.jdotcompute.backend.metal";

    @TempDir
    Path tmp;
    Path plugins;

    record Result(int exitCode, String out, String err) {
    }

    private static Path platformJar(String artifact) throws IOException {
        try (Stream<Path> files = Files.list(MODULES)) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifact + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(artifact + " is not in " + MODULES
                            + "; run the integration tests after 'package'"));
        }
    }

    private Result run(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA_BIN.resolve("java").toString(), "-Xshare:auto",
                "--enable-native-access=" + NATIVE_MODULES, "-p", MODULES.toString(), "-m",
                "org.jdotcompute.cli/org.jdotcompute.cli.Main"));
        command.addAll(List.of(args));
        return exec(cwd, command);
    }

    private Result exec(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @BeforeEach
    void buildPlugins() throws IOException, InterruptedException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path src = tmp.resolve("src");
        Path classes = tmp.resolve("classes");
        Path moduleInfo = src.resolve("module-info.java");
        Path provider = src.resolve("com/example/good/GoodProvider.java");
        Files.createDirectories(provider.getParent());
        Files.writeString(moduleInfo, """
                module com.example.good {
                    requires org.jdotcompute.spi;

                    provides org.jdotcompute.spi.BackendProvider with com.example.good.GoodProvider;
                }
                """);
        Files.writeString(provider, """
                package com.example.good;

                import java.util.List;
                import java.util.Map;

                import org.jdotcompute.api.DeviceInfo;
                import org.jdotcompute.api.exceptions.BackendNotAvailableException;
                import org.jdotcompute.spi.Availability;
                import org.jdotcompute.spi.Backend;
                import org.jdotcompute.spi.BackendConfig;
                import org.jdotcompute.spi.BackendProvider;
                import org.jdotcompute.spi.SpiVersion;

                public final class GoodProvider implements BackendProvider {
                    public String id() { return "good"; }
                    public String displayName() { return "Good"; }
                    public int priority() { return 10; }
                    public int spiVersion() { return SpiVersion.CURRENT; }
                    public Availability probe() {
                        return Availability.available(List.of(new DeviceInfo("Good device", "Example",
                                DeviceInfo.DeviceType.CPU, 1024, 1, "1", Map.of())));
                    }
                    public Backend open(BackendConfig config) {
                        throw new BackendNotAvailableException("Good", new UnsupportedOperationException("listing only"));
                    }
                }
                """);
        Result javac = exec(tmp, List.of(JAVA_BIN.resolve("javac").toString(), "-d", classes.toString(),
                "--module-version", "1.0", "--module-path",
                platformJar("jdotcompute-api") + java.io.File.pathSeparator + platformJar("jdotcompute-spi"),
                moduleInfo.toString(), provider.toString()));
        assertEquals(0, javac.exitCode(), javac.out() + javac.err());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(plugins.resolve("good.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest); Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, jar);
                jar.closeEntry();
            }
        }
        Files.createDirectories(plugins.resolve("empty"));
    }

    @Test
    @DisplayName("lists a good plugin's backend as available, a failed plugin with its reason, and both plugins")
    void listsPlugins() throws IOException, InterruptedException {
        Result r = run(tmp, "backends", "--plugins", plugins.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("good\\s+available\\s+10\\s+devices: Good device \\(Example, CPU\\)")),
                r.out());
        String emptyReason = "plugin 'empty' (" + plugins.resolve("empty") + ") contains no modules: put the"
                + " plugin's jar files in it";
        assertTrue(lines.stream().anyMatch(l -> l.matches("plugin:empty\\s+unavailable\\s+-\\s+.*")
                && l.endsWith(emptyReason)), r.out());
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("PLUGIN")).findFirst().orElseThrow());
        assertTrue(lines.get(header + 1).matches("empty\\s+FAILED\\s+-\\s+" + java.util.regex.Pattern.quote(
                plugins.resolve("empty").toString())), r.out());
        assertEquals(emptyReason, lines.get(header + 2).strip());
        assertTrue(lines.get(header + 3).matches("good\\s+LOADED\\s+1\\.0\\s+" + java.util.regex.Pattern.quote(
                plugins.resolve("good.jar").toString())), r.out());
        assertEquals("modules: com.example.good@1.0; backends: good (available)", lines.get(header + 4).strip());
        assertFalse(r.err().contains("WARNING: A restricted method"), r.err());
    }

    @Test
    @DisplayName("scans nothing but the directories it is given: not the working directory")
    void onlyExplicitDirectories() throws IOException, InterruptedException {
        Result r = run(plugins, "backends");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertFalse(r.out().contains("good"), r.out());
        assertFalse(r.out().contains("PLUGIN"), r.out());
    }

    @Test
    @DisplayName("rejects a plugin directory that does not exist, naming it")
    void missingDirectory() throws IOException, InterruptedException {
        Path nowhere = tmp.resolve("nowhere");
        Result r = run(tmp, "backends", "--plugins", nowhere.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals("jdotcompute: plugin directory " + nowhere + " does not exist; give an existing directory whose"
                + " sub-directories (or jar files) are the plugins", r.err().strip());
    }
}
