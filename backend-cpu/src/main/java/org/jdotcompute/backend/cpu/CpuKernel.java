package org.jdotcompute.backend.cpu;

import java.lang.reflect.Method;
import java.util.List;

import org.jdotcompute.spi.BackendKernel;

/**
 * A kernel compiled by the CPU backend: its generated loop and whether it needs work-groups.
 * Immutable and thread-safe; {@link #close()} only marks it closed (the hidden class is
 * unloaded with the last reference).
 *
 * @param name           {@code SimpleClassName.method}
 * @param method         the kernel method
 * @param loop           the generated loop
 * @param parameterTypes the parameter types after the context
 * @param groupCall      the group feature the kernel uses ({@code "ctx.barrier()"} …), {@code ""} for none
 */
record CpuKernel(String name, Method method, KernelLoop loop, List<Class<?>> parameterTypes, String groupCall)
        implements BackendKernel {
    CpuKernel {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** Whether the kernel uses barriers or group-local arrays. */
    boolean usesGroups() {
        return !groupCall.isEmpty();
    }

    @Override
    public void close() {
        // Nothing to release: the generated class goes with the last reference.
    }
}
