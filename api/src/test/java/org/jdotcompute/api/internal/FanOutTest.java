package org.jdotcompute.api.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.api.exceptions.ComputeErrorGroup;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("FanOut runs independent tasks concurrently and reports every failure")
class FanOutTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static FanOut.Task failing(Exception e) {
        return () -> {
            throw e;
        };
    }

    @Nested
    @DisplayName("When every task succeeds")
    class Success {
        @Test
        @DisplayName("the tasks run at the same time, each on its own virtual thread, and nothing is thrown")
        void concurrentOnVirtualThreads() {
            int n = 8;
            CyclicBarrier allRunning = new CyclicBarrier(n); // breaks (and fails a task) unless all run at once
            List<Boolean> virtual = Collections.synchronizedList(new ArrayList<>());
            List<FanOut.Task> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(() -> {
                    virtual.add(Thread.currentThread().isVirtual());
                    allRunning.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                });
            }

            FanOut.runAll("warming up", tasks);

            assertEquals(Collections.nCopies(n, true), virtual);
        }

        @Test
        @DisplayName("what the tasks wrote is visible when runAll returns")
        void happensBefore() {
            int[] written = new int[16];
            List<FanOut.Task> tasks = new ArrayList<>();
            for (int i = 0; i < written.length; i++) {
                int index = i;
                tasks.add(() -> written[index] = index + 1);
            }

            FanOut.runAll("writing", tasks);

            for (int i = 0; i < written.length; i++) {
                assertEquals(i + 1, written[i]);
            }
        }

        @Test
        @DisplayName("no tasks: nothing to do")
        void empty() {
            assertDoesNotThrow(() -> FanOut.runAll("nothing", List.of()));
            assertDoesNotThrow(() -> FanOut.closeAll("nothing", List.of(), Duration.ZERO));
        }
    }

    @Nested
    @DisplayName("When tasks fail")
    class Failures {
        @Test
        @DisplayName("a single failure is still thrown as a group, the task's own exception inside")
        void oneFailureIsAGroup() {
            QueueFullException full = new QueueFullException(4);

            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class,
                    () -> FanOut.runAll("closing runtime", List.of(() -> { }, failing(full))));

            assertEquals("closing runtime (1 sub-exception)", g.getMessage());
            assertEquals(List.of(full), g.exceptions());
        }

        @Test
        @DisplayName("every failure is reported, in task order, whatever order the tasks finished in")
        void everyFailureInTaskOrder() {
            IOException first = new IOException("task 0");
            KernelStateException second = new KernelStateException("k", KernelState.FAILED, List.of());
            CountDownLatch secondDone = new CountDownLatch(1);

            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class, () -> FanOut.runAll("terminating",
                    List.of(() -> {
                        assertTrue(secondDone.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
                        throw first;
                    }, () -> { }, () -> {
                        secondDone.countDown();
                        throw second;
                    })));

            assertEquals(List.of(first, second), g.exceptions());
            assertSame(first, g.exceptions().getFirst(), "a checked exception is reported as itself, unwrapped");
        }

        @Test
        @DisplayName("an Error makes a ComputeErrorGroup, which catch (Exception) does not catch")
        void errorMakesErrorGroup() {
            AssertionError bug = new AssertionError("bug");
            IOException io = new IOException("io");

            Throwable thrown = assertThrows(Throwable.class, () -> {
                try {
                    FanOut.runAll("closing", List.of(failing(io), () -> {
                        throw bug;
                    }));
                } catch (Exception e) {
                    throw new AssertionError("caught as an Exception", e);
                }
            });

            ComputeErrorGroup g = assertInstanceOf(ComputeErrorGroup.class, thrown);
            assertEquals(List.of(io, bug), g.exceptions());
        }

        @Test
        @DisplayName("a VirtualMachineError is thrown bare, the other failures suppressed")
        void virtualMachineErrorBare() {
            StackOverflowError overflow = new StackOverflowError("deep");
            IOException io = new IOException("io");

            StackOverflowError thrown = assertThrows(StackOverflowError.class, () -> FanOut.runAll("closing",
                    List.of(failing(io), () -> {
                        throw overflow;
                    })));

            assertSame(overflow, thrown);
            assertEquals(List.of(io), List.of(thrown.getSuppressed()));
        }

        @Test
        @DisplayName("an InterruptedException a task throws is reported; the caller's flag is untouched")
        void taskInterrupted() {
            InterruptedException stop = new InterruptedException("task stopped");

            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class,
                    () -> FanOut.runAll("closing", List.of(failing(stop))));

            assertEquals(List.of(stop), g.exceptions());
            assertFalse(Thread.currentThread().isInterrupted());
        }

        @Test
        @DisplayName("closeAll closes every resource and reports every close failure")
        void closeAll() {
            List<String> closed = Collections.synchronizedList(new ArrayList<>());
            IOException broken = new IOException("flush failed");
            AutoCloseable ok1 = () -> closed.add("ok1");
            AutoCloseable bad = () -> {
                closed.add("bad");
                throw broken;
            };
            AutoCloseable ok2 = () -> closed.add("ok2");

            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class,
                    () -> FanOut.closeAll("closing runtime", List.of(ok1, bad, ok2)));

            assertEquals(List.of(broken), g.exceptions());
            assertEquals(List.of("bad", "ok1", "ok2"), closed.stream().sorted().toList());
        }
    }

    @Nested
    @DisplayName("Deadlines")
    class Deadlines {
        @Test
        @DisplayName("a task still running at the deadline is interrupted and reported in one TimeoutException")
        void deadline() {
            CountDownLatch never = new CountDownLatch(1);
            AtomicBoolean stragglerInterrupted = new AtomicBoolean();
            IOException io = new IOException("io");

            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class, () -> FanOut.runAll("closing",
                    List.of(() -> {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            stragglerInterrupted.set(true);
                            throw e;
                        }
                    }, failing(io)), Duration.ofMillis(200)));

            assertSame(io, g.exceptions().get(0));
            TimeoutException timeout = assertInstanceOf(TimeoutException.class, g.exceptions().get(1));
            assertEquals("1 of 2 task(s) of 'closing' did not finish within PT0.2S and were interrupted: task 0"
                    + " (jdotcompute-fanout[closing] task 0); their outcome is not reported. Find out why they block"
                    + " (e.g. jcmd <pid> Thread.dump_to_file) or allow more time", timeout.getMessage());
            await().atMost(PATIENCE).untilTrue(stragglerInterrupted);
        }

        @Test
        @DisplayName("tasks that finish in time are not reported as late")
        void inTime() {
            assertDoesNotThrow(() -> FanOut.runAll("quick", List.of(() -> { }, () -> { }), PATIENCE));
            assertDoesNotThrow(() -> FanOut.runAll("quick", List.of(() -> { }), Duration.ofSeconds(Long.MAX_VALUE)),
                    "a timeout too long for nanoseconds counts as unbounded");
        }

        @Test
        @DisplayName("a negative timeout is rejected; a null task is rejected before anything runs")
        void invalidArguments() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FanOut.runAll("closing", List.of(), Duration.ofSeconds(-1)));
            assertEquals("the timeout of 'closing' is negative: PT-1S", e.getMessage());
            AtomicBoolean ran = new AtomicBoolean();
            assertThrows(NullPointerException.class,
                    () -> FanOut.runAll("closing", Arrays.asList(() -> ran.set(true), null)));
            assertFalse(ran.get());
        }
    }

    @Nested
    @DisplayName("Interrupts of the calling thread")
    class Interrupts {
        @Test
        @DisplayName("a caller already interrupted still waits for every task, then gets its flag back")
        void alreadyInterrupted() {
            CountDownLatch second = new CountDownLatch(1);
            AtomicBoolean taskSawInterrupt = new AtomicBoolean();
            List<FanOut.Task> tasks = List.of(() -> {
                taskSawInterrupt.compareAndSet(false, Thread.currentThread().isInterrupted());
                assertTrue(second.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }, () -> {
                taskSawInterrupt.compareAndSet(false, Thread.currentThread().isInterrupted());
                second.countDown();
            });

            Thread.currentThread().interrupt();
            FanOut.runAll("closing", tasks);

            assertTrue(Thread.interrupted(), "the interrupt flag is restored");
            assertFalse(taskSawInterrupt.get(), "the tasks were not interrupted");
            assertEquals(0, second.getCount());
        }

        @Test
        @DisplayName("an interrupt while waiting does not cut the cleanup short and is not swallowed")
        void interruptedWhileWaiting() throws Exception {
            CountDownLatch started = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean taskInterrupted = new AtomicBoolean();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            AtomicReference<Throwable> callerFailure = new AtomicReference<>();
            FanOut.Task waitForRelease = () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    taskInterrupted.set(true);
                    throw e;
                }
            };
            Thread caller = Thread.ofPlatform().name("fan-out caller").start(() -> {
                try {
                    FanOut.runAll("closing", List.of(waitForRelease, waitForRelease));
                    flagAfter.set(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    callerFailure.set(t);
                }
            });

            assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            await().atMost(PATIENCE).until(() -> caller.getState() == Thread.State.WAITING);
            caller.interrupt();
            await().atMost(PATIENCE).until(() -> caller.getState() == Thread.State.WAITING);
            assertTrue(caller.isAlive(), "runAll is still waiting for the tasks");
            release.countDown();
            caller.join(PATIENCE);

            assertEquals(null, callerFailure.get());
            assertEquals(Boolean.TRUE, flagAfter.get(), "the caller's interrupt flag is set again");
            assertFalse(taskInterrupted.get(), "the tasks were not interrupted");
        }
    }
}
