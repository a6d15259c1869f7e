package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.spi.ir.IrPrinter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IR of a handful of kernels, printed by {@link IrPrinter}, reviewed by eye once and locked in
 * {@code src/test/resources/golden}. After an intended change, regenerate with
 * {@code -Djdotcompute.golden.update=true}, review the diff, and commit it.
 */
@DisplayName("The printed IR of the golden kernels matches the reviewed files")
class GoldenIrTest {
    static Stream<Arguments> kernels() {
        return Stream.of(Arguments.of("saxpy", CheckMode.INDEX), Arguments.of("saxpy", CheckMode.NONE),
                Arguments.of("nanBranches", CheckMode.INDEX), Arguments.of("switches", CheckMode.USER),
                Arguments.of("reduce", CheckMode.INDEX), Arguments.of("divide", CheckMode.FULL),
                Arguments.of("messages", CheckMode.INDEX), Arguments.of("lookup", CheckMode.INDEX));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("kernels")
    void matchesGolden(String kernel, CheckMode mode) throws IOException {
        Method m = Arrays.stream(GoldenKernels.class.getMethods()).filter(x -> x.getName().equals(kernel)).findFirst()
                .orElseThrow();
        String actual = IrPrinter.print(KernelTranslator.translate(m, mode));
        String name = kernel + "." + mode.name().toLowerCase(java.util.Locale.ROOT) + ".ir";
        if (Boolean.getBoolean("jdotcompute.golden.update")) {
            Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/test/resources/golden");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), actual);
        }
        try (InputStream in = GoldenIrTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "no golden file golden/" + name + "; run with -Djdotcompute.golden.update=true and review it");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }
}
