package org.jdotcompute.testkit.corpus;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.internal.WorkItems;
import org.jdotcompute.testkit.internal.WorkItems.Context;
import org.jdotcompute.testkit.internal.WorkItems.Failures;
import org.jdotcompute.testkit.internal.WorkItems.Group;

/**
 * Runs a kernel as plain Java on the JVM: the reference that backends' results and failures are
 * compared with (the conformance kit's, the corpus' differential tests', and any backend
 * author's, together with {@link Corpus}, {@link Comparison} and {@link ExpectedFailure}).
 *
 * <p>The kernel method is called once per work-item with its own {@link KernelContext}:
 * <ul>
 * <li>without a local size, the work-items run one after another on the calling thread, in
 *     row-major order ({@code x} fastest), each a work-group of one; {@code barrier()} throws
 *     {@link IllegalStateException} as it needs a range with a local size;</li>
 * <li>with a local size, work-groups run one after another, each with one virtual thread per
 *     work-item: {@code barrier()} waits on the group's {@link Phaser} (a finished or failed
 *     work-item deregisters, so the others are not held up), and the group's {@code k}-th
 *     group-local array request returns the group's {@code k}-th array.</li>
 * </ul>
 * Arrays in the arguments are read and written in place. A work-item's exception is the
 * launch's failure: the result is the {@link DeviceKernelException} the JVM-based CPU backend
 * reports ({@link DeviceKernelException#fromJavaException}), for the failing work-item with the
 * lowest global id (row-major order, so the report does not depend on thread timing), with the
 * number of failing work-items. Every work-item runs, failing or not, as on a GPU. A
 * {@link VirtualMachineError} is no kernel failure: it propagates (after the running work-group
 * has finished).
 *
 * <p>Stateless and thread-safe; a launch's work-items share only what the kernel shares.
 */
public final class JvmReference {
    /** The backend name in the exceptions this reference builds. */
    public static final String BACKEND = "JVM";

    private JvmReference() {
    }

    /**
     * Runs corpus kernel {@code kernel} over its {@link CorpusKernel#range()}.
     *
     * @param arguments the kernel's arguments after the context, e.g. {@link CorpusKernel#inputs(long)};
     *                  arrays are written in place
     * @return the failure, if a work-item threw
     */
    public static Optional<DeviceKernelException> run(CorpusKernel kernel, List<Object> arguments) {
        Objects.requireNonNull(kernel, "kernel");
        return run(MethodHandles.publicLookup(), kernel.method(), kernel.owner().getSimpleName() + "."
                + kernel.methodName(), kernel.range(), arguments);
    }

    /**
     * Runs the public static kernel method {@code kernel} of a public class in an exported package.
     * The failure names the kernel {@code SimpleClassName.method}.
     *
     * @param arguments the kernel's arguments after the context; arrays are written in place
     * @return the failure, if a work-item threw
     */
    public static Optional<DeviceKernelException> run(Method kernel, Range range, List<Object> arguments) {
        return run(MethodHandles.publicLookup(), kernel, range, arguments);
    }

    /**
     * Runs the static kernel method {@code kernel}, called through {@code lookup} (for kernels
     * the public lookup cannot call: pass {@code MethodHandles.lookup()} from the kernel's class).
     * The failure names the kernel {@code SimpleClassName.method}.
     *
     * @param arguments the kernel's arguments after the context; arrays are written in place
     * @return the failure, if a work-item threw
     * @throws IllegalArgumentException if {@code lookup} cannot call {@code kernel}
     */
    public static Optional<DeviceKernelException> run(MethodHandles.Lookup lookup, Method kernel, Range range,
            List<Object> arguments) {
        Objects.requireNonNull(kernel, "kernel");
        return run(lookup, kernel, kernel.getDeclaringClass().getSimpleName() + "." + kernel.getName(), range,
                arguments);
    }

    private static Optional<DeviceKernelException> run(MethodHandles.Lookup lookup, Method method, String kernelName,
            Range range, List<Object> arguments) {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(arguments, "arguments");
        MethodHandle handle;
        try {
            handle = lookup.unreflect(method).asSpreader(Object[].class, arguments.size());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("the JVM reference cannot call " + method + " through " + lookup
                    + "; pass a lookup with access to it (MethodHandles.lookup() in the kernel's class)", e);
        }
        Object[] args = arguments.toArray();
        Failures failures = new Failures();
        int[] global = {range.global(0), range.global(1), range.global(2)};
        if (!range.hasLocal()) {
            int[] one = {1, 1, 1};
            for (int z = 0; z < global[2]; z++) {
                for (int y = 0; y < global[1]; y++) {
                    for (int x = 0; x < global[0]; x++) {
                        int[] gid = {x, y, z};
                        WorkItems.invoke(handle, new Context(gid, new int[3], gid, global, one, global,
                                Group.withoutBarrier()), args, failures);
                    }
                }
            }
        } else {
            int[] local = {range.local(0), range.local(1), range.local(2)};
            int[] groups = {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
            for (int gz = 0; gz < groups[2]; gz++) {
                for (int gy = 0; gy < groups[1]; gy++) {
                    for (int gx = 0; gx < groups[0]; gx++) {
                        runGroup(handle, args, failures, global, local, groups, new int[] {gx, gy, gz});
                        failures.throwFatal();
                    }
                }
            }
        }
        return failures.exception(BACKEND, kernelName);
    }

    private static void runGroup(MethodHandle handle, Object[] args, Failures failures, int[] global, int[] local,
            int[] groups, int[] group) {
        Group g = Group.withBarrier(new Phaser(local[0] * local[1] * local[2]));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int z = 0; z < local[2]; z++) {
                for (int y = 0; y < local[1]; y++) {
                    for (int x = 0; x < local[0]; x++) {
                        int[] lid = {x, y, z};
                        int[] gid = {group[0] * local[0] + x, group[1] * local[1] + y, group[2] * local[2] + z};
                        Context ctx = new Context(gid, lid, group, global, local, groups, g);
                        executor.submit(() -> {
                            try {
                                WorkItems.invoke(handle, ctx, args, failures);
                            } finally {
                                g.arriveAndDeregister();
                            }
                        });
                    }
                }
            }
        }
    }
}
