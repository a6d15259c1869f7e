package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Generated PTX assembles for sm_80 and sm_90 without a GPU")
class PtxAssemblyTest {

    static Stream<Arguments> kernelsAndTargets() {
        Map<String, KernelIR> all = IrFixtures.all();
        return all.values().stream().flatMap(ir -> Stream.of("sm_80", "sm_90").map(gpu -> Arguments.of(ir.kernelName(), gpu)));
    }

    private static String ptxOf(String kernel) {
        return PtxEmitter.emit(IrFixtures.all().get(kernel)).ptx();
    }

    @Nested
    @DisplayName("with JCuda's statically linked nvPTXCompiler (CUDA 12.6), loaded by the backend's own native loader")
    class NvPtxCompiler {
        @ParameterizedTest(name = "{0} assembles for {1}")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.PtxAssemblyTest#kernelsAndTargets")
        void assembles(String kernel, String gpu) {
            String ptx = ptxOf(kernel);
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(ptx, gpu);
            assertTrue(r.ok(), () -> kernel + " did not assemble for " + gpu + ":\n" + r.log() + "\n" + numbered(ptx));
        }

        @Test
        @DisplayName("a broken PTX module is rejected with a log (the assembler really checks)")
        void rejectsBrokenPtx() {
            String broken = ptxOf("Kernels.saxpy").replace("add.rn.f32", "add.rn.f33");
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(broken, "sm_80");
            assertFalse(r.ok());
            assertTrue(r.log().contains("f33") || r.log().toLowerCase().contains("error"), r.log());
        }
    }

    @Nested
    @DisplayName("with the CUDA toolkit's ptxas, where installed")
    class Ptxas {
        @ParameterizedTest(name = "{0} assembles for {1}")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.PtxAssemblyTest#kernelsAndTargets")
        void assembles(String kernel, String gpu) throws Exception {
            Path ptxas = PtxAssembler.ptxas().orElse(null);
            assumeTrue(ptxas != null, "no CUDA toolkit ptxas at /usr/local/cuda/bin/ptxas (nvPTXCompiler covers this)");
            String ptx = ptxOf(kernel);
            PtxAssembler.Result r = PtxAssembler.ptxas(ptxas, ptx, gpu);
            assertTrue(r.ok(), () -> kernel + " did not assemble with ptxas for " + gpu + ":\n" + r.log() + "\n" + numbered(ptx));
        }
    }

    @Nested
    @DisplayName("kernels the emitter cannot translate exactly are rejected by name")
    class Rejections {
        @Test
        @DisplayName("Math.sin is rejected with a KernelCompilationException naming it, not approximated")
        void sinIsRejected() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> PtxEmitter.emit(IrFixtures.usesSin()));
            assertEquals("Kernels.waves", e.kernelId());
            assertEquals("CUDA", e.backend());
            assertTrue(e.reason().startsWith("Math.sin(double) is not supported by the CUDA backend yet"), e.reason());
            assertTrue(e.getMessage().startsWith("[Kernels.waves] Compilation failed: Math.sin(double)"), e.getMessage());
        }

        @Test
        @DisplayName("the unsupported set is exactly Math's transcendental functions")
        void unsupportedSet() {
            assertEquals(18, PtxEmitter.unsupportedIntrinsics().size());
            assertFalse(PtxEmitter.unsupportedIntrinsics().contains(org.jdotcompute.spi.ir.IntrinsicOp.SQRT));
        }
    }

    static String numbered(String ptx) {
        List<String> lines = ptx.lines().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(String.format("%4d  %s%n", i + 1, lines.get(i)));
        }
        return sb.toString();
    }
}
