package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.corpus.Comparison;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.jdotcompute.testkit.corpus.ExpectedFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential corpus ({@code org.jdotcompute.testkit.corpus}) through the whole stack: every
 * corpus kernel compiled from its Java bytecode by the front end, launched through
 * {@link ComputeRuntime} on the CPU backend (the reference) and on OpenCL with the same seeded
 * inputs. Outputs must be bit-identical (within the corpus' ULP bound for kernels calling
 * transcendental functions); failures must have the same exception class, message, source
 * location and stack frame.
 *
 * <p>The one rule where the backends may legitimately differ: the CPU backend stops scheduling
 * work-items above the lowest failing one, so when several work-items fail it may count fewer of
 * them (at least one, at most the corpus' count) and reports the lowest; OpenCL runs every
 * work-item, counts all of them and reports the first writer of the record. Where the corpus
 * names the failing work-item (one failure), both must report exactly it and the same count.
 */
@DisplayName("The kernel corpus on OpenCL")
class CorpusOnOpenClTest {
    /** The seeds every kernel runs with; a failure message names the seed. */
    static final long[] SEEDS = {1L, 42L, 20_250_607L};

    private static final Map<String, ComputeRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final Map<String, CompiledKernel> KERNELS = new ConcurrentHashMap<>();

    @BeforeAll
    static void requireOpenCl() {
        OpenClTestSupport.assumeOpenCl();
    }

    @AfterAll
    static void closeRuntimes() {
        KERNELS.clear();
        RUNTIMES.values().forEach(ComputeRuntime::close);
        RUNTIMES.clear();
    }

    static Stream<Arguments> kernelsAndSeeds() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (long seed : SEEDS) {
                all.add(Arguments.of(k, seed));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> passingKernelsInOtherModes() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            if (k.failure().isEmpty()) {
                for (CheckMode mode : CheckMode.values()) {
                    if (mode != k.checks()) {
                        all.add(Arguments.of(k, mode));
                    }
                }
            }
        }
        return all.stream();
    }

    static Stream<CorpusKernel> failingKernelsNotInFullMode() {
        return Corpus.failing().stream().filter(k -> k.checks() != CheckMode.FULL);
    }

    private static ComputeRuntime runtime(String backend, CheckMode mode) {
        return RUNTIMES.computeIfAbsent(backend + "/" + mode,
                key -> ComputeRuntime.builder().backend(backend).checks(mode).build());
    }

    private static CompiledKernel kernel(String backend, CheckMode mode, CorpusKernel k) {
        return KERNELS.computeIfAbsent(backend + "/" + mode + "/" + k.owner().getName() + "." + k.methodName(),
                key -> runtime(backend, mode).compile(k.owner(), k.methodName()));
    }

    /** Launches {@code k} on {@code backend}; returns its failure, if any. */
    private static Optional<DeviceKernelException> run(String backend, CheckMode mode, CorpusKernel k,
            List<Object> arguments) {
        CompiledKernel compiled = kernel(backend, mode, k);
        try {
            runtime(backend, mode).launch(compiled, k.range(), arguments.toArray());
            return Optional.empty();
        } catch (DeviceKernelException e) {
            return Optional.of(e);
        }
    }

    @Test
    @DisplayName("runs on the module path with both backends present and the whole corpus")
    void guard() {
        assertTrue(getClass().getModule().isNamed(), "tests must run on the module path");
        assertEquals("opencl", runtime("opencl", CheckMode.INDEX).backend().id());
        assertEquals("cpu", runtime("cpu", CheckMode.INDEX).backend().id());
        assertTrue(Corpus.all().size() >= 50, "the corpus has " + Corpus.all().size() + " kernels");
    }

    @Nested
    @DisplayName("on seeded random inputs, with each kernel's check mode")
    class Seeded {
        @ParameterizedTest(name = "{0} (seed {1}) gives the CPU backend's outputs and failure")
        @MethodSource("org.jdotcompute.backend.opencl.CorpusOnOpenClTest#kernelsAndSeeds")
        void sameAsCpu(CorpusKernel k, long seed) {
            String what = k + " with seed " + seed + " (checks " + k.checks() + ")";
            List<Object> expected = k.inputs(seed);
            Optional<DeviceKernelException> cpu = run("cpu", k.checks(), k, expected);
            List<Object> actual = k.inputs(seed);
            Optional<DeviceKernelException> cl = run("opencl", k.checks(), k, actual);

            if (k.failure().isEmpty()) {
                assertEquals(Optional.empty(), cpu.map(Throwable::toString), what + " fails on the CPU backend");
                assertEquals(Optional.empty(), cl.map(Throwable::toString), what + " fails on OpenCL");
                assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual),
                        what + ": OpenCL's outputs differ from the CPU backend's");
                assertTrue(Comparison.mismatch(k, k.inputs(seed), actual).isPresent(),
                        what + ": the outputs are the untouched inputs; the kernel did not run");
                return;
            }
            ExpectedFailure failure = k.failure().get();
            DeviceKernelException c = cpu.orElseThrow(() -> new AssertionError(what + " must fail on the CPU backend"));
            DeviceKernelException o = cl.orElseThrow(() -> new AssertionError(what + " must fail on OpenCL, but it"
                    + " ran; the CPU backend reported " + c));
            assertSameFailure(what, failure, c, o);
        }
    }

    @Nested
    @DisplayName("in the other check modes")
    class Modes {
        @ParameterizedTest(name = "{0} under {1} gives the CPU backend's outputs")
        @MethodSource("org.jdotcompute.backend.opencl.CorpusOnOpenClTest#passingKernelsInOtherModes")
        void checksDoNotChangeResults(CorpusKernel k, CheckMode mode) {
            long seed = 7;
            String what = k + " with seed " + seed + " (checks " + mode + ")";
            List<Object> expected = k.inputs(seed);
            assertEquals(Optional.empty(), run("cpu", mode, k, expected).map(Throwable::toString), what + " on the CPU");
            List<Object> actual = k.inputs(seed);
            assertEquals(Optional.empty(), run("opencl", mode, k, actual).map(Throwable::toString), what + " on OpenCL");
            assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual),
                    what + ": OpenCL's outputs differ from the CPU backend's");
        }
    }

    @Nested
    @DisplayName("with every check enabled")
    class Full {
        @ParameterizedTest(name = "{0} under FULL fails as under its own mode")
        @MethodSource("org.jdotcompute.backend.opencl.CorpusOnOpenClTest#failingKernelsNotInFullMode")
        void moreChecksSameFailure(CorpusKernel k) {
            long seed = 11;
            String what = k + " with seed " + seed + " (checks FULL)";
            DeviceKernelException c = run("cpu", CheckMode.FULL, k, k.inputs(seed))
                    .orElseThrow(() -> new AssertionError(what + " must fail on the CPU backend"));
            DeviceKernelException o = run("opencl", CheckMode.FULL, k, k.inputs(seed))
                    .orElseThrow(() -> new AssertionError(what + " must fail on OpenCL; the CPU reported " + c));
            assertSameFailure(what, k.failure().get(), c, o);
        }
    }

    /**
     * OpenCL's failure {@code o} against the CPU backend's {@code c} and the corpus' record: same
     * cause class and message, same source location, same stack frame (OpenCL's one synthetic
     * frame is the CPU exception's first frame in user code), same kernel; OpenCL's count and
     * work-item are exactly the corpus' (it runs every work-item); the CPU's count is between one
     * and the corpus' count, and its work-item is the corpus' where the corpus names one.
     */
    static void assertSameFailure(String what, ExpectedFailure failure, DeviceKernelException c,
            DeviceKernelException o) {
        assertEquals(Optional.empty(), failure.mismatch(o), what + ": OpenCL's failure differs from the corpus' record;"
                + " OpenCL reported " + o);
        assertEquals(c.getCause().getClass(), o.getCause().getClass(), what + ": cause class");
        assertEquals(c.getCause().getMessage(), o.getCause().getMessage(), what + ": cause message");
        assertEquals(c.sourceFile() + ":" + c.sourceLine(), o.sourceFile() + ":" + o.sourceLine(), what + ": location");
        assertEquals(c.kernelName(), o.kernelName(), what + ": kernel name");
        assertEquals("OpenCL", o.backend());
        StackTraceElement[] frames = o.getCause().getStackTrace();
        assertEquals(1, frames.length, what + ": OpenCL's cause has one synthetic frame");
        StackTraceElement userFrame = Arrays.stream(c.getCause().getStackTrace())
                .filter(f -> c.sourceFile().equals(f.getFileName()) && f.getLineNumber() == c.sourceLine())
                .findFirst().orElseThrow(() -> new AssertionError(what + ": the CPU's cause has no frame at "
                        + c.sourceFile() + ":" + c.sourceLine()));
        assertEquals(userFrame.getClassName() + "." + userFrame.getMethodName(),
                frames[0].getClassName() + "." + frames[0].getMethodName(), what + ": the frame's method");
        assertEquals(userFrame.getFileName() + ":" + userFrame.getLineNumber(),
                frames[0].getFileName() + ":" + frames[0].getLineNumber(), what + ": the frame's location");

        assertTrue(c.failureCount() >= 1 && c.failureCount() <= failure.failureCount(), what + ": the CPU counted "
                + c.failureCount() + " failing work-items, the corpus " + failure.failureCount());
        if (!failure.globalId().isEmpty()) {
            assertEquals(failure.failureCount(), c.failureCount(), what + ": the CPU's failure count");
            assertEquals(Arrays.toString(c.globalId()), Arrays.toString(o.globalId()), what + ": global id");
            assertEquals(c.reason(), o.reason(), what + ": the whole reason");
        }
    }
}
