package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.codegen.KernelParameter;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Var;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Translating kernel IR to MSL")
class MslTranslatorTest {

    @Nested
    @DisplayName("Kernels Metal cannot run as Java would are rejected, naming the capability")
    class Rejections {
        @Test
        @DisplayName("a kernel using double names FP64")
        void doubles() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> MslTranslator.translate(IrKernels.doubles()));
            assertAll(
                    () -> assertEquals("[Kernels.norms] Compilation failed: the kernel uses double (capability FP64), but the"
                            + " Metal Shading Language has no double-precision type; Java's Math functions take and return"
                            + " double, so they count too. Use float arithmetic, or run this kernel on the opencl, cuda or cpu"
                            + " backend", e.getMessage()),
                    () -> assertEquals("Kernels.norms", e.kernelId()),
                    () -> assertEquals("Metal", e.backend()),
                    () -> assertEquals("", e.compilerLog()),
                    () -> assertNull(e.getCause()));
        }

        @Test
        @DisplayName("a kernel using long atomics names INT64_ATOMICS")
        void longAtomics() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> MslTranslator.translate(IrKernels.longAtomics()));
            assertEquals("[Kernels.count] Compilation failed: the kernel uses atomics on a long array (capability"
                    + " INT64_ATOMICS), but Metal has no 64-bit atomic add or compare-and-swap; use int atomics, or run this"
                    + " kernel on the opencl, cuda or cpu backend", e.getMessage());
            assertEquals("Metal", e.backend());
        }

        @Test
        @DisplayName("an IR that claims no long atomics but has one is still refused by the emitter")
        void undeclaredLongAtomic() {
            KernelIR lying = new KernelIR("Kernels.count", IrKernels.longAtomics().kernel(), List.of(), List.of(),
                    EnumSet.of(IrFeature.INT64), CheckMode.NONE);
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> MslTranslator.translate(lying));
            assertTrue(e.reason().startsWith("the kernel cannot be translated to MSL: MSL emitter: function count block 0"
                    + " uses atomic ADD on a LONG array; Metal has no 64-bit atomic add"), e.reason());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }

        @Test
        @DisplayName("a kernel with more arrays than Metal has buffer slots")
        void tooManyBuffers() {
            IrKernels.Vars v = new IrKernels.Vars();
            for (int i = 0; i < 30; i++) {
                v.param("p_a" + i, IrKernels.global(Scalar.INT));
            }
            IrFunction f = new IrFunction("wide", true, "demo.Kernels.wide()", v.parameters, IrType.VOID, v.locals, List.of(),
                    List.of(IrKernels.block(0, IrKernels.ret())), FailureMode.RETURN, false);
            KernelIR ir = new KernelIR("Kernels.wide", f, List.of(), List.of(), EnumSet.noneOf(IrFeature.class),
                    CheckMode.NONE);
            KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> MslTranslator.translate(ir));
            assertEquals("[Kernels.wide] Compilation failed: the kernel needs 32 Metal buffer slots (one per array parameter,"
                    + " one for the error record, one for the scalars), but a Metal kernel has 31; pass at most 29 arrays",
                    e.getMessage());
        }

        @Test
        @DisplayName("29 arrays still fit")
        void twentyNineArraysFit() {
            IrKernels.Vars v = new IrKernels.Vars();
            for (int i = 0; i < 29; i++) {
                v.param("p_a" + i, IrKernels.global(Scalar.INT));
            }
            IrFunction f = new IrFunction("wide", true, "demo.Kernels.wide()", v.parameters, IrType.VOID, v.locals, List.of(),
                    List.of(IrKernels.block(0, IrKernels.ret())), FailureMode.RETURN, false);
            KernelIR ir = new KernelIR("Kernels.wide", f, List.of(), List.of(), EnumSet.noneOf(IrFeature.class),
                    CheckMode.NONE);
            assertEquals(31, MslTranslator.translate(ir).layout().bufferSlots());
        }
    }

    @Nested
    @DisplayName("The argument layout")
    class Layout {
        @Test
        @DisplayName("puts arrays then the error record in buffer slots and scalars in one block")
        void saxpy() {
            MslProgram p = MslTranslator.translate(IrKernels.saxpy());
            MslLayout l = p.layout();
            List<KernelParameter> ps = l.parameters();
            assertAll(
                    () -> assertEquals(List.of(-1, 0, -1, 1, -1, 2), l.bufferIndices()),
                    () -> assertEquals(List.of(new MslLayout.Member("p_a", Scalar.FLOAT, 0),
                            new MslLayout.Member("p_x_len", Scalar.INT, 4), new MslLayout.Member("p_y_len", Scalar.INT, 8)),
                            l.scalars()),
                    () -> assertEquals(3, l.scalarBlockIndex()),
                    () -> assertEquals(12, l.scalarBlockBytes()),
                    () -> assertInstanceOf(KernelParameter.ErrorRecordParameter.class, ps.getLast()),
                    () -> assertTrue(p.source().contains("device jdc_error_record* jdc_err [[buffer(2)]]")),
                    () -> assertTrue(p.source().contains("constant jdc_scalars& jdc_args [[buffer(3)]]")));
        }

        @Test
        @DisplayName("aligns a long after an int to 8 bytes and pads the block to its alignment")
        void alignment() {
            MslLayout l = MslTranslator.translate(IrKernels.javaSemantics()).layout();
            assertEquals(List.of(new MslLayout.Member("p_a_len", Scalar.INT, 0), new MslLayout.Member("p_f_len", Scalar.INT, 4),
                    new MslLayout.Member("p_l_len", Scalar.INT, 8), new MslLayout.Member("p_out_len", Scalar.INT, 12),
                    new MslLayout.Member("p_sel", Scalar.INT, 16), new MslLayout.Member("p_shift", Scalar.LONG, 24)),
                    l.scalars());
            assertEquals(32, l.scalarBlockBytes());
        }

        @Test
        @DisplayName("has no scalar block for a kernel without scalars or arrays")
        void noBlock() {
            IrFunction f = new IrFunction("empty", true, "demo.Kernels.empty()", List.of(), IrType.VOID, List.of(), List.of(),
                    List.of(IrKernels.block(0, IrKernels.ret())), FailureMode.RETURN, false);
            MslProgram p = MslTranslator.translate(new KernelIR("Kernels.empty", f, List.of(), List.of(),
                    EnumSet.noneOf(IrFeature.class), CheckMode.NONE));
            assertEquals(0, p.layout().scalarBlockBytes());
            assertEquals(1, p.layout().bufferSlots());
            assertFalse(p.source().contains("jdc_scalars"));
        }
    }

    @Nested
    @DisplayName("The MSL itself")
    class Source {
        @Test
        @DisplayName("never uses goto: functions with jumps dispatch blocks in a loop")
        void noGoto() {
            for (KernelIR k : IrKernels.supported()) {
                String src = MslTranslator.translate(k).source();
                assertFalse(src.contains("goto"), k.kernelName());
            }
            String groupSum = MslTranslator.translate(IrKernels.groupSum()).source();
            assertTrue(groupSum.contains("    int jdc_block = 0;\n    for (;;) {\n        switch (jdc_block) {\n        case 0:\n"),
                    groupSum);
            assertTrue(groupSum.contains("jdc_block = 1; continue;"), groupSum);
        }

        @Test
        @DisplayName("writes float constants as exact decimal literals, not C++17 hexadecimal ones")
        void decimalFloats() {
            IrKernels.Vars v = new IrKernels.Vars();
            Var out = v.param("p_out", IrKernels.global(Scalar.FLOAT));
            IrFunction f = new IrFunction("consts", true, "demo.Kernels.consts()", v.parameters, IrType.VOID, v.locals,
                    List.of(), List.of(new Block(0, List.of(
                            new Stmt.Store(out, Const.ofInt(0), Const.ofFloat(0.1f)),
                            new Stmt.Store(out, Const.ofInt(1), Const.ofFloat(Float.MIN_VALUE)),
                            new Stmt.Store(out, Const.ofInt(2), Const.ofFloat(Float.NaN)),
                            new Stmt.Store(out, Const.ofInt(3), Const.ofFloat(-0.0f))), IrKernels.ret())),
                    FailureMode.RETURN, false);
            String src = MslTranslator.translate(new KernelIR("Kernels.consts", f, List.of(), List.of(),
                    EnumSet.noneOf(IrFeature.class), CheckMode.NONE)).source();
            assertAll(
                    () -> assertTrue(src.contains("p_out[0] = 0.1f;"), src),
                    () -> assertTrue(src.contains("p_out[1] = 1.4E-45f;"), src),
                    () -> assertTrue(src.contains("p_out[2] = as_type<float>(0x7fc00000);"), src),
                    () -> assertTrue(src.contains("p_out[3] = (-0.0f);"), src),
                    () -> assertFalse(src.contains("0x1."), src));
        }

        @Test
        @DisplayName("reads work-item ids through the context that device functions receive")
        void workItemContext() {
            String src = MslTranslator.translate(IrKernels.deviceCalls()).source();
            assertAll(
                    () -> assertTrue(src.contains("static inline int dev_lane(thread const jdc_work_item& jdc_wi) {"), src),
                    () -> assertTrue(src.contains("s_ng = (int)jdc_wi.num_groups.y;"), src),
                    () -> assertTrue(src.contains("l_i = dev_lane(jdc_wi);"), src),
                    () -> assertTrue(src.contains("uint3 jdc_global_id [[thread_position_in_grid]]"), src),
                    () -> assertTrue(src.contains("static inline int jdc_claim(device jdc_error_record* rec, int site,"
                            + " thread const jdc_work_item& jdc_wi) {"), src));
        }

        @Test
        @DisplayName("retries a weak compare-and-exchange so that compareAndSet never fails spuriously")
        void strongCompareAndSet() {
            String src = MslTranslator.translate(IrKernels.atomics()).source();
            assertTrue(src.contains("""
                        while (!atomic_compare_exchange_weak_explicit(a, &seen, desired, memory_order_relaxed, memory_order_relaxed)) {
                            if (seen != expected) {
                                return 0;
                            }
                        }
                        return 1;
                    """), src);
            assertTrue(src.contains("threadgroup atomic_int* a = (threadgroup atomic_int*)p;"), src);
        }

        @Test
        @DisplayName("is the same for the same IR (emitters are deterministic)")
        void deterministic() {
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (KernelIR k : IrKernels.supported()) {
                first.add(MslTranslator.translate(k).source());
                second.add(MslTranslator.translate(k).source());
            }
            assertEquals(first, second);
        }
    }

    @Test
    @DisplayName("MslDialect spells MSL: no goto, as_type bit casts, thread pointers")
    void dialect() {
        MslDialect d = MslDialect.INSTANCE;
        assertAll(
                () -> assertFalse(d.supportsGoto()),
                () -> assertFalse(d.hexFloatLiterals()),
                () -> assertEquals("as_type<float>(x)", d.bitcast(Scalar.INT, Scalar.FLOAT, "x")),
                () -> assertEquals("as_type<long>(x)", d.bitcast(Scalar.DOUBLE, Scalar.LONG, "x")),
                () -> assertEquals("thread int*", d.privateIntPointer()),
                () -> assertEquals("uchar", d.scalarType(Scalar.BOOLEAN)),
                () -> assertEquals("char", d.scalarType(Scalar.BYTE)),
                () -> assertEquals("ushort", d.scalarType(Scalar.CHAR)),
                () -> assertEquals("ulong", d.unsignedType(Scalar.LONG)),
                () -> assertThrows(IllegalArgumentException.class, () -> d.bitcast(Scalar.INT, Scalar.LONG, "x")),
                () -> assertTrue(d.reservedWords().contains("threadgroup")));
    }
}
