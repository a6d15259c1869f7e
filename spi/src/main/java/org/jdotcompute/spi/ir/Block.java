package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;

/**
 * A basic block: statements, then one terminator.
 *
 * @param id         unique within the function; the label emitters use ({@code B3})
 * @param statements the statements in order
 * @param terminator how it ends
 */
public record Block(int id, List<Stmt> statements, Terminator terminator) {
    public Block {
        statements = List.copyOf(statements);
        Objects.requireNonNull(terminator, "terminator");
    }
}
