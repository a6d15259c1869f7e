package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The kernel translator")
class KernelTranslatorTest {

    static Method kernel(String name) {
        return Arrays.stream(TestKernels.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    static KernelIR translate(String name, CheckMode mode) {
        return KernelTranslator.translate(kernel(name), mode);
    }

    static Stream<Stmt> statements(KernelIR ir) {
        return ir.functions().stream().flatMap(f -> f.blocks().stream()).flatMap(b -> b.statements().stream());
    }

    static Stream<Terminator> terminators(KernelIR ir) {
        return ir.functions().stream().flatMap(f -> f.blocks().stream()).map(Block::terminator);
    }

    @Test
    @DisplayName("runs on the module path")
    void modulePath() {
        assertTrue(getClass().getModule().isNamed());
        assertEquals("org.jdotcompute.spi", getClass().getModule().getName());
    }

    @Nested
    @DisplayName("caches translations")
    class Caching {
        @Test
        @DisplayName("the same method and check mode give the same IR instance")
        void sameInstance() {
            assertSame(translate("saxpy", CheckMode.INDEX), translate("saxpy", CheckMode.INDEX));
        }

        @Test
        @DisplayName("another check mode is another translation")
        void perMode() {
            assertNotSame(translate("saxpy", CheckMode.INDEX), translate("saxpy", CheckMode.NONE));
            assertEquals(CheckMode.NONE, translate("saxpy", CheckMode.NONE).checks());
        }

        @Test
        @DisplayName("null arguments are refused")
        void nulls() {
            assertEquals("kernel", assertThrows(NullPointerException.class,
                    () -> KernelTranslator.translate(null, CheckMode.INDEX)).getMessage());
            assertEquals("checks", assertThrows(NullPointerException.class,
                    () -> KernelTranslator.translate(kernel("saxpy"), null)).getMessage());
        }
    }

    @Nested
    @DisplayName("describes the kernel")
    class Shape {
        @Test
        @DisplayName("names the kernel and its parameters after the context")
        void names() {
            KernelIR ir = translate("saxpy", CheckMode.INDEX);
            assertEquals("TestKernels.saxpy", ir.kernelName());
            assertEquals(List.of("p_a", "p_x", "p_y"), ir.kernel().parameters().stream().map(Var::name).toList());
            assertEquals("org.jdotcompute.spi.compiler.TestKernels.saxpy(Lorg/jdotcompute/api/KernelContext;F[F[F)V",
                    ir.kernel().javaName());
            assertTrue(ir.kernel().kernel());
            assertEquals(List.of(), ir.deviceFunctions());
        }

        @Test
        @DisplayName("computes the features each kernel needs")
        void features() {
            assertEquals(Set.of(IrFeature.DEVICE_FAILURES), translate("saxpy", CheckMode.INDEX).features());
            assertEquals(Set.of(), translate("saxpy", CheckMode.USER).features());
            assertEquals(Set.of(IrFeature.FP64), translate("doubles", CheckMode.NONE).features());
            assertEquals(Set.of(IrFeature.INT64), translate("longs", CheckMode.NONE).features());
            assertEquals(EnumSet.of(IrFeature.ATOMIC_FLOAT, IrFeature.ATOMIC_INT64, IrFeature.ATOMIC_INT32,
                    IrFeature.INT64), translate("atomicFloat", CheckMode.NONE).features());
            assertEquals(EnumSet.of(IrFeature.BARRIER, IrFeature.LOCAL_MEMORY, IrFeature.DEVICE_FAILURES),
                    translate("withBarrier", CheckMode.USER).features());
        }

        @Test
        @DisplayName("translates for-each loops and discarded call results")
        void loopsAndDiscards() {
            assertTrue(terminators(translate("forEach", CheckMode.INDEX)).anyMatch(t -> t instanceof Terminator.Branch));
            KernelIR ir = translate("unusedResult", CheckMode.NONE);
            assertEquals(List.of("TestKernels_helper"), ir.deviceFunctions().stream().map(IrFunction::name).toList());
        }
    }

    @Nested
    @DisplayName("compiles failures by check mode")
    class Failures {
        @Test
        @DisplayName("INDEX checks every array access; FULL also checks division")
        void checks() {
            KernelIR index = translate("throwing", CheckMode.INDEX);
            assertTrue(statements(index).anyMatch(s -> s instanceof Stmt.CheckIndex));
            assertFalse(statements(index).anyMatch(s -> s instanceof Stmt.CheckDivisor));
            KernelIR full = translate("throwing", CheckMode.FULL);
            assertFalse(statements(full).anyMatch(s -> s instanceof Stmt.CheckDivisor),
                    "v / 2 has a constant divisor and needs no check");
            assertTrue(statements(translate("twoCallSites", CheckMode.FULL)).anyMatch(s -> s instanceof Stmt.CheckDivisor));
        }

        @Test
        @DisplayName("USER keeps explicit throws only")
        void user() {
            KernelIR ir = translate("throwing", CheckMode.USER);
            assertFalse(statements(ir).anyMatch(s -> s instanceof Stmt.CheckIndex || s instanceof Stmt.CheckDivisor));
            assertEquals(List.of("java.lang.IllegalStateException", "java.lang.ArithmeticException",
                    "java.lang.IllegalArgumentException"),
                    ir.sites().stream().map(DeviceErrorSite::exceptionClass).toList());
            assertTrue(ir.kernel().mayFail());
        }

        @Test
        @DisplayName("NONE drops every check and throw: a throw just ends the work-item")
        void none() {
            KernelIR ir = translate("throwing", CheckMode.NONE);
            assertEquals(List.of(), ir.sites());
            assertFalse(ir.uses(IrFeature.DEVICE_FAILURES));
            assertFalse(statements(ir).anyMatch(s -> s instanceof Stmt.CheckIndex || s instanceof Stmt.ReportFailure));
            assertFalse(terminators(ir).anyMatch(t -> t instanceof Terminator.Throw));
            assertFalse(ir.functions().stream().anyMatch(IrFunction::mayFail));
        }

        @Test
        @DisplayName("a throw in a JDK method reports the user's calling line; one in a user device function its own")
        void sourceLocations() {
            KernelIR ir = translate("throwing", CheckMode.USER);
            DeviceErrorSite overflow = ir.sites().get(1);
            assertEquals("integer overflow", overflow.arguments().getFirst().template());
            assertEquals("org.jdotcompute.spi.compiler.TestKernels", overflow.declaringClass());
            assertEquals("throwing", overflow.methodName());
            assertEquals("TestKernels.java", overflow.sourceFile());
            DeviceErrorSite three = ir.sites().get(0);
            assertEquals("helper", three.methodName());
            assertEquals(ir.sites().get(2).sourceLine() + 7, three.sourceLine());
            assertEquals(overflow.sourceLine(), ir.sites().get(2).sourceLine() + 2);
        }

        @Test
        @DisplayName("a failing JDK method is specialised per calling line; a non-failing one is shared")
        void jdkSpecialisation() {
            KernelIR full = translate("twoCallSites", CheckMode.FULL);
            assertEquals(List.of("Math_floorMod", "Math_floorMod_2", "Math_floorMod_3"),
                    full.deviceFunctions().stream().map(IrFunction::name).toList());
            List<Integer> lines = full.sites().stream().filter(s -> s.exceptionClass().equals("java.lang.ArithmeticException"))
                    .map(DeviceErrorSite::sourceLine).toList();
            assertEquals(3, lines.size());
            assertEquals(lines.get(0) + 1, lines.get(1));
            KernelIR index = translate("twoCallSites", CheckMode.INDEX);
            assertEquals(List.of("Math_floorMod"), index.deviceFunctions().stream().map(IrFunction::name).toList());
        }

        @Test
        @DisplayName("kernels without barriers return on failure")
        void returnMode() {
            KernelIR ir = translate("throwing", CheckMode.INDEX);
            assertTrue(ir.functions().stream().allMatch(f -> f.failureMode() == FailureMode.RETURN));
            assertTrue(terminators(ir).anyMatch(t -> t instanceof Terminator.Throw));
            assertFalse(statements(ir).anyMatch(s -> s instanceof Stmt.ReportFailure));
        }

        @Test
        @DisplayName("barrier kernels report and continue after the if that guards a throw")
        void continueMode() {
            KernelIR ir = translate("withBarrier", CheckMode.USER);
            assertEquals(FailureMode.CONTINUE, ir.kernel().failureMode());
            assertFalse(terminators(ir).anyMatch(t -> t instanceof Terminator.Throw));
            Block report = ir.kernel().blocks().stream()
                    .filter(b -> b.statements().stream().anyMatch(s -> s instanceof Stmt.ReportFailure)).findFirst()
                    .orElseThrow();
            Block guard = ir.kernel().blocks().stream()
                    .filter(b -> b.terminator() instanceof Terminator.Branch br
                            && br.successors().contains(report.id())).findFirst().orElseThrow();
            Terminator.Branch br = (Terminator.Branch) guard.terminator();
            int continuation = br.ifTrue() == report.id() ? br.ifFalse() : br.ifTrue();
            assertEquals(new Terminator.Goto(continuation), report.terminator());
        }

        @Test
        @DisplayName("a barrier-free device function of a barrier kernel reports and returns")
        void continueInDeviceFunction() {
            KernelIR ir = translate("deviceThrowInBarrierKernel", CheckMode.INDEX);
            IrFunction f = ir.deviceFunctions().getFirst();
            assertEquals("TestKernels_checkedHalf", f.name());
            assertEquals(FailureMode.CONTINUE, f.failureMode());
            assertTrue(f.mayFail());
            assertTrue(f.blocks().stream().anyMatch(b -> b.statements().stream().anyMatch(s -> s instanceof Stmt.ReportFailure)
                    && b.terminator() instanceof Terminator.Return r && r.value().isPresent()));
        }
    }
}
