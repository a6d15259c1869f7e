package org.jdotcompute.testkit.corpus;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;

/**
 * Runs a kernel as plain Java, calling the method once per work-item: sequentially (each
 * work-item a group of one) without a local size, and with one virtual thread per work-item of a
 * group (barriers on a {@link Phaser}; a finished work-item deregisters) with one. Failures become
 * the {@link DeviceKernelException} the CPU backend reports ({@link DeviceKernelException#fromJavaException}).
 * Test-only: the CPU backend is developed elsewhere.
 */
final class JavaReference {
    static final String BACKEND = "Java";

    private JavaReference() {
    }

    static Optional<DeviceKernelException> run(CorpusKernel kernel, List<Object> arguments) {
        return run(kernel.method(), kernel.owner().getSimpleName() + "." + kernel.methodName(), kernel.range(),
                arguments);
    }

    static Optional<DeviceKernelException> run(Method method, String kernelName, Range range, List<Object> arguments) {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
        Failures failures = new Failures();
        int[] global = {range.global(0), range.global(1), range.global(2)};
        if (!range.hasLocal()) {
            for (int z = 0; z < global[2]; z++) {
                for (int y = 0; y < global[1]; y++) {
                    for (int x = 0; x < global[0]; x++) {
                        int[] gid = {x, y, z};
                        Context ctx = new Context(gid, new int[3], gid, global, new int[] {1, 1, 1}, global,
                                new Group(null));
                        invoke(handle, ctx, arguments, failures);
                    }
                }
            }
        } else {
            int[] local = {range.local(0), range.local(1), range.local(2)};
            int[] groups = {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
            for (int gz = 0; gz < groups[2]; gz++) {
                for (int gy = 0; gy < groups[1]; gy++) {
                    for (int gx = 0; gx < groups[0]; gx++) {
                        runGroup(handle, arguments, failures, global, local, groups, new int[] {gx, gy, gz});
                    }
                }
            }
        }
        return failures.first == null ? Optional.empty()
                : Optional.of(DeviceKernelException.fromJavaException(BACKEND, kernelName, failures.first,
                        failures.firstGid, failures.count));
    }

    private static void runGroup(MethodHandle handle, List<Object> arguments, Failures failures, int[] global,
            int[] local, int[] groups, int[] group) {
        int size = local[0] * local[1] * local[2];
        Group g = new Group(new Phaser(size));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int z = 0; z < local[2]; z++) {
                for (int y = 0; y < local[1]; y++) {
                    for (int x = 0; x < local[0]; x++) {
                        int[] lid = {x, y, z};
                        int[] gid = {group[0] * local[0] + x, group[1] * local[1] + y, group[2] * local[2] + z};
                        Context ctx = new Context(gid, lid, group, global, local, groups, g);
                        executor.submit(() -> {
                            try {
                                invoke(handle, ctx, arguments, failures);
                            } finally {
                                g.phaser.arriveAndDeregister();
                            }
                        });
                    }
                }
            }
        }
    }

    private static void invoke(MethodHandle handle, Context ctx, List<Object> arguments, Failures failures) {
        List<Object> all = new ArrayList<>(arguments.size() + 1);
        all.add(ctx);
        all.addAll(arguments);
        try {
            handle.invokeWithArguments(all);
        } catch (Throwable t) {
            failures.record(t, ctx.gid);
        }
    }

    private static final class Failures {
        Throwable first;
        int[] firstGid;
        long count;

        synchronized void record(Throwable t, int[] gid) {
            count++;
            if (first == null) {
                first = t;
                firstGid = gid.clone();
            }
        }
    }

    private static final class Group {
        final Phaser phaser;
        final List<Object> locals = new ArrayList<>();

        Group(Phaser phaser) {
            this.phaser = phaser;
        }

        synchronized Object local(int k, Class<?> type, int n) {
            if (k == locals.size()) {
                locals.add(java.lang.reflect.Array.newInstance(type, n));
            }
            Object a = locals.get(k);
            if (a.getClass().getComponentType() != type || java.lang.reflect.Array.getLength(a) != n) {
                throw new IllegalStateException("the work-items of a group asked for different local arrays");
            }
            return a;
        }
    }

    private static final class Context implements KernelContext {
        final int[] gid;
        final int[] lid;
        final int[] group;
        final int[] global;
        final int[] local;
        final int[] groups;
        final Group g;
        int localCalls;

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
                throw new IllegalArgumentException("dimension " + d);
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
