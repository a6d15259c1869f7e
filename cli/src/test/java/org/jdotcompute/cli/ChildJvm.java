package org.jdotcompute.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the launcher in a child JVM, on the module path or on the class path. */
final class ChildJvm {
    /** The result of a run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ChildJvm() {
    }

    static Path modules() {
        String dir = System.getProperty("jdotcompute.modules");
        if (dir == null) {
            throw new IllegalStateException("-Djdotcompute.modules is not set: run this test with failsafe after 'package'");
        }
        return Path.of(dir);
    }

    /** The --enable-native-access list every launcher uses (tools/native-access-modules). */
    static String nativeAccessModules() throws IOException {
        String file = System.getProperty("jdotcompute.nativeAccessModules");
        if (file == null) {
            throw new IllegalStateException("-Djdotcompute.nativeAccessModules is not set: run this test with failsafe");
        }
        return String.join(",", Files.readAllLines(Path.of(file)).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    static String java() {
        return ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs this test"));
    }

    static Result onModulePath(String... args) throws IOException, InterruptedException {
        return onModulePath(Path.of("."), args);
    }

    /** Runs the launcher on the module path with {@code cwd} as the working directory. */
    static Result onModulePath(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=" + nativeAccessModules(),
                "-p", modules().toString(),
                "-m", "org.jdotcompute.cli/org.jdotcompute.cli.Main"));
        cmd.addAll(List.of(args));
        return run(cwd, cmd);
    }

    static Result onClassPath(String... args) throws IOException, InterruptedException {
        return onClassPath(List.of(), "org.jdotcompute.cli.Main", args);
    }

    /** Runs {@code mainClass} on the class path: {@code extra} entries, then every platform jar. */
    static Result onClassPath(List<String> extra, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> path = new ArrayList<>(extra);
        path.add(modules() + "/*");
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(java.io.File.pathSeparator, path), mainClass));
        cmd.addAll(List.of(args));
        return run(Path.of("."), cmd);
    }

    /** Runs a JDK tool ({@code javac}, {@code jar}) of the JDK running this test. */
    static Result tool(String name, String... args) throws IOException, InterruptedException {
        Path bin = Path.of(java()).getParent();
        List<String> cmd = new ArrayList<>(List.of(bin.resolve(name).toString()));
        cmd.addAll(List.of(args));
        return run(Path.of("."), cmd);
    }

    /** The platform jar whose file name starts with {@code artifact-}. */
    static Path jar(String artifact) throws IOException {
        try (var files = Files.list(modules())) {
            return files.filter(p -> p.getFileName().toString().startsWith(artifact + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(artifact + " is not in " + modules()));
        }
    }

    private static Result run(Path cwd, List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jdc-out", ".txt");
        Path err = Files.createTempFile("jdc-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the child JVM did not finish within 120 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
