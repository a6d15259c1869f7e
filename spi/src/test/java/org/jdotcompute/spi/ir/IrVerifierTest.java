package org.jdotcompute.spi.ir;

import static org.jdotcompute.spi.ir.IrFixtures.INTS;
import static org.jdotcompute.spi.ir.IrFixtures.block;
import static org.jdotcompute.spi.ir.IrFixtures.bounds;
import static org.jdotcompute.spi.ir.IrFixtures.ir;
import static org.jdotcompute.spi.ir.IrFixtures.jump;
import static org.jdotcompute.spi.ir.IrFixtures.kernel;
import static org.jdotcompute.spi.ir.IrFixtures.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The IR verifier")
class IrVerifierTest {
    private final Var a = new Var(0, "p_a", INTS);
    private final Var i = new Var(1, "l_i", IrType.INT);
    private final Var f = new Var(2, "l_f", IrType.FLOAT);
    private final Var d = new Var(3, "l_d", IrType.DOUBLE);

    @Test
    @DisplayName("accepts well-formed IR")
    void accepts() {
        KernelIR ok = ir(kernel(List.of(a), List.of(i),
                block(0, new Terminator.Branch(CompareOp.LT, i, Const.ofInt(3), 1, 1),
                        new Stmt.WorkItem(i, WorkItemQuery.GLOBAL_ID, 0)),
                block(1, ret(), new Stmt.Store(a, i, Const.ofInt(7)))));
        assertEquals(List.of(), IrVerifier.problems(ok));
    }

    @Test
    @DisplayName("names an undeclared variable, a type mismatch and a missing block")
    void basics() {
        Var undeclared = new Var(9, "l_x", IrType.INT);
        KernelIR bad = ir(kernel(List.of(a), List.of(i, f),
                block(0, jump(5), new Stmt.Binary(i, BinaryOp.ADD, i, f), new Stmt.Assign(i, undeclared))));
        assertEquals(List.of("k B0: ADD right operand is float, expected int",
                "k B0: variable l_x (id 9, int) is not declared", "k B0: jumps to B5, which does not exist"),
                IrVerifier.problems(bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IrVerifier.verify(bad));
        assertEquals("the IR of kernel K.k is invalid: k B0: ADD right operand is float, expected int; k B0: variable"
                + " l_x (id 9, int) is not declared; k B0: jumps to B5, which does not exist", e.getMessage());
    }

    @Test
    @DisplayName("checks failure sites, modes, mayFail and features")
    void failures() {
        KernelIR bad = ir(kernel(List.of(a), List.of(i, d), FailureMode.CONTINUE, false, List.of(),
                block(0, new Terminator.Throw(0, List.of(i, d)), new Stmt.CheckIndex(1, a, i),
                        new Stmt.Assign(d, Const.ofDouble(1)))),
                List.of(bounds(3)), Set.of());
        assertEquals(List.of("k B0: index check uses site 1, but there are 1 sites",
                "k B0: Throw in a CONTINUE function", "k B0: throw value 1 is double, expected int",
                "k: can fail but mayFail is false",
                "the kernel uses FP64 but its features [] lack it",
                "the kernel uses DEVICE_FAILURES but its features [] lack it"), IrVerifier.problems(bad));
    }

    @Test
    @DisplayName("requires callees before callers and matching arguments")
    void calls() {
        Var p = new Var(0, "p_v", IrType.INT);
        IrFunction callee = new IrFunction("g", false, "test.K.g(I)I", List.of(p), IrType.INT, List.of(), List.of(),
                List.of(block(0, new Terminator.Return(Optional.of(p)))), FailureMode.RETURN, false);
        KernelIR ok = ir(kernel(List.of(a), List.of(i, f),
                block(0, ret(), new Stmt.Call(Optional.of(i), "g", List.of(Const.ofInt(1))))), List.of(), Set.of(),
                callee);
        assertEquals(List.of(), IrVerifier.problems(ok));
        KernelIR bad = ir(kernel(List.of(a), List.of(i, f),
                block(0, ret(), new Stmt.Call(Optional.of(f), "g", List.of(f)), new Stmt.Call(Optional.empty(), "h",
                        List.of()))), List.of(), Set.of(), callee);
        assertEquals(List.of("k B0: argument 0 of g is float, expected int", "k B0: result of g is float, expected int",
                "k B0: calls h, which is not an earlier device function"), IrVerifier.problems(bad));
    }

    @Test
    @DisplayName("checks constant tables and private arrays: declared, typed, never stored to, never atomic")
    void tablesAndPrivateArrays() {
        IrType.Array table = new IrType.Array(Scalar.INT, AddressSpace.CONSTANT);
        IrType.Array priv = new IrType.Array(Scalar.INT, AddressSpace.PRIVATE);
        Var c = new Var(4, "l_c", table);
        Var p = new Var(5, "l_p", priv);
        Var fc = new Var(6, "l_fc", new IrType.Array(Scalar.FLOAT, AddressSpace.CONSTANT));
        ConstantArrayDecl ints = new ConstantArrayDecl(0, Scalar.INT, List.of(Const.ofInt(1), Const.ofInt(2)), "t.K.T");
        IrFunction ok = new IrFunction("k", true, "test.K.k()V", List.of(a), IrType.VOID, List.of(i, c, p), List.of(),
                List.of(block(0, ret(), new Stmt.ConstantArray(c, 0), new Stmt.PrivateArray(p, 0),
                        new Stmt.Load(i, c, Const.ofInt(1)), new Stmt.Store(p, Const.ofInt(0), i))),
                FailureMode.RETURN, false, List.of(new PrivateArrayDecl(0, Scalar.INT, 3)));
        KernelIR good = new KernelIR("K.k", ok, List.of(), List.of(), Set.of(), org.jdotcompute.api.CheckMode.NONE,
                List.of(ints));
        assertEquals(List.of(), IrVerifier.problems(good));
        IrFunction bad = new IrFunction("k", true, "test.K.k()V", List.of(a), IrType.VOID, List.of(i, c, p, fc),
                List.of(), List.of(block(0, ret(), new Stmt.ConstantArray(fc, 0), new Stmt.ConstantArray(c, 3),
                        new Stmt.PrivateArray(p, 1), new Stmt.Store(c, Const.ofInt(0), i),
                        new Stmt.Atomic(i, AtomicOp.ADD, p, Const.ofInt(0), List.of(Const.ofInt(1))))),
                FailureMode.RETURN, false, List.of(new PrivateArrayDecl(0, Scalar.INT, 3),
                        new PrivateArrayDecl(0, Scalar.INT, 5)));
        assertEquals(List.of("k: two private arrays have id 0",
                "k B0: constant array is float[]@constant, expected int[]@constant",
                "k B0: uses constant array 3, but the kernel has 1",
                "k B0: uses private array 1, which k does not declare",
                "k B0: stores into the constant table l_c",
                "k B0: atomic ADD on the int[]@private array l_p; atomics work on global and group-local arrays"),
                IrVerifier.problems(new KernelIR("K.k", bad, List.of(), List.of(), Set.of(IrFeature.ATOMIC_INT32),
                        org.jdotcompute.api.CheckMode.NONE, List.of(ints))));
    }

    @Test
    @DisplayName("a kernel's array parameters are global, and the constant table ids are their indices")
    void kernelArrays() {
        Var local = new Var(0, "p_t", new IrType.Array(Scalar.INT, AddressSpace.CONSTANT));
        assertEquals(List.of("kernel parameter p_t is int[]@constant; kernel arrays live in global memory"),
                IrVerifier.problems(ir(kernel(List.of(local), List.of(), block(0, ret())))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KernelIR("K.k",
                kernel(List.of(), List.of(), block(0, ret())), List.of(), List.of(), Set.of(),
                org.jdotcompute.api.CheckMode.NONE, List.of(new ConstantArrayDecl(1, Scalar.INT, List.of(), "t.K.T"))));
        assertEquals("constant array t.K.T at index 0 has id 1; ids must be the indices", e.getMessage());
    }

    @Test
    @DisplayName("a CONTINUE function calls only RETURN functions that neither fail nor reach a barrier")
    void mixedModes() {
        Var p = new Var(0, "p_v", IrType.INT);
        IrFunction pure = new IrFunction("pure", false, "test.K.pure(I)I", List.of(p), IrType.INT, List.of(), List.of(),
                List.of(block(0, new Terminator.Return(Optional.of(p)))), FailureMode.RETURN, false);
        IrFunction syncs = new IrFunction("syncs", false, "test.K.syncs()V", List.of(), IrType.VOID, List.of(),
                List.of(), List.of(block(0, ret(), new Stmt.Barrier())), FailureMode.RETURN, false);
        IrFunction cont = new IrFunction("cont", false, "test.K.cont()V", List.of(), IrType.VOID, List.of(),
                List.of(), List.of(block(0, ret(), new Stmt.Barrier())), FailureMode.CONTINUE, false);
        KernelIR ok = ir(kernel(List.of(a), List.of(i), FailureMode.CONTINUE, false, List.of(),
                block(0, ret(), new Stmt.Call(Optional.of(i), "pure", List.of(i)), new Stmt.Call(Optional.empty(),
                        "cont", List.of()))), List.of(), Set.of(IrFeature.BARRIER), pure, cont);
        assertEquals(List.of(), IrVerifier.problems(ok));
        IrFunction returning = new IrFunction("ret", false, "test.K.ret()V", List.of(), IrType.VOID, List.of(),
                List.of(), List.of(block(0, ret(), new Stmt.Call(Optional.empty(), "cont", List.of()))),
                FailureMode.RETURN, false);
        KernelIR bad = ir(kernel(List.of(a), List.of(i), FailureMode.CONTINUE, false, List.of(),
                block(0, ret(), new Stmt.Call(Optional.empty(), "syncs", List.of()))), List.of(),
                Set.of(IrFeature.BARRIER), syncs, cont, returning);
        assertEquals(List.of("ret B0: the RETURN function calls the CONTINUE function cont",
                "k B0: the CONTINUE function calls the RETURN function syncs, which reaches a barrier; a CONTINUE"
                        + " function may call only RETURN functions that neither fail nor reach a barrier"),
                IrVerifier.problems(bad));
    }
}
