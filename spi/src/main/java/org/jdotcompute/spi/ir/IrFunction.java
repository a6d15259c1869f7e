package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;

/**
 * One function: the kernel or a device function it calls.
 *
 * @param name         a C identifier unique within the {@link KernelIR}
 * @param kernel       whether this is the kernel entry point
 * @param javaName     the Java method, {@code binary.ClassName.method(descriptor)}, for messages
 * @param parameters   the parameters (for the kernel: the Java parameters after {@code KernelContext})
 * @param returnType   the result type ({@link IrType#VOID} for kernels)
 * @param locals       every other variable
 * @param localArrays  the group-local arrays (kernel only; empty for device functions)
 * @param blocks       the blocks; the first is the entry
 * @param failureMode  what happens after a failure
 * @param mayFail      whether this function can record a failure (directly or through a callee)
 * @param privateArrays the per-work-item arrays it allocates ({@link Stmt.PrivateArray})
 */
public record IrFunction(String name, boolean kernel, String javaName, List<Var> parameters, IrType returnType,
        List<Var> locals, List<LocalArrayDecl> localArrays, List<Block> blocks, FailureMode failureMode,
        boolean mayFail, List<PrivateArrayDecl> privateArrays) {
    public IrFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaName, "javaName");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(returnType, "returnType");
        locals = List.copyOf(locals);
        localArrays = List.copyOf(localArrays);
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(failureMode, "failureMode");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("function " + name + " has no blocks");
        }
        if (!kernel && !localArrays.isEmpty()) {
            throw new IllegalArgumentException("device function " + name + " cannot declare local arrays");
        }
        privateArrays = List.copyOf(privateArrays);
    }

    /** A function without private arrays. */
    public IrFunction(String name, boolean kernel, String javaName, List<Var> parameters, IrType returnType,
            List<Var> locals, List<LocalArrayDecl> localArrays, List<Block> blocks, FailureMode failureMode,
            boolean mayFail) {
        this(name, kernel, javaName, parameters, returnType, locals, localArrays, blocks, failureMode, mayFail,
                List.of());
    }

    /** The entry block. */
    public Block entry() {
        return blocks.getFirst();
    }
}
