package org.jdotcompute.spi.internal.ring;

import java.util.ArrayList;
import java.util.List;

import org.jdotcompute.api.exceptions.ComputeExceptionGroup;

/**
 * Runs independent tasks concurrently, each on its own virtual thread, waits for all of them and
 * reports every failure at once in one {@link ComputeExceptionGroup} (always a group, even for
 * one failure). No thread it starts outlives {@link #runAll}.
 *
 * <p>A stand-in for the shared fan-out helper being written in {@code org.jdotcompute.api.internal}
 * (not on this branch yet); {@link RingRuntime#close()} is written against this one method so the
 * switch is a one-line change. Differences to settle then: a {@link VirtualMachineError} is
 * rethrown bare with the others suppressed here, but other {@link Error}s go into the group as they
 * are, because {@code ComputeErrorGroup} does not exist on this branch.
 */
final class FanOut {
    private FanOut() {
    }

    /** A task that may throw anything. */
    @FunctionalInterface
    interface Task {
        void run() throws Throwable;
    }

    /** A named task; the name becomes its thread's name. */
    record Named(String name, Task task) {
    }

    /**
     * Runs every task concurrently and waits for all.
     *
     * @throws ComputeExceptionGroup with every failure, in task order, if any task threw
     */
    static void runAll(String message, List<Named> tasks) {
        Throwable[] failures = new Throwable[tasks.size()];
        List<Thread> threads = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            Named named = tasks.get(i);
            threads.add(Thread.ofVirtual().name(named.name()).start(() -> {
                try {
                    named.task().run();
                } catch (Throwable t) {
                    failures[index] = t;
                }
            }));
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: no thread may outlive this call
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Throwable> thrown = new ArrayList<>();
        for (Throwable t : failures) { // the joins make every write to failures visible
            if (t != null) {
                thrown.add(t);
            }
        }
        if (thrown.isEmpty()) {
            return;
        }
        for (Throwable t : thrown) {
            if (t instanceof VirtualMachineError vme) {
                thrown.stream().filter(other -> other != vme).forEach(vme::addSuppressed);
                throw vme;
            }
        }
        throw new ComputeExceptionGroup(message, thrown);
    }
}
