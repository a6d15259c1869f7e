package org.jdotcompute.backend.opencl;

import java.util.stream.Stream;

import org.jdotcompute.backend.opencl.HandBuiltKernels.Fixture;
import org.jdotcompute.testkit.GoldenFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenCL C generated for the hand-built kernels, locked as golden files in
 * {@code src/test/resources/golden} after being reviewed by eye ({@link GoldenFiles}: regenerate
 * with {@code -Djdotcompute.golden.update=true} and review the diff).
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
    void matchesGolden(Fixture fixture) {
        String source = new OpenClEmitter(OPTIONS).emit(fixture.ir()).source();
        GoldenFiles.assertMatches("golden/" + fixture.name() + ".cl", source,
                "the OpenCL C for " + fixture.name());
    }
}
