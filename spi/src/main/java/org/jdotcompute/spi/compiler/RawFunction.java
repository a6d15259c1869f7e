package org.jdotcompute.spi.compiler;

import java.util.List;
import java.util.Set;

import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.PrivateArrayDecl;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;

/**
 * A translated function before failure handling is decided: blocks keep their raw ids, and a
 * block ending in {@code athrow} holds the thrown exception instead of a terminator.
 */
record RawFunction(String name, boolean kernel, String javaName, List<Var> parameters, IrType returnType,
        List<Var> variables, List<LocalArrayDecl> localArrays, List<RawBlock> blocks, boolean barrier,
        Set<String> callees, boolean hasFailurePoints, List<PrivateArrayDecl> privateArrays) {
    RawFunction {
        privateArrays = List.copyOf(privateArrays);
        parameters = List.copyOf(parameters);
        variables = List.copyOf(variables);
        localArrays = List.copyOf(localArrays);
        blocks = List.copyOf(blocks);
        callees = Set.copyOf(callees);
    }

    /**
     * One block.
     *
     * @param id         the raw id (the ordinal of its first instruction among block leaders)
     * @param statements the statements
     * @param terminator how it ends, or {@code null} if it throws {@code thrown}
     * @param thrown     the exception an {@code athrow} ends it with, or {@code null}
     */
    record RawBlock(int id, List<Stmt> statements, Terminator terminator, AType.Exc thrown) {
        RawBlock {
            statements = List.copyOf(statements);
            if ((terminator == null) == (thrown == null)) {
                throw new IllegalArgumentException("a block ends in exactly one of a terminator or a throw");
            }
        }
    }
}
