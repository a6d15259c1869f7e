package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles generated MSL for syntax with the system C++ compiler against a shim of Metal's
 * {@code <metal_stdlib>} (test resource {@code msl-shim/metal_stdlib}): qualifiers, attributes,
 * vector types, atomics and math functions with Metal's signatures, and {@code goto} and
 * {@code double} poisoned. This is not Metal's compiler: it checks C++ syntax and typing, not
 * address spaces. Skipped, with the reason, only where no C++ compiler is installed.
 */
@DisplayName("Generated MSL compiled for syntax with the system C++ compiler")
class MslSyntaxTest {
    private static final List<String> FLAGS = List.of("-std=c++17", "-fsyntax-only", "-x", "c++", "-Wall", "-Wextra",
            "-Werror", "-Wno-unused-parameter", "-Wno-unused-variable", "-Wno-unused-but-set-variable");

    @TempDir
    static Path work;
    private static String compiler;
    private static Path shim;

    @BeforeAll
    static void findCompiler() throws IOException {
        Optional<String> found = Stream.of("c++", "g++", "clang++").filter(MslSyntaxTest::runs).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "no C++ compiler (c++, g++ or clang++) is installed on this machine;"
                + " install g++ to check the generated MSL for syntax");
        compiler = found.get();
        shim = work.resolve("msl-shim");
        Files.createDirectories(shim);
        try (InputStream in = MslSyntaxTest.class.getResourceAsStream("/msl-shim/metal_stdlib")) {
            Files.write(shim.resolve("metal_stdlib"), in.readAllBytes());
        }
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

    /** The compiler's exit code and output for {@code source}. */
    private record Result(int exitCode, String output) {
    }

    private static Result compile(String name, String source) throws IOException, InterruptedException {
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

    static Stream<KernelIR> kernels() {
        return IrKernels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @DisplayName("the MSL of each hand-built kernel compiles")
    void handBuiltKernelCompiles(KernelIR kernel) throws Exception {
        String source = MslTranslator.translate(kernel).source();
        Result r = compile(kernel.kernelName(), source);
        assertEquals(0, r.exitCode(), () -> compiler + " rejected the MSL of " + kernel.kernelName() + ":\n" + r.output()
                + "\n--- source ---\n" + org.jdotcompute.spi.codegen.CSource.numbered(source));
    }

    @Nested
    @DisplayName("The shim rejects what Metal rejects, so the check can fail")
    class ShimRejects {
        private static final String HEAD = "#include <metal_stdlib>\nusing namespace metal;\n";

        @Test
        @DisplayName("a goto statement")
        void gotoStatement() throws Exception {
            Result r = compile("goto", HEAD + "kernel void k(device int* x [[buffer(0)]], uint3 g [[thread_position_in_grid]])"
                    + " { B0: x[g.x] = 1; goto B0; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("goto"), r.output());
        }

        @Test
        @DisplayName("the double type")
        void doubleType() throws Exception {
            Result r = compile("double", HEAD + "kernel void k(device float* x [[buffer(0)]]) { double d = 1.0; x[0] = (float)d; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("double"), r.output());
        }

        @Test
        @DisplayName("a misspelt kernel attribute")
        void misspeltAttribute() throws Exception {
            Result r = compile("attribute", HEAD + "kernel void k(device int* x [[buffer(0)]],"
                    + " uint3 g [[thread_positon_in_grid]]) { x[g.x] = 1; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("thread_positon_in_grid"), r.output());
        }

        @Test
        @DisplayName("an atomic call with the wrong arguments")
        void wrongAtomicCall() throws Exception {
            Result r = compile("atomic", HEAD + "kernel void k(device int* x [[buffer(0)]]) {"
                    + " atomic_fetch_add_explicit((device atomic_int*)&x[0], 1); }\n");
            assertNotEquals(0, r.exitCode(), r.output());
        }

        @Test
        @DisplayName("but accepts a well-formed kernel, so a rejection means something")
        void acceptsValid() throws Exception {
            Result r = compile("valid", HEAD + "kernel void k(device int* x [[buffer(0)]], uint3 g [[thread_position_in_grid]])"
                    + " { atomic_fetch_add_explicit((device atomic_int*)&x[g.x], 1, memory_order_relaxed);"
                    + " threadgroup_barrier(mem_flags::mem_threadgroup | mem_flags::mem_device); x[0] = as_type<int>(1.0f); }\n");
            assertEquals(0, r.exitCode(), r.output());
        }
    }
}
