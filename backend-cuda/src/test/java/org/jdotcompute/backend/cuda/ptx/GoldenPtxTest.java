package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.GoldenFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden PTX: the emitter's output for a few kernels, reviewed once and locked in
 * {@code src/test/resources/golden} ({@link GoldenFiles}: after an intended change, regenerate
 * with {@code -Djdotcompute.golden.update=true}, review the diff, and commit it).
 */
@DisplayName("Golden PTX")
class GoldenPtxTest {
    @ParameterizedTest(name = "the hand-built IR of {0} emits exactly its reviewed PTX")
    @ValueSource(strings = {"Kernels.vectorAdd", "Kernels.saxpy", "Kernels.groupSum"})
    void fixtureMatches(String kernel) {
        KernelIR ir = IrFixtures.all().get(kernel);
        matches(PtxEmitter.emit(ir).ptx(), kernel.substring(kernel.indexOf('.') + 1) + ".ptx");
    }

    @ParameterizedTest(name = "the Java kernel JavaKernels.{0}, translated by the front end, emits exactly its reviewed PTX")
    @ValueSource(strings = {"vectorAdd", "saxpy", "gather", "groupSum", "lookupTable"})
    void javaKernelMatches(String kernel) {
        KernelIR ir = JavaKernelsPtxTest.ir(kernel, CheckMode.INDEX);
        matches(PtxEmitter.emit(ir).ptx(), "frontend/" + kernel + ".ptx");
    }

    private static void matches(String ptx, String file) {
        GoldenFiles.assertMatches("golden/" + file, ptx, "the PTX in golden/" + file);
    }

    @Test
    @DisplayName("the golden SAXPY keeps Java's rounding: mul.rn then add.rn, never fma, never .ftz")
    void saxpyKeepsRounding() {
        String ptx = PtxEmitter.emit(IrFixtures.saxpy()).ptx();
        assertTrue(ptx.contains("mul.rn.f32"), ptx);
        assertTrue(ptx.contains("add.rn.f32"), ptx);
        assertTrue(!ptx.contains("fma") && !ptx.contains(".ftz") && !ptx.contains("trap"), ptx);
        assertTrue(ptx.startsWith("//\n// JDotCompute PTX for kernel Kernels.saxpy (checks INDEX)\n//\n\n.version 7.0\n.target sm_60\n"
                + ".address_size 64\n"), ptx);
    }
}
