package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MSL of the hand-built kernels, locked in {@code src/test/resources/golden-msl/} after review.
 * To regenerate after an intended change, run with {@code -Djdotcompute.updateGolden=true}, review
 * the diff, and commit it.
 */
@DisplayName("The MSL emitted for each hand-built kernel")
class MslGoldenTest {
    private static final String UPDATE = "jdotcompute.updateGolden";

    static Stream<KernelIR> kernels() {
        return IrKernels.supported().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @DisplayName("matches its reviewed golden file")
    void matchesGolden(KernelIR kernel) throws IOException {
        String actual = MslTranslator.translate(kernel).source();
        String file = kernel.kernelName() + ".metal";
        if (Boolean.getBoolean(UPDATE)) {
            Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden-msl");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), actual);
        }
        String expected;
        try (InputStream in = MslGoldenTest.class.getResourceAsStream("/golden-msl/" + file)) {
            assertNotNull(in, "no golden file golden-msl/" + file + "; run with -D" + UPDATE + "=true and review it");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "the MSL of " + kernel.kernelName() + " changed; if intended, run with -D" + UPDATE
                + "=true and review the diff");
    }
}
