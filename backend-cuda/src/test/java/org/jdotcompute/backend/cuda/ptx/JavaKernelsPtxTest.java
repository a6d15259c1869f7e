package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.backend.cuda.kernels.JavaKernelCases;
import org.jdotcompute.backend.cuda.kernels.JavaKernels;
import org.jdotcompute.backend.cuda.ptx.PtxSimulatorCorpusTest.Geometry;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * This module's own Java kernels ({@link JavaKernels}) through the real front end: their PTX
 * assembles, and simulated it gives the results plain Java computes, including the parts the
 * corpus does not reach (a rounded-up grid, group-local memory read before it is written).
 */
@DisplayName("Java kernels from the front end")
class JavaKernelsPtxTest {

    static KernelIR ir(String name, CheckMode mode) {
        for (Method m : JavaKernels.class.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() > 0 && m.getParameterTypes()[0] == KernelContext.class) {
                return KernelTranslator.translate(m, mode);
            }
        }
        throw new IllegalArgumentException("no kernel " + name);
    }

    private static Optional<DeviceKernelException> simulate(String kernel, Range range, List<Object> args) {
        return simulate(kernel, range, args, UnaryOperator.identity());
    }

    private static Optional<DeviceKernelException> simulate(String kernel, Range range, List<Object> args,
            UnaryOperator<String> mutation) {
        return PtxSimulatorCorpusTest.simulate(ir(kernel, CheckMode.INDEX), range, args,
                JavaKernels.class.getClassLoader(), Geometry.BACKEND, mutation);
    }

    @ParameterizedTest(name = "{0} assembles for sm_80 and sm_90")
    @ValueSource(strings = {"vectorAdd", "saxpy", "gather", "groupSum", "localStartsZeroed", "localAtomics", "lookupTable"})
    void assembles(String kernel) {
        String ptx = PtxEmitter.emit(ir(kernel, CheckMode.INDEX)).ptx();
        for (String gpu : CorpusPtxTest.TARGETS) {
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(ptx, gpu);
            assertTrue(r.ok(), () -> kernel + " did not assemble for " + gpu + ":\n" + r.log());
        }
    }

    @Nested
    @DisplayName("simulated, they compute what plain Java computes")
    class Simulated {
        private final JavaKernelCases.Launcher simulator = JavaKernelsPtxTest::simulate;

        @Test
        @DisplayName("vector add over 1000 work-items (4 blocks of 256: the guard skips the last 24) keeps subnormals")
        void vectorAdd() {
            JavaKernelCases.vectorAdd(simulator);
        }

        @Test
        @DisplayName("SAXPY rounds the product and the sum separately, as Java does (no FMA)")
        void saxpy() {
            JavaKernelCases.saxpy(simulator);
        }

        @Test
        @DisplayName("gather with an index past the source fails exactly as Java, once, at its line")
        void gatherOutOfBounds() {
            JavaKernelCases.gatherOutOfBounds(simulator);
        }

        @Test
        @DisplayName("groupSum gives each group's tree sum, in Java's order of additions")
        void groupSum() {
            JavaKernelCases.groupSum(simulator);
        }

        @Test
        @DisplayName("group-local arrays start zeroed in every group, like new Java arrays")
        void localStartsZeroed() {
            JavaKernelCases.localStartsZeroed(simulator);
        }

        @Test
        @DisplayName("every atomic operation on group-local int, long and float arrays")
        void localAtomics() {
            JavaKernelCases.localAtomics(simulator);
        }

        @Test
        @DisplayName("lookup tables and an array made with new read what Java reads")
        void lookupTable() {
            JavaKernelCases.lookupTable(simulator);
        }

        @Test
        @DisplayName("without the emitter's zeroing, the simulator sees the uninitialised shared memory")
        void zeroingIsWhatMakesItWork() {
            int[] out = new int[64];
            UnaryOperator<String> noZeroing = ptx -> ptx.lines().filter(l -> !l.contains("st.shared.u64"))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertEquals(Optional.empty(), simulate("localStartsZeroed", Range.of(64, 32), List.of(out), noZeroing));
            assertNotEquals(0, out[31], "tile[39] was never written: poison, not zero");
        }

        @Test
        @DisplayName("a group-local kernel launched without a local size is refused before it runs")
        void needsLocalSize() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> simulate("groupSum", Range.of(128), List.of(new float[128], new float[2])));
            assertTrue(e.getMessage().contains("needs an explicit local size"), e.getMessage());
        }
    }
}
