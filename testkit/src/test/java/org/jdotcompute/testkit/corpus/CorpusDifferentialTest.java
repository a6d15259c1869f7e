package org.jdotcompute.testkit.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The corpus runs identically as plain Java and as translated IR in the reference interpreter")
class CorpusDifferentialTest {
    static final long[] SEEDS = {1L, 42L, 20_250_607L};

    static Stream<Arguments> kernelsAndSeeds() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (long seed : SEEDS) {
                all.add(Arguments.of(k, seed));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> passingKernelsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            if (k.failure().isEmpty()) {
                for (CheckMode mode : CheckMode.values()) {
                    all.add(Arguments.of(k, mode));
                }
            }
        }
        return all.stream();
    }

    private static Optional<DeviceKernelException> interpret(CorpusKernel k, CheckMode mode, List<Object> args) {
        KernelIR ir = KernelTranslator.translate(k.method(), mode);
        return new IrInterpreter(ir).execute(k.range(), args).failure(k.owner().getClassLoader());
    }

    @Test
    @DisplayName("the corpus guard: it runs on the module path and its names are unique")
    void guard() {
        assertTrue(getClass().getModule().isNamed(), "tests must run on the module path");
        assertEquals(Corpus.all().size(), Corpus.all().stream().map(CorpusKernel::name).distinct().count());
        assertTrue(Corpus.all().size() >= 50, "the corpus has " + Corpus.all().size() + " kernels");
    }

    @Nested
    @DisplayName("on seeded random inputs")
    class Seeded {
        @ParameterizedTest(name = "{0} (seed {1}) gives the same outputs and failure")
        @MethodSource("org.jdotcompute.testkit.corpus.CorpusDifferentialTest#kernelsAndSeeds")
        void interpreterMatchesJava(CorpusKernel k, long seed) {
            List<Object> expected = k.inputs(seed);
            Optional<DeviceKernelException> javaFailure = JvmReference.run(k, expected);
            List<Object> actual = k.inputs(seed);
            Optional<DeviceKernelException> irFailure = interpret(k, k.checks(), actual);

            if (k.failure().isPresent()) {
                assertTrue(javaFailure.isPresent(), k + " must fail in plain Java");
                assertEquals(Optional.empty(), k.failure().get().mismatch(javaFailure.get()),
                        "the corpus record of " + k + " disagrees with plain Java");
                assertTrue(irFailure.isPresent(), k + " must fail in the interpreter");
                assertEquals(Optional.empty(), k.failure().get().mismatch(irFailure.get()),
                        "the interpreter's failure of " + k + " differs from the expectation");
                DeviceKernelException j = javaFailure.get();
                DeviceKernelException i = irFailure.get();
                assertEquals(j.getCause().getClass(), i.getCause().getClass());
                assertEquals(j.getCause().getMessage(), i.getCause().getMessage());
                assertEquals(j.sourceFile() + ":" + j.sourceLine(), i.sourceFile() + ":" + i.sourceLine());
                assertEquals(j.failureCount(), i.failureCount());
                if (j.failureCount() == 1) {
                    assertEquals(Arrays.toString(j.globalId()), Arrays.toString(i.globalId()));
                }
            } else {
                assertEquals(Optional.empty(), javaFailure.map(Throwable::toString), k + " fails in plain Java");
                assertEquals(Optional.empty(), irFailure.map(Throwable::toString), k + " fails in the interpreter");
            }
            assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual), k + " outputs differ");
        }
    }

    @Nested
    @DisplayName("in every check mode")
    class Modes {
        @ParameterizedTest(name = "{0} under {1} gives the outputs of plain Java")
        @MethodSource("org.jdotcompute.testkit.corpus.CorpusDifferentialTest#passingKernelsAndModes")
        void checksDoNotChangeResults(CorpusKernel k, CheckMode mode) {
            List<Object> expected = k.inputs(7);
            JvmReference.run(k, expected);
            List<Object> actual = k.inputs(7);
            assertEquals(Optional.empty(), interpret(k, mode, actual).map(Throwable::toString));
            assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual));
        }
    }
}
