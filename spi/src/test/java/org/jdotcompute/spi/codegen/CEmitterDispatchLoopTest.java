package org.jdotcompute.spi.codegen;

import static org.jdotcompute.spi.ir.Const.ofInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.CompareOp;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The emitter for dialects without {@code goto} (MSL) and for dialects whose work-item queries
 * are kernel parameters: dispatch loops, extra parameters of {@code jdc_claim}, kernel entry
 * statements, and helpers the claim function requires.
 */
@DisplayName("The C-family emitter base for MSL-like dialects")
class CEmitterDispatchLoopTest {
    private static final Var A = CEmitterTest.A;
    private static final Var N = CEmitterTest.N;
    private static final Var I = CEmitterTest.I;
    private static final Var V = CEmitterTest.V;

    /** {@link TestDialect} without {@code goto}. */
    private static final CDialect NO_GOTO = new CDialect() {
        private final CDialect d = TestDialect.INSTANCE;

        @Override
        public String name() {
            return "Goto-less C";
        }

        @Override
        public String scalarType(Scalar scalar) {
            return d.scalarType(scalar);
        }

        @Override
        public String unsignedType(Scalar scalar) {
            return d.unsignedType(scalar);
        }

        @Override
        public String longLiteralSuffix() {
            return d.longLiteralSuffix();
        }

        @Override
        public String bitcast(Scalar from, Scalar to, String operand) {
            return d.bitcast(from, to, operand);
        }

        @Override
        public String privateIntPointer() {
            return d.privateIntPointer();
        }

        @Override
        public boolean supportsGoto() {
            return false;
        }

        @Override
        public Set<String> reservedWords() {
            return d.reservedWords();
        }
    };

    /** The test emitter, over the goto-less dialect, with a work-item context like MSL's. */
    private static final class ContextEmitter extends CEmitter {
        private final TestDialect.Emitter base = new TestDialect.Emitter();

        ContextEmitter() {
            super(NO_GOTO);
        }

        @Override
        protected String prologue(KernelIR kernel) {
            return "// prologue";
        }

        @Override
        protected String pointerType(Scalar element, org.jdotcompute.spi.ir.AddressSpace space) {
            return base.pointerType(element, space);
        }

        @Override
        protected String errorRecordPointerType() {
            return base.errorRecordPointerType();
        }

        @Override
        protected String kernelSignature(String name, List<KernelParameter> parameters) {
            return base.kernelSignature(name, parameters).replace(")", ", u32 gid_attr)");
        }

        @Override
        protected List<String> kernelEntryStatements(List<KernelParameter> parameters) {
            return List.of("ctx jdc_ctx = {gid_attr}; // " + parameters.size() + " parameters");
        }

        @Override
        protected List<String> extraDeviceFunctionParameters() {
            return List.of("ctx jdc_ctx");
        }

        @Override
        protected List<String> extraCallArguments() {
            return List.of("jdc_ctx");
        }

        @Override
        protected String workItemExpression(org.jdotcompute.spi.ir.WorkItemQuery query, int dimension) {
            return "jdc_ctx.id[" + dimension + "]";
        }

        @Override
        protected String barrierStatement() {
            return base.barrierStatement();
        }

        @Override
        protected String localArrayDeclaration(Scalar element, String name, int length) {
            return base.localArrayDeclaration(element, name, length);
        }

        @Override
        protected String atomicExpression(org.jdotcompute.spi.ir.AtomicOp op, Scalar element,
                org.jdotcompute.spi.ir.AddressSpace space, String array, String index, List<String> operands) {
            return base.atomicExpression(op, element, space, array, index, operands);
        }

        @Override
        protected String recordAtomicIncrement(String target) {
            return base.recordAtomicIncrement(target);
        }

        @Override
        protected String recordAtomicCompareExchange(String target, String expected, String desired) {
            return requireHelper("jdc_strong_cas", "static inline i32 jdc_strong_cas(i32* p, i32 e, i32 d) { return 0; }\n")
                    + "(&" + target + ", " + expected + ", " + desired + ")";
        }
    }

    /** {@code for (i = 0; i < n; i++) ;} as blocks 0 (init), 1 (test), 2 (step), 3 (exit). */
    private static IrFunction loop() {
        return CEmitterTest.kernel(List.of(
                new Block(0, List.of(new Stmt.Assign(I, ofInt(0))), new Terminator.Goto(1)),
                new Block(1, List.of(), new Terminator.Branch(CompareOp.GE, I, N, 3, 2)),
                new Block(2, List.of(new Stmt.Binary(I, BinaryOp.ADD, I, ofInt(1))), new Terminator.Goto(1)),
                new Block(3, List.of(), CEmitterTest.RETURN)), FailureMode.RETURN, false);
    }

    @Nested
    @DisplayName("without goto")
    class DispatchLoop {
        @Test
        @DisplayName("emits a function with jumps as a loop over a switch, with a case for the entry and every jump target")
        void loopOverSwitch() {
            String s = new ContextEmitter().emit(CEmitterTest.ir(loop(), List.of(), List.of())).source();
            assertTrue(s.contains("""
                        i32 jdc_block = 0;
                        for (;;) {
                            switch (jdc_block) {
                            case 0:
                                l_i = 0;
                            case 1:
                                if (l_i >= p_n) { jdc_block = 3; continue; }
                                l_i = (i32)((u32)l_i + (u32)1);
                                jdc_block = 1; continue;
                            case 3:
                                return;
                            }
                        }
                    }
                    """), s);
            assertFalse(s.contains("goto"), s);
            assertFalse(s.contains("case 2:"), "block 2 is only fallen into: " + s);
        }

        @Test
        @DisplayName("turns a switch terminator's cases into jumps that continue the dispatch loop")
        void switchTerminator() {
            IrFunction f = CEmitterTest.kernel(List.of(
                    new Block(0, List.of(), new Terminator.Switch(N, List.of(new Terminator.Switch.Case(-4, 2)), 1)),
                    new Block(1, List.of(new Stmt.Assign(V, ofInt(1))), CEmitterTest.RETURN),
                    new Block(2, List.of(new Stmt.Assign(V, ofInt(2))), CEmitterTest.RETURN)), FailureMode.RETURN, false);
            String s = new ContextEmitter().emit(CEmitterTest.ir(f, List.of(), List.of())).source();
            assertTrue(s.contains("""
                                switch (p_n) {
                                    case (-4): jdc_block = 2; continue;
                                    default: jdc_block = 1; continue;
                                }
                            case 1:
                    """), s);
        }

        @Test
        @DisplayName("leaves a function without jumps straight-line")
        void straightLine() {
            String s = new ContextEmitter().emit(CEmitterTest.divide(N)).source();
            assertFalse(s.contains("jdc_block"), s);
            assertFalse(s.contains("switch"), s);
        }

        @Test
        @DisplayName("while a dialect with goto still gets labels and gotos")
        void gotoDialectsUnchanged() {
            String s = CEmitterTest.emit(CEmitterTest.ir(loop(), List.of(), List.of()));
            assertTrue(s.contains("B1:\n    if (l_i >= p_n) goto B3;\n"), s);
            assertFalse(s.contains("jdc_block"), s);
        }
    }

    @Nested
    @DisplayName("with a work-item context")
    class Context {
        @Test
        @DisplayName("jdc_claim takes the extra parameters and every claim passes them, because it records the global id")
        void claimTakesContext() {
            IrFunction f = CEmitterTest.kernel(List.of(new Block(0, List.of(new Stmt.CheckIndex(0, A, I),
                    new Stmt.Load(V, A, I)), CEmitterTest.RETURN)), FailureMode.RETURN, true);
            String s = new ContextEmitter().emit(CEmitterTest.ir(f, List.of(), List.of(CEmitterTest.SITE))).source();
            assertTrue(s.contains("static inline i32 jdc_claim(jdc_error_record* rec, i32 site, ctx jdc_ctx) {"), s);
            assertTrue(s.contains("    rec->gid[1] = jdc_ctx.id[1];\n"), s);
            assertTrue(s.contains("if (jdc_claim(jdc_err, 0, jdc_ctx)) {"), s);
        }

        @Test
        @DisplayName("the claim function may require helpers; they come before it")
        void claimHelpersFirst() {
            IrFunction f = CEmitterTest.kernel(List.of(new Block(0, List.of(new Stmt.CheckIndex(0, A, I)),
                    CEmitterTest.RETURN)), FailureMode.RETURN, true);
            String s = new ContextEmitter().emit(CEmitterTest.ir(f, List.of(), List.of(CEmitterTest.SITE))).source();
            int helper = s.indexOf("static inline i32 jdc_strong_cas(");
            assertTrue(helper >= 0 && helper < s.indexOf("static inline i32 jdc_claim("), s);
            assertTrue(s.contains("if (jdc_strong_cas(&rec->state, 0, 1) != 0) {"), s);
        }

        @Test
        @DisplayName("kernel entry statements come first in the kernel body")
        void entryStatements() {
            String s = new ContextEmitter().emit(CEmitterTest.divide(N)).source();
            assertTrue(s.contains("jdc_error_record* jdc_err @3, u32 gid_attr) {\n    ctx jdc_ctx = {gid_attr}; // 4 parameters\n"
                    + "    i32 l_i = 0;\n"), s);
        }

        @Test
        @DisplayName("device functions receive the context, in and out of dispatch loops")
        void deviceFunctions() {
            Var x = new Var(0, "p_x", IrType.INT);
            IrFunction id = new IrFunction("id", false, "K.id", List.of(x), IrType.INT, List.of(), List.of(),
                    List.of(new Block(0, List.of(new Stmt.WorkItem(x, org.jdotcompute.spi.ir.WorkItemQuery.GLOBAL_ID, 2)),
                            new Terminator.Return(Optional.of(x)))), FailureMode.RETURN, false);
            IrFunction f = CEmitterTest.kernel(List.of(new Block(0, List.of(new Stmt.Call(Optional.of(V), "id",
                    List.of(I))), CEmitterTest.RETURN)), FailureMode.RETURN, false);
            String s = new ContextEmitter().emit(CEmitterTest.ir(f, List.of(id), List.of())).source();
            assertTrue(s.contains("static inline i32 dev_id(i32 p_x, ctx jdc_ctx) {\n    p_x = jdc_ctx.id[2];\n"), s);
            assertTrue(s.contains("    l_v = dev_id(l_i, jdc_ctx);\n"), s);
            assertEquals(1, s.split("ctx jdc_ctx = ", -1).length - 1, s);
        }
    }
}
