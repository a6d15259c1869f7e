package org.jdotcompute.backend.cuda.ptx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;

/** Builds {@link IrFunction}s by hand for tests, until the bytecode front end lands. Not thread-safe. */
final class FunctionBuilder {
    private final String name;
    private final boolean kernel;
    private final FailureMode mode;
    private final List<Var> params = new ArrayList<>();
    private final List<Var> locals = new ArrayList<>();
    private final List<LocalArrayDecl> localArrays = new ArrayList<>();
    private final Map<Integer, Block> blocks = new LinkedHashMap<>();
    private int nextVar;
    private int current = -1;
    private List<Stmt> stmts;

    FunctionBuilder(String name, boolean kernel, FailureMode mode) {
        this.name = name;
        this.kernel = kernel;
        this.mode = mode;
    }

    static IrType.Array global(Scalar s) {
        return new IrType.Array(s, AddressSpace.GLOBAL);
    }

    static IrType.Array local(Scalar s) {
        return new IrType.Array(s, AddressSpace.LOCAL);
    }

    static Const i(int v) {
        return Const.ofInt(v);
    }

    static Const l(long v) {
        return Const.ofLong(v);
    }

    static Const f(float v) {
        return Const.ofFloat(v);
    }

    static Const d(double v) {
        return Const.ofDouble(v);
    }

    Var param(String n, IrType t) {
        Var v = new Var(nextVar++, n, t);
        params.add(v);
        return v;
    }

    Var var(String n, IrType t) {
        Var v = new Var(nextVar++, n, t);
        locals.add(v);
        return v;
    }

    LocalArrayDecl localArray(Scalar element, int length) {
        LocalArrayDecl d = new LocalArrayDecl(localArrays.size(), element, length);
        localArrays.add(d);
        return d;
    }

    /** Starts block {@code id}. */
    FunctionBuilder block(int id) {
        if (stmts != null) {
            throw new IllegalStateException("block " + current + " has no terminator");
        }
        current = id;
        stmts = new ArrayList<>();
        return this;
    }

    FunctionBuilder add(Stmt s) {
        stmts.add(s);
        return this;
    }

    FunctionBuilder end(Terminator t) {
        blocks.put(current, new Block(current, stmts, t));
        stmts = null;
        return this;
    }

    FunctionBuilder ret() {
        return end(new Terminator.Return(Optional.empty()));
    }

    FunctionBuilder ret(Operand v) {
        return end(new Terminator.Return(Optional.of(v)));
    }

    IrFunction build(IrType returnType) {
        if (stmts != null) {
            throw new IllegalStateException("block " + current + " has no terminator");
        }
        return new IrFunction(name, kernel, "test.Kernels." + name + "(...)", params, returnType, locals, localArrays,
                List.copyOf(blocks.values()), mode, true);
    }
}
