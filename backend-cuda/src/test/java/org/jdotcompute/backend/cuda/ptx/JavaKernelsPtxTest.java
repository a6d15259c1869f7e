package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
    @ValueSource(strings = {"vectorAdd", "saxpy", "gather", "groupSum", "localStartsZeroed"})
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
        @Test
        @DisplayName("vector add over 1000 work-items (4 blocks of 256: the guard skips the last 24) keeps subnormals")
        void vectorAdd() {
            int n = 1000;
            float[] a = new float[n];
            float[] b = new float[n];
            float[] c = new float[n];
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = i * 0.5f - 100f;
                b[i] = i % 3 == 0 ? 1e-40f * i : -i * 0.25f;
                expected[i] = a[i] + b[i];
            }
            assertEquals(Optional.empty(), simulate("vectorAdd", Range.of(n), List.of(a, b, c)));
            assertArrayEquals(expected, c);
        }

        @Test
        @DisplayName("SAXPY rounds the product and the sum separately, as Java does (no FMA)")
        void saxpy() {
            int n = 300;
            float alpha = 0.1f;
            float[] x = new float[n];
            float[] y = new float[n];
            float[] expected = new float[n];
            boolean fmaWouldDiffer = false;
            for (int i = 0; i < n; i++) {
                x[i] = 1f / (i + 3);
                y[i] = -x[i] * alpha + i * 1e-9f;
                expected[i] = alpha * x[i] + y[i];
                fmaWouldDiffer |= Math.fma(alpha, x[i], y[i]) != expected[i];
            }
            assertTrue(fmaWouldDiffer, "the inputs must tell an FMA from a multiply and an add");
            assertEquals(Optional.empty(), simulate("saxpy", Range.of(n), List.of(alpha, x, y)));
            assertArrayEquals(expected, y);
        }

        @Test
        @DisplayName("gather with an index past the source fails exactly as Java, once, at its line")
        void gatherOutOfBounds() {
            int[] index = new int[64];
            float[] src = new float[50];
            float[] dst = new float[64];
            for (int i = 0; i < 64; i++) {
                index[i] = (i * 7) % 50;
                src[i % 50] = i;
            }
            index[13] = 77;
            DeviceKernelException e = simulate("gather", Range.of(64), List.of(index, src, dst)).orElseThrow();
            assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertEquals("Index 77 out of bounds for length 50", e.getCause().getMessage());
            assertEquals("JavaKernels.java:31", e.sourceFile() + ":" + e.sourceLine());
            assertEquals(1, e.failureCount());
            assertArrayEquals(new int[] {13, 0, 0}, e.globalId());
            assertEquals(src[(12 * 7) % 50], dst[12]);
            assertEquals(0f, dst[13]);
        }

        @Test
        @DisplayName("groupSum gives each group's tree sum, in Java's order of additions")
        void groupSum() {
            int groups = 4;
            int g = JavaKernels.GROUP;
            float[] in = new float[groups * g];
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) Math.sin(i) * 1000f;
            }
            float[] expected = new float[groups];
            for (int k = 0; k < groups; k++) {
                float[] tile = java.util.Arrays.copyOfRange(in, k * g, (k + 1) * g);
                for (int s = g / 2; s > 0; s >>= 1) {
                    for (int lid = 0; lid < s; lid++) {
                        tile[lid] += tile[lid + s];
                    }
                }
                expected[k] = tile[0];
            }
            float[] sums = new float[groups];
            assertEquals(Optional.empty(), simulate("groupSum", Range.of(groups * g, g), List.of(in, sums)));
            assertArrayEquals(expected, sums);
        }

        @Test
        @DisplayName("group-local arrays start zeroed in every group, like new Java arrays")
        void localStartsZeroed() {
            int[] out = new int[64];
            assertEquals(Optional.empty(), simulate("localStartsZeroed", Range.of(64, 32), List.of(out)));
            int[] expected = new int[64];
            for (int gid = 0; gid < 64; gid++) {
                int lid = gid % 32;
                expected[gid] = tile(lid + 8) * 1000 + tile(lid);
            }
            assertArrayEquals(expected, out);
        }

        private static int tile(int j) {
            return j < 32 && j % 2 == 0 ? j + 1 : 0;
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
