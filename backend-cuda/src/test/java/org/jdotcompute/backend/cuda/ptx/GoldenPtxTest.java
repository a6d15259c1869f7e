package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden PTX: the emitter's output for a few kernels, reviewed once and locked in
 * {@code src/test/resources/golden}. After an intended change, regenerate with
 * {@code -Djdotcompute.golden.update=true}, review the diff, and commit it.
 */
@DisplayName("Golden PTX")
class GoldenPtxTest {
    private static final boolean UPDATE = Boolean.getBoolean("jdotcompute.golden.update");

    @ParameterizedTest(name = "the hand-built IR of {0} emits exactly its reviewed PTX")
    @ValueSource(strings = {"Kernels.vectorAdd", "Kernels.saxpy", "Kernels.groupSum"})
    void fixtureMatches(String kernel) throws IOException {
        KernelIR ir = IrFixtures.all().get(kernel);
        matches(PtxEmitter.emit(ir).ptx(), kernel.substring(kernel.indexOf('.') + 1) + ".ptx");
    }

    @ParameterizedTest(name = "the Java kernel JavaKernels.{0}, translated by the front end, emits exactly its reviewed PTX")
    @ValueSource(strings = {"vectorAdd", "saxpy", "gather", "groupSum", "lookupTable"})
    void javaKernelMatches(String kernel) throws IOException {
        KernelIR ir = JavaKernelsPtxTest.ir(kernel, CheckMode.INDEX);
        matches(PtxEmitter.emit(ir).ptx(), "frontend/" + kernel + ".ptx");
    }

    private static void matches(String ptx, String file) throws IOException {
        if (UPDATE) {
            Path path = Path.of("src/test/resources/golden").resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, ptx, StandardCharsets.US_ASCII);
        }
        try (InputStream in = GoldenPtxTest.class.getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "golden/" + file + " is missing; run with -Djdotcompute.golden.update=true and review it");
            String golden = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!UPDATE) {
                assertEquals(golden, ptx);
            }
        }
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
