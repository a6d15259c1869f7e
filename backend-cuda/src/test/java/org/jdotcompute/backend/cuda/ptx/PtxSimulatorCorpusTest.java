package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.backend.cuda.LaunchGeometryAccess;
import org.jdotcompute.backend.cuda.kernels.Differential;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emitted PTX of every corpus kernel, executed by {@link PtxSimulator} (PTX semantics, no
 * GPU), gives bit for bit the outputs and exactly the failure of the reference
 * {@link IrInterpreter} on the same seeded inputs: every array argument is compared (not only
 * the declared outputs), and the failure's exception class, message, source line, failure count
 * and, where one work-item fails, its global id.
 */
@DisplayName("The corpus's PTX, simulated, behaves exactly like the IR interpreter")
class PtxSimulatorCorpusTest {
    static final long[] SEEDS = {1L, 42L, 20_250_607L};

    /** How the grid is cut into blocks. */
    enum Geometry {
        /** What {@code CudaBackend} launches with (LaunchGeometry on an H100-sized device). */
        BACKEND,
        /** For ranges without a local size: small, uneven blocks, so that many work-items lie past the range. */
        RAGGED
    }

    static Stream<Arguments> kernelsSeedsAndGeometries() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            if (CorpusPtxTest.REJECTED.containsKey(k.name())) {
                continue;
            }
            for (long seed : SEEDS) {
                all.add(Arguments.of(k, seed, Geometry.BACKEND));
            }
            if (!k.range().hasLocal()) {
                all.add(Arguments.of(k, SEEDS[0], Geometry.RAGGED));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> passingKernelsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            if (k.failure().isEmpty() && !CorpusPtxTest.REJECTED.containsKey(k.name())) {
                for (CheckMode mode : CheckMode.values()) {
                    all.add(Arguments.of(k, mode));
                }
            }
        }
        return all.stream();
    }

    /** Runs {@code k} under {@code mode} in both and compares everything. */
    static void compare(CorpusKernel k, CheckMode mode, long seed, Geometry geometry) {
        compare(k, mode, seed, geometry, UnaryOperator.identity());
    }

    /**
     * Runs {@code k} under {@code mode} in the IR interpreter and, after {@code mutation} of its
     * PTX text, in the simulator, and compares everything.
     */
    static void compare(CorpusKernel k, CheckMode mode, long seed, Geometry geometry, UnaryOperator<String> mutation) {
        KernelIR ir = KernelTranslator.translate(k.method(), mode);
        compare(k.name(), ir, k.range(), k.inputs(seed), k.inputs(seed), k.owner().getClassLoader(), geometry, mutation);
        k.failure().ifPresent(f -> {
            if (mode == k.checks()) {
                List<Object> args = k.inputs(seed);
                Optional<DeviceKernelException> s = simulate(ir, k.range(), args, k.owner().getClassLoader(), geometry,
                        mutation);
                assertTrue(s.isPresent(), k + " must fail");
                assertEquals(Optional.empty(), f.mismatch(s.get()), k + ": the corpus's expected failure");
            }
        });
    }

    /** Emits {@code ir}, applies {@code mutation} to the PTX text and runs it in the simulator. */
    static Optional<DeviceKernelException> simulate(KernelIR ir, Range range, List<Object> arguments, ClassLoader loader,
            Geometry geometry, UnaryOperator<String> mutation) {
        PtxModule emitted = PtxEmitter.emit(ir);
        PtxModule module = new PtxModule(emitted.kernelName(), emitted.entryName(), mutation.apply(emitted.ptx()),
                emitted.sharedMemoryBytes(), emitted.needsLocalSize(), emitted.parameterKinds());
        int[][] gb = geometry == Geometry.BACKEND
                ? LaunchGeometryAccess.of(ir.kernelName(), range, module.needsLocalSize())
                : ragged(range);
        MemorySegment record = PtxSimulator.launchJavaKernel(module, gb[0], gb[1], range, arguments);
        return DeviceErrors.decode("CUDA", record, ir.sites(), loader);
    }

    /** Runs {@code ir} in the IR interpreter and in the simulator (after {@code mutation}) and compares. */
    static void compare(String label, KernelIR ir, Range range, List<Object> expected, List<Object> actual,
            ClassLoader loader, Geometry geometry, UnaryOperator<String> mutation) {
        Differential.assertMatchesInterpreter(label, ir, range, expected, actual, loader,
                args -> simulate(ir, range, args, loader, geometry, mutation), true);
    }

    static int[][] ragged(Range range) {
        int[] block = switch (range.dimensions()) {
            case 1 -> new int[] {24, 1, 1};
            case 2 -> new int[] {5, 3, 1};
            default -> new int[] {3, 3, 2};
        };
        int[] grid = new int[3];
        for (int d = 0; d < 3; d++) {
            grid[d] = (range.global(d) + block[d] - 1) / block[d];
        }
        return new int[][] {grid, block};
    }

    @Nested
    @DisplayName("on seeded random inputs, under each kernel's check mode")
    class Seeded {
        @ParameterizedTest(name = "{0} (seed {1}, {2} blocks) matches the IR interpreter")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.PtxSimulatorCorpusTest#kernelsSeedsAndGeometries")
        void matches(CorpusKernel k, long seed, Geometry geometry) {
            compare(k, k.checks(), seed, geometry);
        }
    }

    @Nested
    @DisplayName("in every check mode")
    class Modes {
        @ParameterizedTest(name = "{0} under {1} matches the IR interpreter")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.PtxSimulatorCorpusTest#passingKernelsAndModes")
        void matches(CorpusKernel k, CheckMode mode) {
            compare(k, mode, 7, Geometry.BACKEND);
        }
    }
}
