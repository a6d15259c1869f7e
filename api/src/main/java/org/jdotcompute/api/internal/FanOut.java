package org.jdotcompute.api.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jdotcompute.api.exceptions.ComputeErrorGroup;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.ExceptionGroups;

/**
 * Runs independent tasks concurrently, one virtual thread each, waits for all of them, and
 * reports <em>every</em> failure at once: the engine's close/terminate-all and multi-resource
 * cleanup. Internal: exported to {@code org.jdotcompute.spi} only.
 *
 * <p>What it throws, after every task has finished (or the deadline has passed): nothing if
 * all succeeded; otherwise always a group, even for a single failure, made by
 * {@link ExceptionGroups#of}: a {@link ComputeExceptionGroup} whose children are the failures in
 * task order (the exceptions the tasks threw, unwrapped), a {@link ComputeErrorGroup} if one is
 * an {@code Error}, or a {@link VirtualMachineError} bare with the rest suppressed.
 *
 * <p><b>Deadline.</b> With a timeout, tasks still running when it expires are interrupted and
 * left to finish on their own; one {@link TimeoutException} naming them (by index and thread
 * name) is added after the task failures, and their later outcome is not reported. Without a
 * timeout the wait is unbounded.
 *
 * <p><b>Interrupts.</b> This is cleanup code, so an interrupt of the calling thread does not cut
 * it short: the tasks are not interrupted and the wait goes on (to the deadline, if any). The
 * interrupt is not swallowed: the calling thread's interrupt flag is set again before the
 * method returns or throws. (An {@code InterruptedException} a <em>task</em> throws is a
 * failure like any other and is reported in the group.)
 *
 * <p>Happens-before: everything a task did happens-before this method returns or throws, for
 * every task that finished (all of them, unless the deadline passed).
 *
 * <p>Thread-safety: stateless and thread-safe. The preview {@code StructuredTaskScope} is
 * deliberately not used.
 */
public final class FanOut {
    private FanOut() {
    }

    /** One independent piece of work; runs on its own virtual thread, concurrently with the others. */
    @FunctionalInterface
    public interface Task {
        /** Does the work; whatever it throws is reported. */
        void run() throws Exception;
    }

    /**
     * Runs {@code tasks} concurrently and waits for all of them, however long they take.
     *
     * @param message what the tasks do together, e.g. {@code closing runtime}: the group's message
     * @param tasks   the tasks, in the order failures are reported
     */
    public static void runAll(String message, List<? extends Task> tasks) {
        run(message, tasks, null);
    }

    /**
     * Runs {@code tasks} concurrently and waits for all of them at most {@code timeout}.
     *
     * @param message what the tasks do together: the group's message
     * @param tasks   the tasks, in the order failures are reported
     * @param timeout how long to wait in total (zero: do not wait; report what has not finished)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static void runAll(String message, List<? extends Task> tasks, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout of '" + message + "' is negative: " + timeout);
        }
        run(message, tasks, timeout);
    }

    /** Closes every resource concurrently; see {@link #runAll(String, List)}. */
    public static void closeAll(String message, Collection<? extends AutoCloseable> resources) {
        runAll(message, closeTasks(resources));
    }

    /** Closes every resource concurrently, waiting at most {@code timeout}; see {@link #runAll(String, List, Duration)}. */
    public static void closeAll(String message, Collection<? extends AutoCloseable> resources, Duration timeout) {
        runAll(message, closeTasks(resources), timeout);
    }

    private static List<Task> closeTasks(Collection<? extends AutoCloseable> resources) {
        List<Task> tasks = new ArrayList<>(resources.size());
        for (AutoCloseable resource : List.copyOf(resources)) {
            tasks.add(resource::close);
        }
        return tasks;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // about 292 years: as good as unbounded
        }
    }

    private static void run(String message, List<? extends Task> tasks, Duration timeout) {
        Objects.requireNonNull(message, "message");
        List<Task> all = List.copyOf(tasks);
        if (all.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long budget = timeout == null ? Long.MAX_VALUE : saturatedNanos(timeout);
        boolean interrupted = Thread.interrupted(); // restored below; a set flag must not cut the wait short
        int n = all.size();
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(n);
        Thread[] threads = new Thread[n];
        Throwable[] startFailures = new Throwable[n];
        for (int i = 0; i < n; i++) {
            Task task = all.get(i);
            int index = i;
            try {
                threads[i] = Thread.ofVirtual().name("jdotcompute-fanout[" + message + "] task " + i).start(() -> {
                    try {
                        task.run();
                    } catch (Throwable failure) {
                        failures.set(index, failure);
                    }
                });
            } catch (Throwable cannotStart) {
                startFailures[i] = cannotStart; // the other tasks still run and are waited for
            }
        }
        for (Thread thread : threads) {
            if (thread == null) {
                continue;
            }
            while (true) {
                try {
                    if (timeout == null) {
                        thread.join();
                    } else {
                        long left = budget - (System.nanoTime() - start);
                        thread.join(Duration.ofNanos(Math.max(0, left)));
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        List<Throwable> report = new ArrayList<>();
        StringJoiner unfinished = new StringJoiner(", ");
        int unfinishedCount = 0;
        for (int i = 0; i < n; i++) {
            if (startFailures[i] != null) {
                report.add(startFailures[i]);
            } else if (threads[i].isAlive()) { // only with a timeout
                threads[i].interrupt();
                unfinished.add(i + " (" + threads[i].getName() + ")");
                unfinishedCount++;
            } else if (failures.get(i) != null) {
                report.add(failures.get(i));
            }
        }
        if (unfinishedCount > 0) {
            report.add(new TimeoutException(unfinishedCount + " of " + n + " task(s) of '" + message
                    + "' did not finish within " + timeout + " and were interrupted: task " + unfinished
                    + "; their outcome is not reported. Find out why they block (e.g. jcmd <pid> Thread.dump_to_file)"
                    + " or allow more time"));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        ExceptionGroups.throwIfAny(message, report);
    }
}
