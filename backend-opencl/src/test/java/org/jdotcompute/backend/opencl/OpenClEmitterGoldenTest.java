package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jdotcompute.backend.opencl.HandBuiltKernels.Fixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL C generated for the hand-built kernels, locked as golden files in
 * {@code src/test/resources/golden} after being reviewed by eye. To regenerate them after an
 * intended change, run with {@code -Djdotcompute.golden.update=true} and review the diff.
 */
@DisplayName("The OpenCL C emitter")
class OpenClEmitterGoldenTest {
    /** The options the golden files are made with: a device with exact float division and 64-bit min/max atomics. */
    static final OpenClEmitter.Options OPTIONS = new OpenClEmitter.Options(OpenClEmitter.FloatDivision.NATIVE, true);

    static Stream<Fixture> fixtures() {
        return HandBuiltKernels.all().stream();
    }

    @ParameterizedTest(name = "emits the reviewed OpenCL C for {0}")
    @MethodSource("fixtures")
    @DisplayName("emits exactly the reviewed source")
    void matchesGolden(Fixture fixture) throws IOException {
        String source = new OpenClEmitter(OPTIONS).emit(fixture.ir()).source();
        String file = fixture.name() + ".cl";
        if (Boolean.getBoolean("jdotcompute.golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", file), source, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "golden file golden/" + file + " is missing; run with -Djdotcompute.golden.update=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), source,
                    "the OpenCL C for " + fixture.name() + " changed; if intended, regenerate with -Djdotcompute.golden.update=true"
                            + " and review the diff");
        }
    }
}
