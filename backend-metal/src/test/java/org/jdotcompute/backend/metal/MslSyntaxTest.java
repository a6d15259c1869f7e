package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiles generated MSL for syntax with the system C++ compiler ({@link MslSyntaxChecker}).
 * Skipped, with the reason, only where no C++ compiler is installed.
 */
@DisplayName("Generated MSL compiled for syntax with the system C++ compiler")
class MslSyntaxTest {
    @TempDir
    static Path work;
    private static MslSyntaxChecker checker;

    @BeforeAll
    static void findCompiler() throws IOException {
        checker = MslSyntaxChecker.inDirectory(work);
    }

    static Stream<KernelIR> kernels() {
        return IrKernels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @DisplayName("the MSL of each hand-built kernel compiles")
    void handBuiltKernelCompiles(KernelIR kernel) throws Exception {
        checker.assertCompiles(kernel.kernelName(), MslTranslator.translate(kernel).source());
    }

    @Nested
    @DisplayName("The shim rejects what Metal rejects, so the check can fail")
    class ShimRejects {
        private static final String HEAD = "#include <metal_stdlib>\nusing namespace metal;\n";

        private MslSyntaxChecker.Result compile(String name, String source) throws Exception {
            return checker.compile(name, source);
        }

        @Test
        @DisplayName("a goto statement")
        void gotoStatement() throws Exception {
            MslSyntaxChecker.Result r = compile("goto", HEAD + "kernel void k(device int* x [[buffer(0)]], uint3 g [[thread_position_in_grid]])"
                    + " { B0: x[g.x] = 1; goto B0; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("goto"), r.output());
        }

        @Test
        @DisplayName("the double type")
        void doubleType() throws Exception {
            MslSyntaxChecker.Result r = compile("double", HEAD + "kernel void k(device float* x [[buffer(0)]]) { double d = 1.0; x[0] = (float)d; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("double"), r.output());
        }

        @Test
        @DisplayName("a misspelt kernel attribute")
        void misspeltAttribute() throws Exception {
            MslSyntaxChecker.Result r = compile("attribute", HEAD + "kernel void k(device int* x [[buffer(0)]],"
                    + " uint3 g [[thread_positon_in_grid]]) { x[g.x] = 1; }\n");
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("thread_positon_in_grid"), r.output());
        }

        @Test
        @DisplayName("an atomic call with the wrong arguments")
        void wrongAtomicCall() throws Exception {
            MslSyntaxChecker.Result r = compile("atomic", HEAD + "kernel void k(device int* x [[buffer(0)]]) {"
                    + " atomic_fetch_add_explicit((device atomic_int*)&x[0], 1); }\n");
            assertNotEquals(0, r.exitCode(), r.output());
        }

        @Test
        @DisplayName("but accepts a well-formed kernel, so a rejection means something")
        void acceptsValid() throws Exception {
            MslSyntaxChecker.Result r = compile("valid", HEAD + "kernel void k(device int* x [[buffer(0)]], uint3 g [[thread_position_in_grid]])"
                    + " { atomic_fetch_add_explicit((device atomic_int*)&x[g.x], 1, memory_order_relaxed);"
                    + " threadgroup_barrier(mem_flags::mem_threadgroup | mem_flags::mem_device); x[0] = as_type<int>(1.0f); }\n");
            assertEquals(0, r.exitCode(), r.output());
        }
    }
}
