package org.jdotcompute.example.interp.tests;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.corpus.CorpusKernel;

/**
 * The oracle: a corpus kernel run as plain Java, the method called once per work-item. Without a
 * local size, work-items run one after another in order; with one, each work-group runs one
 * virtual thread per work-item, barriers on a {@link Phaser} (a finished work-item deregisters)
 * and group-local arrays shared through the group. A failure becomes the
 * {@link DeviceKernelException} the CPU backend reports ({@link DeviceKernelException#fromJavaException}):
 * the first failure, and how many work-items failed.
 */
final class PlainJava {
    static final String BACKEND = "Java";

    private PlainJava() {
    }

    /** Runs {@code kernel} over its range on {@code arguments} (changed in place). */
    static Optional<DeviceKernelException> run(CorpusKernel kernel, List<Object> arguments) {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(kernel.method());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("corpus kernel " + kernel + " is not public: " + kernel.method(), e);
        }
        Range range = kernel.range();
        Failures failures = new Failures();
        int[] global = {range.global(0), range.global(1), range.global(2)};
        int[] local = range.hasLocal() ? new int[] {range.local(0), range.local(1), range.local(2)} : new int[] {1, 1, 1};
        int[] groups = {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
        for (int gz = 0; gz < groups[2]; gz++) {
            for (int gy = 0; gy < groups[1]; gy++) {
                for (int gx = 0; gx < groups[0]; gx++) {
                    int[] group = {gx, gy, gz};
                    if (range.hasLocal()) {
                        runGroup(handle, arguments, failures, new Shape(global, local, groups), group);
                    } else {
                        Item item = new Item(new Shape(global, local, groups), new Group(null), group.clone(), group,
                                new int[3]);
                        invoke(handle, item, arguments, failures);
                    }
                }
            }
        }
        return failures.first == null ? Optional.empty()
                : Optional.of(DeviceKernelException.fromJavaException(BACKEND, kernel.owner().getSimpleName() + "."
                        + kernel.methodName(), failures.first, failures.firstGlobalId, failures.count));
    }

    private static void runGroup(MethodHandle handle, List<Object> arguments, Failures failures, Shape shape,
            int[] group) {
        int[] local = shape.local();
        Group g = new Group(new Phaser(local[0] * local[1] * local[2]));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int z = 0; z < local[2]; z++) {
                for (int y = 0; y < local[1]; y++) {
                    for (int x = 0; x < local[0]; x++) {
                        int[] lid = {x, y, z};
                        int[] gid = {group[0] * local[0] + x, group[1] * local[1] + y, group[2] * local[2] + z};
                        Item item = new Item(shape, g, gid, group, lid);
                        threads.submit(() -> {
                            try {
                                invoke(handle, item, arguments, failures);
                            } finally {
                                g.phaser.arriveAndDeregister();
                            }
                        });
                    }
                }
            }
        }
    }

    private static void invoke(MethodHandle handle, Item item, List<Object> arguments, Failures failures) {
        List<Object> all = new ArrayList<>(arguments.size() + 1);
        all.add(item);
        all.addAll(arguments);
        try {
            handle.invokeWithArguments(all);
        } catch (Throwable t) {
            failures.record(t, item.gid);
        }
    }

    /** The first failure (in execution order) and the number of failing work-items. */
    private static final class Failures {
        private Throwable first;
        private int[] firstGlobalId;
        private long count;

        synchronized void record(Throwable t, int[] gid) {
            count++;
            if (first == null) {
                first = t;
                firstGlobalId = gid.clone();
            }
        }
    }

    private record Shape(int[] global, int[] local, int[] groups) {
    }

    /** A work-group: its barrier and its group-local arrays, in the order the work-items ask for them. */
    private static final class Group {
        private final Phaser phaser;
        private final List<Object> locals = new ArrayList<>();

        Group(Phaser phaser) {
            this.phaser = phaser;
        }

        synchronized Object local(int index, Class<?> element, int n) {
            if (index == locals.size()) {
                locals.add(java.lang.reflect.Array.newInstance(element, n));
            }
            Object a = locals.get(index);
            if (a.getClass().getComponentType() != element || java.lang.reflect.Array.getLength(a) != n) {
                throw new IllegalStateException("the work-items of a group asked for different group-local arrays");
            }
            return a;
        }
    }

    /** One work-item's {@link KernelContext}. */
    private static final class Item implements KernelContext {
        private final Shape shape;
        private final Group group;
        private final int[] gid;
        private final int[] groupId;
        private final int[] lid;
        private int localArrays;

        Item(Shape shape, Group group, int[] gid, int[] groupId, int[] lid) {
            this.shape = shape;
            this.group = group;
            this.gid = gid;
            this.groupId = groupId;
            this.lid = lid;
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
            return groupId[dim(dim)];
        }

        @Override
        public int globalSize(int dim) {
            return shape.global()[dim(dim)];
        }

        @Override
        public int localSize(int dim) {
            return shape.local()[dim(dim)];
        }

        @Override
        public int numGroups(int dim) {
            return shape.groups()[dim(dim)];
        }

        @Override
        public void barrier() {
            if (group.phaser == null) {
                throw new IllegalStateException("barrier() needs a range with a local size");
            }
            group.phaser.arriveAndAwaitAdvance();
        }

        private Object local(Class<?> element, int n) {
            if (group.phaser == null) {
                throw new IllegalStateException("group-local arrays need a range with a local size");
            }
            return group.local(localArrays++, element, n);
        }

        @Override
        public float[] localFloats(int n) {
            return (float[]) local(float.class, n);
        }

        @Override
        public double[] localDoubles(int n) {
            return (double[]) local(double.class, n);
        }

        @Override
        public int[] localInts(int n) {
            return (int[]) local(int.class, n);
        }

        @Override
        public long[] localLongs(int n) {
            return (long[]) local(long.class, n);
        }

        @Override
        public short[] localShorts(int n) {
            return (short[]) local(short.class, n);
        }

        @Override
        public byte[] localBytes(int n) {
            return (byte[]) local(byte.class, n);
        }
    }
}
