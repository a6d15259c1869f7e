package org.jdotcompute.backend.opencl;

import java.util.ArrayList;
import java.util.List;

import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;

/** Builds an {@link IrFunction} by hand, for tests written before the front end exists. Not thread-safe. */
final class IrBuilder {
    private final String name;
    private final boolean kernel;
    private final String javaName;
    private final IrType returnType;
    private final List<Var> parameters = new ArrayList<>();
    private final List<Var> locals = new ArrayList<>();
    private final List<LocalArrayDecl> localArrays = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private int nextVar;

    private IrBuilder(String name, boolean kernel, String javaName, IrType returnType) {
        this.name = name;
        this.kernel = kernel;
        this.javaName = javaName;
        this.returnType = returnType;
    }

    static IrBuilder kernel(String name, String javaName) {
        return new IrBuilder(name, true, javaName, IrType.VOID);
    }

    static IrBuilder function(String name, String javaName, IrType returnType) {
        return new IrBuilder(name, false, javaName, returnType);
    }

    static IrType.Array global(Scalar element) {
        return new IrType.Array(element, AddressSpace.GLOBAL);
    }

    static IrType.Array local(Scalar element) {
        return new IrType.Array(element, AddressSpace.LOCAL);
    }

    Var param(String n, IrType type) {
        Var v = new Var(nextVar++, n, type);
        parameters.add(v);
        return v;
    }

    Var local(String n, IrType type) {
        Var v = new Var(nextVar++, n, type);
        locals.add(v);
        return v;
    }

    /** Declares a group-local array and returns its id. */
    int localArray(Scalar element, int length) {
        int id = localArrays.size();
        localArrays.add(new LocalArrayDecl(id, element, length));
        return id;
    }

    BlockBuilder block(int id) {
        return new BlockBuilder(id);
    }

    IrFunction build(FailureMode mode, boolean mayFail) {
        return new IrFunction(name, kernel, javaName, parameters, returnType, locals, localArrays, blocks, mode, mayFail);
    }

    /** One block's statements. */
    final class BlockBuilder {
        private final int id;
        private final List<Stmt> statements = new ArrayList<>();

        private BlockBuilder(int id) {
            this.id = id;
        }

        BlockBuilder add(Stmt s) {
            statements.add(s);
            return this;
        }

        void end(Terminator t) {
            blocks.add(new Block(id, statements, t));
        }
    }
}
