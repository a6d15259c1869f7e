package org.jdotcompute.testkit.corpus;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;

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
                        invoke(handle, new Context(gid, new int[3], gid, global, one, global, new Group(null)), args,
                                failures);
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
        return failures.first == null ? Optional.empty()
                : Optional.of(DeviceKernelException.fromJavaException(BACKEND, kernelName, failures.first,
                        failures.firstGid, failures.count));
    }

    private static void runGroup(MethodHandle handle, Object[] args, Failures failures, int[] global, int[] local,
            int[] groups, int[] group) {
        Group g = new Group(new Phaser(local[0] * local[1] * local[2]));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int z = 0; z < local[2]; z++) {
                for (int y = 0; y < local[1]; y++) {
                    for (int x = 0; x < local[0]; x++) {
                        int[] lid = {x, y, z};
                        int[] gid = {group[0] * local[0] + x, group[1] * local[1] + y, group[2] * local[2] + z};
                        Context ctx = new Context(gid, lid, group, global, local, groups, g);
                        executor.submit(() -> {
                            try {
                                invoke(handle, ctx, args, failures);
                            } finally {
                                g.phaser.arriveAndDeregister();
                            }
                        });
                    }
                }
            }
        }
    }

    private static void invoke(MethodHandle handle, Context ctx, Object[] args, Failures failures) {
        try {
            handle.invoke(ctx, args);
        } catch (VirtualMachineError e) {
            failures.fatal(e);
            throw e;
        } catch (Throwable t) {
            failures.record(t, ctx.gid);
        }
    }

    /** The lowest failing work-item, the number of failing work-items and a fatal error; guarded by its monitor. */
    private static final class Failures {
        private Throwable first;
        private int[] firstGid;
        private long count;
        private VirtualMachineError fatal;

        synchronized void record(Throwable t, int[] gid) {
            count++;
            // Lowest global id first (x fastest), so the report does not depend on thread timing.
            if (first == null || before(gid, firstGid)) {
                first = t;
                firstGid = gid.clone();
            }
        }

        synchronized void fatal(VirtualMachineError e) {
            if (fatal == null) {
                fatal = e;
            }
        }

        /** Throws the first fatal error of a work-item thread, which its executor would have kept. */
        synchronized void throwFatal() {
            if (fatal != null) {
                throw fatal;
            }
        }

        private static boolean before(int[] a, int[] b) {
            for (int d = 2; d >= 0; d--) {
                if (a[d] != b[d]) {
                    return a[d] < b[d];
                }
            }
            return false;
        }
    }

    /** A work-group's barrier ({@code null} without a local size) and group-local arrays; guarded by its monitor. */
    private static final class Group {
        private final Phaser phaser;
        private final List<Object> locals = new ArrayList<>();

        Group(Phaser phaser) {
            this.phaser = phaser;
        }

        synchronized Object local(int k, Class<?> type, int n) {
            if (k == locals.size()) {
                locals.add(Array.newInstance(type, n));
            }
            Object a = locals.get(k);
            if (a.getClass().getComponentType() != type || Array.getLength(a) != n) {
                throw new IllegalStateException("the work-items of a group asked for different local arrays");
            }
            return a;
        }
    }

    /** One work-item's context; confined to its thread. */
    private static final class Context implements KernelContext {
        private final int[] gid;
        private final int[] lid;
        private final int[] group;
        private final int[] global;
        private final int[] local;
        private final int[] groups;
        private final Group g;
        private int localCalls;

        Context(int[] gid, int[] lid, int[] group, int[] global, int[] local, int[] groups, Group g) {
            this.gid = gid;
            this.lid = lid;
            this.group = group;
            this.global = global;
            this.local = local;
            this.groups = groups;
            this.g = g;
        }

        private static int dim(int d) {
            if (d < 0 || d > 2) {
                throw new IllegalArgumentException("dimension " + d + " is out of range; use 0, 1 or 2");
            }
            return d;
        }

        @Override
        public int globalId(int dim) {
            return gid[dim(dim)];
        }

        @Override
        public int localId(int dim) {
            return lid[dim(dim)];
        }

        @Override
        public int groupId(int dim) {
            return group[dim(dim)];
        }

        @Override
        public int globalSize(int dim) {
            return global[dim(dim)];
        }

        @Override
        public int localSize(int dim) {
            return local[dim(dim)];
        }

        @Override
        public int numGroups(int dim) {
            return groups[dim(dim)];
        }

        @Override
        public void barrier() {
            if (g.phaser == null) {
                throw new IllegalStateException("barrier() needs a range with a local size");
            }
            g.phaser.arriveAndAwaitAdvance();
        }

        @Override
        public float[] localFloats(int n) {
            return (float[]) g.local(localCalls++, float.class, n);
        }

        @Override
        public double[] localDoubles(int n) {
            return (double[]) g.local(localCalls++, double.class, n);
        }

        @Override
        public int[] localInts(int n) {
            return (int[]) g.local(localCalls++, int.class, n);
        }

        @Override
        public long[] localLongs(int n) {
            return (long[]) g.local(localCalls++, long.class, n);
        }

        @Override
        public short[] localShorts(int n) {
            return (short[]) g.local(localCalls++, short.class, n);
        }

        @Override
        public byte[] localBytes(int n) {
            return (byte[]) g.local(localCalls++, byte.class, n);
        }
    }
}
