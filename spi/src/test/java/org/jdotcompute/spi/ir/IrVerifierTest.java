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
}
