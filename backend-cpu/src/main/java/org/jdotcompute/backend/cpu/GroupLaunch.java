package org.jdotcompute.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One launch of a kernel that uses barriers or group-local arrays. There are
 * {@code min(groups, parallelism)} {@link WorkGroup} slots; each slot has one virtual thread per
 * work-item of a group (a lane), and its lanes process work-groups one after another: lane 0
 * claims the next group, a slot-wide phase barrier publishes it, every lane runs the kernel as
 * its work-item of that group, and a second phase barrier ends the group.
 *
 * <p>Why virtual threads: a barrier needs every work-item of the group to be suspended at the
 * same point of the Java method, which needs a stack per work-item; virtual threads give that
 * for a few hundred bytes and park without blocking a carrier. They run on the JDK's
 * virtual-thread scheduler and have all ended when the launch returns (it joins them), which
 * also gives the happens-before for the results.
 *
 * <p>Failure skipping is per group: a group whose first work-item lies above the lowest
 * failure is not run; a group with a failure is aborted at its next barrier.
 */
final class GroupLaunch {
    private final CpuKernel kernel;
    private final Object[] args;
    private final int[] global;
    private final int[] local;
    private final int[] groups;
    private final long groupCount;
    private final AtomicLong nextGroup = new AtomicLong();
    private final Failures failures = new Failures();

    private GroupLaunch(CpuKernel kernel, Object[] args, int[] global, int[] local) {
        this.kernel = kernel;
        this.args = args;
        this.global = global;
        this.local = local;
        this.groups = new int[] {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
        this.groupCount = (long) groups[0] * groups[1] * groups[2];
    }

    static Failures run(int parallelism, long localMemoryLimit, CpuKernel kernel, Object[] args, int[] global,
            int[] local) {
        GroupLaunch launch = new GroupLaunch(kernel, args, global, local);
        int lanes = local[0] * local[1] * local[2];
        int slots = (int) Math.min(launch.groupCount, Math.max(1, parallelism));
        List<Thread> threads = new ArrayList<>(slots * lanes);
        Thread.Builder builder = Thread.ofVirtual().name("jdotcompute-cpu-" + kernel.name() + "-lane-", 0);
        try {
            for (int s = 0; s < slots; s++) {
                WorkGroup slot = new WorkGroup(kernel.name(), lanes, localMemoryLimit);
                for (int lane = 0; lane < lanes; lane++) {
                    LaneContext ctx = new LaneContext(slot, global, local, lane);
                    boolean leader = lane == 0;
                    threads.add(builder.start(() -> launch.lane(slot, ctx, leader)));
                }
            }
        } finally {
            join(threads);
        }
        return launch.failures;
    }

    private void lane(WorkGroup slot, LaneContext ctx, boolean leader) {
        KernelLoop loop = kernel.loop();
        while (true) {
            if (leader) {
                long g = claim();
                int gx = (int) (g % groups[0]);
                int gy = (int) (g / groups[0] % groups[1]);
                int gz = (int) (g / ((long) groups[0] * groups[1]));
                slot.startGroup(g, gx, gy, gz);
            }
            slot.phase();
            if (slot.group < 0) {
                return;
            }
            ctx.enterGroup();
            boolean failed = false;
            try {
                loop.runOne(args, ctx);
            } catch (WorkGroup.GroupAbort aborted) {
                // another work-item of this group failed; this one stopped at a barrier
            } catch (Throwable t) {
                failed = true;
                failures.record(ctx.linearGlobalId(), ctx.globalId(0), ctx.globalId(1), ctx.globalId(2), t);
            }
            slot.finish(failed);
            slot.phase();
        }
    }

    /** The next group to run, {@code -1} when none is left or a {@link VirtualMachineError} stopped the launch. */
    private long claim() {
        long g = nextGroup.getAndIncrement();
        return g >= groupCount || failures.bound() < 0 ? -1 : g;
    }

    private static void join(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the lanes still use the arguments: wait for them
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
