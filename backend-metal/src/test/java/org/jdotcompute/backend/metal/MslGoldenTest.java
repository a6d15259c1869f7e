package org.jdotcompute.backend.metal;

import java.util.stream.Stream;

import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.GoldenFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MSL of the hand-built kernels, locked in {@code src/test/resources/golden-msl/} after review.
 * To regenerate after an intended change, run with {@code -Djdotcompute.golden.update=true}
 * ({@link GoldenFiles}), review the diff, and commit it.
 */
@DisplayName("The MSL emitted for each hand-built kernel")
class MslGoldenTest {
    static Stream<KernelIR> kernels() {
        return IrKernels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @DisplayName("matches its reviewed golden file")
    void matchesGolden(KernelIR kernel) {
        GoldenFiles.assertMatches("golden-msl/" + kernel.kernelName() + ".metal",
                MslTranslator.translate(kernel).source(), "the MSL of " + kernel.kernelName());
    }
}
