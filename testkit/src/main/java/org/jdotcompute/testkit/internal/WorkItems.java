package org.jdotcompute.testkit.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Phaser;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.DeviceKernelException;

/**
 * The pieces of running a kernel as plain Java, one call per work-item: a work-item's
 * {@link Context}, its work-group's barrier and group-local arrays ({@link Group}), and the
 * launch's {@link Failures}. Shared by {@link org.jdotcompute.testkit.corpus.JvmReference} and the
 * meta-tests' fake backend.
 */
public final class WorkItems {
    private WorkItems() {
    }

    /**
     * Calls {@code kernel} (spread: the context, then {@code args}) for one work-item: what it
     * throws is recorded in {@code failures}; a {@link VirtualMachineError} is recorded as fatal and
     * rethrown.
     */
    public static void invoke(MethodHandle kernel, Context ctx, Object[] args, Failures failures) {
        try {
            kernel.invoke(ctx, args);
        } catch (VirtualMachineError e) {
            failures.fatal(e);
            throw e;
        } catch (Throwable t) {
            failures.record(t, ctx.gid);
        }
    }

    /** A work-group's barrier and group-local arrays; guarded by its monitor. */
    public static final class Group {
        private final Phaser phaser;
        private final boolean barrierIgnored;
        private final List<Object> locals = new ArrayList<>();

        private Group(Phaser phaser, boolean barrierIgnored) {
            this.phaser = phaser;
            this.barrierIgnored = barrierIgnored;
        }

        /** A group whose work-items run concurrently and meet at {@code barrier()} on {@code phaser}. */
        public static Group withBarrier(Phaser phaser) {
            return new Group(phaser, false);
        }

        /** A group of a range without a local size: {@code barrier()} throws. */
        public static Group withoutBarrier() {
            return new Group(null, false);
        }

        /** A group whose work-items run one after another: {@code barrier()} does nothing. */
        public static Group sequential() {
            return new Group(null, true);
        }

        /** Deregisters a finished (or failed) work-item, so the others are not held up at the barrier. */
        public void arriveAndDeregister() {
            if (phaser != null) {
                phaser.arriveAndDeregister();
            }
        }

        void barrier() {
            if (phaser != null) {
                phaser.arriveAndAwaitAdvance();
            } else if (!barrierIgnored) {
                throw new IllegalStateException("barrier() needs a range with a local size");
            }
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

    /**
     * A launch's failures: the failing work-item with the lowest global id (row-major, {@code x}
     * fastest, so the report does not depend on thread timing), the number of failing work-items,
     * and the first {@link VirtualMachineError} of a work-item thread; guarded by its monitor.
     */
    public static final class Failures {
        private Throwable first;
        private int[] firstGid;
        private long count;
        private VirtualMachineError fatal;

        /** Records that work-item {@code gid} threw {@code t}. */
        public synchronized void record(Throwable t, int[] gid) {
            count++;
            if (first == null || before(gid, firstGid)) {
                first = t;
                firstGid = gid.clone();
            }
        }

        /** Records a {@link VirtualMachineError} of a work-item thread (the first one is kept). */
        public synchronized void fatal(VirtualMachineError e) {
            if (fatal == null) {
                fatal = e;
            }
        }

        /** Throws the first fatal error of a work-item thread, which its executor would have kept. */
        public synchronized void throwFatal() {
            if (fatal != null) {
                throw fatal;
            }
        }

        /** The launch's failure as the JVM-based CPU backend reports it, if a work-item threw. */
        public synchronized Optional<DeviceKernelException> exception(String backend, String kernel) {
            return first == null ? Optional.empty()
                    : Optional.of(DeviceKernelException.fromJavaException(backend, kernel, first, firstGid, count));
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

    /** One work-item's context; confined to its thread. */
    public static final class Context implements KernelContext {
        private final int[] gid;
        private final int[] lid;
        private final int[] group;
        private final int[] global;
        private final int[] local;
        private final int[] groups;
        private final Group g;
        private int localCalls;

        /**
         * @param gid    the work-item's global id
         * @param lid    its local id
         * @param group  its group's id
         * @param global the global size
         * @param local  the local size ({@code 1, 1, 1} without one)
         * @param groups the number of groups
         * @param g      its work-group
         */
        public Context(int[] gid, int[] lid, int[] group, int[] global, int[] local, int[] groups, Group g) {
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
            g.barrier();
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
