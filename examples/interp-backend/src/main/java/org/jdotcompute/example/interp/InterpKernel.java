package org.jdotcompute.example.interp;

import java.util.List;
import java.util.Objects;

import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrInterpreter;

/**
 * A kernel of the {@code interp} backend: its verified IR in an {@link IrInterpreter}, its
 * parameter types, and the class loader that sees its exception classes (to rebuild failures).
 * Thread-safe (immutable but for the closed flag).
 */
final class InterpKernel implements BackendKernel {
    private final InterpBackend backend;
    private final String name;
    private final IrInterpreter interpreter;
    private final List<Class<?>> parameterTypes;
    private final ClassLoader loader; // null: the bootstrap loader
    private volatile boolean closed;

    InterpKernel(InterpBackend backend, String name, IrInterpreter interpreter, List<Class<?>> parameterTypes,
            ClassLoader loader) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.name = Objects.requireNonNull(name, "name");
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.parameterTypes = List.copyOf(parameterTypes);
        this.loader = loader;
    }

    @Override
    public String name() {
        return name;
    }

    IrInterpreter interpreter() {
        return interpreter;
    }

    List<Class<?>> parameterTypes() {
        return parameterTypes;
    }

    /** The class loader of the kernel's class, {@code null} for the bootstrap loader. */
    ClassLoader loader() {
        return loader;
    }

    boolean belongsTo(InterpBackend b) {
        return backend == b;
    }

    /** Whether the kernel uses barriers or group-local arrays, and so needs a range with a local size. */
    boolean needsLocalSize() {
        return interpreter.ir().uses(IrFeature.BARRIER) || interpreter.ir().uses(IrFeature.LOCAL_MEMORY);
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed; compile it again");
        }
    }

    /** Marks the kernel closed when its backend closes. */
    void markClosed() {
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backend.released(this);
        }
    }

    @Override
    public String toString() {
        return InterpBackendProvider.DISPLAY_NAME + " kernel '" + name + "'";
    }
}
