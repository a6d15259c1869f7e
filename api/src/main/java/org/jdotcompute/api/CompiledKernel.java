package org.jdotcompute.api;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A kernel compiled for one runtime's backend. Launch it with
 * {@link ComputeRuntime#launch(CompiledKernel, Range, Object...)} on the runtime that compiled it.
 * Thread-safe; the counters are updated after each launch returns.
 */
public interface CompiledKernel {
    /** The kernel's name as used in messages: {@code SimpleClassName.method}. */
    String name();

    /** The Java kernel method; empty for a {@link SourceKernel}. */
    Optional<Method> method();

    /** The kernel's parameter types after the {@link KernelContext}. */
    List<Class<?>> parameterTypes();

    /** The id of the backend it was compiled for. */
    String backendId();

    /** The check mode it was compiled with. */
    CheckMode checks();

    /** How many launches of this kernel completed (successfully or with a kernel failure). */
    long launchCount();

    /** The summed wall-clock time of all launches, transfers included. */
    Duration totalDuration();

    /** The wall-clock time of the latest launch ({@link Duration#ZERO} before the first). */
    Duration lastDuration();
}
