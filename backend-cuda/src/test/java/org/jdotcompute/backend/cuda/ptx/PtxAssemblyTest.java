package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    @DisplayName("transcendental functions are StrictMath's code, not PTX's approximations")
    class Transcendentals {
        @Test
        @DisplayName("Math.sin becomes fdlibm's device functions, tables and private arrays, which assemble")
        void sinIsFdlibm() {
            String ptx = PtxEmitter.emit(IrFixtures.usesSin()).ptx();
            assertFalse(ptx.contains(".approx"), "no approximate instruction");
            assertTrue(ptx.contains("call (ret), jdc_f_StrictMath_sin, "), "the kernel calls StrictMath.sin");
            assertTrue(ptx.contains("// java.lang.FdLibm$RemPio2.two_over_pi: a snapshot of its 66 value(s)\n"
                    + ".global .align 8 .b32 jdc_ct"), "the argument reduction's table is module data");
            assertTrue(ptx.contains("\t.local .align 8 .b8 jdc_pa0[80];\n\t.local .align 8 .b8 jdc_pa1[160];"),
                    "kernel_rem_pio2's work arrays: int[20] and double[20]");
            assertTrue(ptx.contains("cvta.local.u64 "), "private arrays are addressed generically");
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(ptx, "sm_80");
            assertTrue(r.ok(), () -> r.log() + "\n" + numbered(ptx));
        }

        @Test
        @DisplayName("the lowered set is exactly Math's transcendental functions")
        void loweredSet() {
            assertEquals(18, PtxEmitter.loweredIntrinsics().size());
            assertFalse(PtxEmitter.loweredIntrinsics().contains(org.jdotcompute.spi.ir.IntrinsicOp.SQRT));
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
