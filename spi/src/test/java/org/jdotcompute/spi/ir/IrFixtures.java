package org.jdotcompute.spi.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceErrorSite;

/** Small builders for hand-made IR in tests. */
final class IrFixtures {
    static final IrType.Array INTS = new IrType.Array(Scalar.INT, AddressSpace.GLOBAL);
    static final IrType.Array FLOATS = new IrType.Array(Scalar.FLOAT, AddressSpace.GLOBAL);

    private IrFixtures() {
    }

    static Block block(int id, Terminator t, Stmt... stmts) {
        return new Block(id, List.of(stmts), t);
    }

    static Terminator ret() {
        return new Terminator.Return(Optional.empty());
    }

    static Terminator jump(int target) {
        return new Terminator.Goto(target);
    }

    static IrFunction kernel(List<Var> params, List<Var> locals, FailureMode mode, boolean mayFail,
            List<LocalArrayDecl> arrays, Block... blocks) {
        return new IrFunction("k", true, "test.K.k()V", params, IrType.VOID, locals, arrays, List.of(blocks), mode,
                mayFail);
    }

    static IrFunction kernel(List<Var> params, List<Var> locals, Block... blocks) {
        return kernel(params, locals, FailureMode.RETURN, false, List.of(), blocks);
    }

    static KernelIR ir(IrFunction kernel, List<DeviceErrorSite> sites, Set<IrFeature> features, IrFunction... device) {
        return new KernelIR("K.k", kernel, List.of(device), sites, features, CheckMode.INDEX);
    }

    static KernelIR ir(IrFunction kernel) {
        return ir(kernel, List.of(), Set.of());
    }

    static DeviceErrorSite bounds(int line) {
        return DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                "Index \u0001 out of bounds for length \u0001",
                List.of(DeviceErrorSite.ArgumentType.INT, DeviceErrorSite.ArgumentType.INT), "K.k", "test.K", "k",
                "K.java", line);
    }

    static DeviceErrorSite message(String template, int line, DeviceErrorSite.ArgumentType... types) {
        return DeviceErrorSite.ofMessage("java.lang.IllegalStateException", template, List.of(types), "K.k", "test.K",
                "k", "K.java", line);
    }

    static List<Var> vars(Var... v) {
        return new ArrayList<>(List.of(v));
    }
}
