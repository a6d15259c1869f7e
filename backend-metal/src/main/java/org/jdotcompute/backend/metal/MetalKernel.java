package org.jdotcompute.backend.metal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * A compiled kernel: a compute pipeline of a cached library. The pipeline is immutable and
 * shared; it is released with the backend. Thread-safe: every launch encodes its own command
 * buffer.
 */
final class MetalKernel implements BackendKernel {
    private final String name;
    final MetalApi.PipelineInfo pipeline;
    /** The IR and MSL of a Java kernel; empty for a source kernel (each parameter in slot {@code [[buffer(i)]]}). */
    final Optional<KernelIR> ir;
    final Optional<MslProgram> program;
    final List<Class<?>> parameterTypes;
    final ClassLoader loader;
    private final AtomicBoolean closed = new AtomicBoolean();

    MetalKernel(String name, MetalApi.PipelineInfo pipeline, Optional<KernelIR> ir, Optional<MslProgram> program,
            List<Class<?>> parameterTypes, ClassLoader loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.ir = Objects.requireNonNull(ir, "ir");
        this.program = Objects.requireNonNull(program, "program");
        this.parameterTypes = List.copyOf(parameterTypes);
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether the kernel uses barriers or group-local memory and so needs an explicit local size. */
    boolean needsLocalSize() {
        return ir.map(k -> k.uses(IrFeature.BARRIER) || k.uses(IrFeature.LOCAL_MEMORY)).orElse(false);
    }

    /**
     * Whether the kernel asks for nothing but global ids and sizes, so that it may run with a
     * partial last threadgroup. A source kernel may ask for anything: false.
     */
    boolean onlyGlobalQueries() {
        if (ir.isEmpty() || needsLocalSize()) {
            return false;
        }
        for (IrFunction f : ir.get().functions()) {
            for (Block b : f.blocks()) {
                for (Stmt s : b.statements()) {
                    if (s instanceof Stmt.WorkItem w && w.query() != WorkItemQuery.GLOBAL_ID
                            && w.query() != WorkItemQuery.GLOBAL_SIZE) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed; compile it again");
        }
    }

    @Override
    public void close() {
        closed.set(true); // the pipeline stays cached until the backend closes
    }

    @Override
    public String toString() {
        return "Metal kernel '" + name + "'";
    }
}
