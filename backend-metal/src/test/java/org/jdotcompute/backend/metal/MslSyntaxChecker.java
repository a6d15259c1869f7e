package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jdotcompute.spi.codegen.CSource;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles MSL for syntax with the system C++ compiler against the {@code <metal_stdlib>} shim in
 * test resource {@code msl-shim/metal_stdlib} (qualifiers, attributes, vector types, atomics and
 * math functions with Metal's signatures; {@code goto} and {@code double} poisoned). This is not
 * Metal's compiler: it checks C++ syntax and typing, not address spaces. Not thread-safe.
 */
final class MslSyntaxChecker {
    private static final List<String> FLAGS = List.of("-std=c++17", "-fsyntax-only", "-x", "c++", "-Wall", "-Wextra",
            "-Werror", "-Wno-unused-parameter", "-Wno-unused-variable", "-Wno-unused-but-set-variable");

    private final String compiler;
    private final Path work;
    private final Path shim;

    /** The compiler's exit code and output. */
    record Result(int exitCode, String output) {
    }

    private MslSyntaxChecker(String compiler, Path work) throws IOException {
        this.compiler = compiler;
        this.work = work;
        this.shim = work.resolve("msl-shim");
        Files.createDirectories(shim);
        try (InputStream in = MslSyntaxChecker.class.getResourceAsStream("/msl-shim/metal_stdlib")) {
            Files.write(shim.resolve("metal_stdlib"), in.readAllBytes());
        }
    }

    /**
     * A checker working in {@code work}; aborts the calling test (skipped, with the reason) only
     * where no C++ compiler is installed.
     */
    static MslSyntaxChecker inDirectory(Path work) throws IOException {
        Optional<String> found = Stream.of("c++", "g++", "clang++").filter(MslSyntaxChecker::runs).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "no C++ compiler (c++, g++ or clang++) is installed on this machine;"
                + " install g++ to check the generated MSL for syntax");
        return new MslSyntaxChecker(found.get(), work);
    }

    private static boolean runs(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The compiler's verdict on {@code source}, written to {@code name.metal}. */
    Result compile(String name, String source) throws IOException, InterruptedException {
        Path file = work.resolve(name + ".metal");
        Files.writeString(file, source);
        List<String> command = new ArrayList<>();
        command.add(compiler);
        command.addAll(FLAGS);
        command.add("-I" + shim);
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the C++ compiler did not finish within 120 s on " + file);
        return new Result(p.exitValue(), output);
    }

    /** Asserts that {@code source} compiles, showing the diagnostic and the numbered source if not. */
    void assertCompiles(String name, String source) throws IOException, InterruptedException {
        Result r = compile(name, source);
        assertEquals(0, r.exitCode(), () -> compiler + " rejected the MSL of " + name + ":\n" + r.output()
                + "\n--- source ---\n" + CSource.numbered(source));
    }
}
