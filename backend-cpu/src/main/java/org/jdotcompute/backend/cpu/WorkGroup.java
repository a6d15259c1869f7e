package org.jdotcompute.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One work-group slot of a barrier launch: its lanes (one virtual thread per work-item of a
 * group) process work-groups one after another. Holds the current group's id, its group-local
 * arrays and its barrier.
 *
 * <p>The kernel barrier is a generation barrier under a lock: waiting lanes park (freeing their
 * carrier thread for the other lanes). When a lane fails, the group is aborted: lanes waiting
 * at or later reaching a barrier leave the kernel with {@link GroupAbort}. When some lanes have
 * finished the kernel while all the others wait at a barrier, the barriers diverged: the waiting
 * lanes fail with an {@link IllegalStateException} (a GPU would hang or behave undefinedly).
 *
 * <p>Thread-safe: shared by the lanes of one slot.
 */
final class WorkGroup {
    /** Thrown in a lane whose group was aborted because another work-item failed; not a failure itself. */
    static final class GroupAbort extends Error {
        private static final long serialVersionUID = 1L;
        static final GroupAbort INSTANCE = new GroupAbort();

        private GroupAbort() {
            super("work-group aborted", null, false, false);
        }
    }

    private final String kernelName;
    private final int parties;
    private final long localMemoryLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition phaseDone = lock.newCondition();

    // slot phase barrier (between groups)
    private int phaseArrived;
    private int phaseGeneration;

    // the current group, written by lane 0 before the phase barrier
    long group;
    int groupX;
    int groupY;
    int groupZ;

    // the current group's kernel barrier
    private int arrived;
    private int finished;
    private int generation;
    private boolean aborted;
    private boolean divergent;
    private int finishedAtDivergence;
    private final List<Object> locals = new ArrayList<>();
    private long localBytes;

    WorkGroup(String kernelName, int parties, long localMemoryLimit) {
        this.kernelName = kernelName;
        this.parties = parties;
        this.localMemoryLimit = localMemoryLimit;
    }

    /** Called by lane 0 while every other lane waits at the phase barrier: starts group {@code g}. */
    void startGroup(long g, int gxId, int gyId, int gzId) {
        lock.lock();
        try {
            group = g;
            groupX = gxId;
            groupY = gyId;
            groupZ = gzId;
            arrived = 0;
            finished = 0;
            aborted = false;
            divergent = false;
            locals.clear();
            localBytes = 0;
        } finally {
            lock.unlock();
        }
    }

    /** The slot barrier between groups: every lane, never aborted. */
    void phase() {
        lock.lock();
        try {
            int gen = phaseGeneration;
            if (++phaseArrived == parties) {
                phaseArrived = 0;
                phaseGeneration++;
                phaseDone.signalAll();
                return;
            }
            while (gen == phaseGeneration) {
                phaseDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@code ctx.barrier()} of a lane. */
    void barrier() {
        lock.lock();
        try {
            if (aborted) {
                throw abortion();
            }
            int gen = generation;
            arrived++;
            if (arrived + finished == parties) {
                if (finished > 0) {
                    diverge();
                    throw abortion();
                }
                arrived = 0;
                generation++;
                changed.signalAll();
                return;
            }
            while (gen == generation && !aborted) {
                changed.awaitUninterruptibly();
            }
            if (gen == generation) {
                throw abortion();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A lane left the kernel, normally or by a failure ({@code failed}). */
    void finish(boolean failed) {
        lock.lock();
        try {
            finished++;
            if (failed) {
                aborted = true;
                changed.signalAll();
            } else if (!aborted && arrived > 0 && arrived + finished == parties) {
                diverge();
            }
        } finally {
            lock.unlock();
        }
    }

    private void diverge() {
        divergent = true;
        finishedAtDivergence = finished;
        aborted = true;
        changed.signalAll();
    }

    /** Throws {@link GroupAbort}, or returns the divergence failure to throw. */
    private RuntimeException abortion() {
        if (!divergent) {
            throw GroupAbort.INSTANCE;
        }
        return Faults.inKernel(new IllegalStateException("the work-items of work-group (" + groupX + ", " + groupY
                + ", " + groupZ + ") of kernel '" + kernelName + "' reached different barriers: " + finishedAtDivergence
                + " finished the kernel while the others wait at ctx.barrier(); every work-item of a group must"
                + " reach the same barriers (keep barrier() out of conditions that differ between work-items)"));
    }

    /** The group's {@code k}-th local array, created by the first lane that asks for it. */
    Object local(int k, Class<?> type, int n) {
        lock.lock();
        try {
            if (k < locals.size()) {
                Object a = locals.get(k);
                int length = java.lang.reflect.Array.getLength(a);
                if (a.getClass() != type || length != n) {
                    throw Faults.inKernel(new IllegalStateException("group-local array #" + k + " of kernel '"
                            + kernelName + "' is a " + a.getClass().getComponentType() + "[" + length
                            + "] (created by another work-item of the group), but this work-item asks for a "
                            + type.getComponentType() + "[" + n + "]; every work-item must make the same"
                            + " ctx.localX(n) calls in the same order"));
                }
                return a;
            }
            if (n < 0) {
                throw Faults.inKernel(new NegativeArraySizeException(String.valueOf(n)));
            }
            long bytes = (long) n * elementBytes(type);
            if (localBytes + bytes > localMemoryLimit) {
                throw Faults.inKernel(new IllegalArgumentException("group-local arrays of kernel '" + kernelName
                        + "' would take " + (localBytes + bytes) + " bytes per work-group with " + type.getComponentType()
                        + "[" + n + "], over the CPU backend's limit of " + localMemoryLimit
                        + " bytes (Capabilities.localMemoryBytes()); use smaller tiles"));
            }
            Object a = java.lang.reflect.Array.newInstance(type.getComponentType(), n);
            locals.add(a);
            localBytes += bytes;
            return a;
        } finally {
            lock.unlock();
        }
    }

    private static long elementBytes(Class<?> arrayType) {
        Class<?> c = arrayType.getComponentType();
        if (c == long.class || c == double.class) {
            return 8;
        }
        if (c == int.class || c == float.class) {
            return 4;
        }
        if (c == short.class) {
            return 2;
        }
        return 1;
    }
}
