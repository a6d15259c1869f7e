package org.jdotcompute.api.exceptions;

import static org.jdotcompute.api.exceptions.ExceptionGroupTest.shape;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ExceptionGroups makes, throws and handles groups")
class ExceptionGroupsTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // a failed assertion must not leak an interrupt into the next test
    }

    final QueueFullException full = new QueueFullException(8);
    final KernelNotFoundException notFound = new KernelNotFoundException("nf");
    final KernelStateException badState = new KernelStateException("st", KernelState.FAILED, List.of());
    final IOException io = new IOException("io");
    final ComputeExceptionGroup inner = new ComputeExceptionGroup("inner", List.of(badState, io));
    final ComputeExceptionGroup group = new ComputeExceptionGroup("closing", List.of(full, notFound, inner));

    static final String FULL = "Queue is full (size: 8)";
    static final String NF = "[nf] Kernel not found: 'nf'";
    static final String ST = "[st] Invalid state: FAILED, expected: ";

    @Nested
    @DisplayName("of and throwIfAny")
    class Making {
        @Test
        @DisplayName("only exceptions make a ComputeExceptionGroup, even for one failure")
        void exceptionsMakeAnExceptionGroup() {
            Throwable one = ExceptionGroups.of("closing", List.of(io));
            assertInstanceOf(ComputeExceptionGroup.class, one);
            assertEquals("closing (1 sub-exception)", one.getMessage());
            assertEquals(List.of(io), ((ExceptionGroup) one).exceptions());
        }

        @Test
        @DisplayName("an Error makes a ComputeErrorGroup, which catch (Exception) does not catch")
        void errorsMakeAnErrorGroup() {
            AssertionError bug = new AssertionError("bug");
            Throwable thrown = assertThrows(Throwable.class, () -> {
                try {
                    ExceptionGroups.throwIfAny("closing", List.of(io, bug));
                } catch (Exception e) {
                    throw new AssertionError("caught as an Exception", e);
                }
            });
            ComputeErrorGroup errors = assertInstanceOf(ComputeErrorGroup.class, thrown);
            assertEquals(List.of(io, bug), errors.exceptions());
        }

        @Test
        @DisplayName("a nested error group makes the outer group an error group too")
        void nestedErrorGroup() {
            ComputeErrorGroup errors = new ComputeErrorGroup("x", List.of(new AssertionError("bug")));
            assertInstanceOf(ComputeErrorGroup.class, ExceptionGroups.of("closing", List.of(io, errors)));
        }

        @Test
        @DisplayName("a VirtualMachineError is returned bare, with the rest suppressed")
        void virtualMachineErrorBare() {
            OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

            Throwable result = ExceptionGroups.of("closing", List.of(io, oom, full));

            assertSame(oom, result);
            assertEquals(List.of(io, full), List.of(oom.getSuppressed()));
        }

        @Test
        @DisplayName("a VirtualMachineError inside a group is found and the group is pruned of it, keeping its shape")
        void nestedVirtualMachineError() {
            StackOverflowError overflow = new StackOverflowError();
            ComputeErrorGroup holder = new ComputeErrorGroup("kernels", List.of(badState, overflow));

            Throwable result = ExceptionGroups.of("closing", List.of(io, holder));

            assertSame(overflow, result);
            Throwable[] rest = overflow.getSuppressed();
            assertSame(io, rest[0]);
            assertInstanceOf(ComputeExceptionGroup.class, rest[1]);
            assertEquals("kernels[" + ST + "]", shape(rest[1]));
            assertEquals(2, rest.length);
        }

        @Test
        @DisplayName("throwIfAny throws the group, always a group even for one failure, and nothing for none")
        void throwIfAny() {
            assertDoesNotThrow(() -> ExceptionGroups.throwIfAny("closing", List.of()));
            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.throwIfAny("closing", List.of(full)));
            assertEquals(List.of(full), g.exceptions());
            assertSame(full, g.getSuppressed()[0]);
        }

        @Test
        @DisplayName("an InterruptedException stays in the group and the interrupt flag is left alone")
        void interruptedStaysInTheGroup() {
            InterruptedException interrupted = new InterruptedException("stop");
            ComputeExceptionGroup g = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.throwIfAny("closing", List.of(interrupted)));
            assertEquals(List.of(interrupted), g.exceptions());
            assertFalse(Thread.currentThread().isInterrupted());
        }

        @Test
        @DisplayName("an empty list is rejected by of")
        void emptyOf() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExceptionGroups.of("closing", List.of()));
            assertEquals("exception group 'closing': a group needs at least one exception, got none", e.getMessage());
        }
    }

    @Nested
    @DisplayName("catching(...).on(...).run() has except* semantics")
    class Catching {
        final List<String> calls = new ArrayList<>();

        ExceptionGroups.Handler record(String name) {
            return g -> calls.add(name + ":" + shape(g.asThrowable()));
        }

        @Test
        @DisplayName("a body that returns normally calls no handler")
        void noFailure() {
            ExceptionGroups.catching(() -> { }).on(Exception.class, record("all")).run();
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName("each handler is called once, in registration order, with its subgroup; each leaf goes to the first match")
        void handlersInOrder() {
            ComputeExceptionGroup rest = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    })
                            .on(KernelNotFoundException.class, record("notFound"))
                            .on(KernelException.class, record("kernel"))
                            .on(ArithmeticException.class, record("never"))
                            .on(ComputeException.class, record("compute"))
                            .run());

            assertEquals(List.of("notFound:closing[" + NF + "]", "kernel:closing[inner[" + ST + "]]",
                    "compute:closing[" + FULL + "]"), calls);
            assertEquals("closing[inner[io]]", shape(rest), "the unhandled rest, shape and message kept");
            assertSame(io, rest.leaves().getFirst());
        }

        @Test
        @DisplayName("if nothing matches, the original exception propagates, the same object")
        void nothingHandledKeepsIdentity() {
            ComputeExceptionGroup thrown = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(ArithmeticException.class, record("never")).run());
            assertSame(group, thrown);
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName("if every leaf is handled, nothing propagates")
        void allHandled() {
            ExceptionGroups.catching(() -> {
                throw group;
            }).on(ComputeException.class, record("compute")).on(IOException.class, record("io")).run();
            assertEquals(List.of("compute:closing[" + FULL + ", " + NF + ", inner[" + ST + "]]", "io:closing[inner[io]]"),
                    calls);
        }

        @Test
        @DisplayName("a handler that re-raises its group leaves the original to propagate, the same object")
        void reraiseKeepsIdentity() {
            ComputeExceptionGroup thrown = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(KernelException.class, g -> {
                        throw (ComputeExceptionGroup) g;
                    }).run());
            assertSame(group, thrown);
        }

        @Test
        @DisplayName("a handler that re-raises one leaf keeps it, in the original's shape, with the unhandled rest")
        void partialReraise() {
            ComputeExceptionGroup thrown = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(KernelException.class, g -> {
                        throw g.leaves(KernelStateException.class).getFirst();
                    }).on(QueueFullException.class, record("queue")).run());
            assertEquals("closing[inner[" + ST + ", io]]", shape(thrown));
            assertSame(inner, thrown.exceptions().getFirst(), "the untouched subtree is the original one");
        }

        @Test
        @DisplayName("what handlers raise propagates together with the unhandled rest, in a group with the original's message")
        void raisedPlusRest() {
            IllegalStateException first = new IllegalStateException("from the kernel handler");
            UncheckedIOException second = new UncheckedIOException(new IOException("from the queue handler"));
            ComputeExceptionGroup thrown = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(KernelException.class, g -> {
                        throw first;
                    }).on(QueueFullException.class, g -> {
                        throw second;
                    }).run());
            assertEquals("closing", thrown.groupMessage());
            assertSame(first, thrown.exceptions().get(0));
            assertSame(second, thrown.exceptions().get(1));
            assertEquals("closing[inner[io]]", shape(thrown.exceptions().get(2)));
        }

        @Test
        @DisplayName("a single raised exception with nothing else left propagates alone")
        void singleRaisedPropagatesAlone() {
            IllegalStateException replacement = new IllegalStateException("giving up", group);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(Exception.class, g -> {
                        throw replacement;
                    }).run());
            assertSame(replacement, thrown);
        }

        @Test
        @DisplayName("every handler runs even after an earlier one raised; a raised Error makes an error group")
        void raisedErrorMakesErrorGroup() {
            AssertionError bug = new AssertionError("handler bug");
            ComputeErrorGroup thrown = assertThrows(ComputeErrorGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(QueueFullException.class, g -> {
                        throw bug;
                    }).on(KernelException.class, record("kernels")).run());
            assertSame(bug, thrown.exceptions().getFirst());
            assertEquals("closing[inner[io]]", shape(thrown.exceptions().get(1)));
            assertEquals(List.of("kernels:closing[" + NF + ", inner[" + ST + "]]"), calls);
        }

        @Test
        @DisplayName("a raised Error with nothing else left propagates alone")
        void raisedErrorAlone() {
            AssertionError bug = new AssertionError("handler bug");
            AssertionError thrown = assertThrows(AssertionError.class, () -> ExceptionGroups.catching(() -> {
                throw group;
            }).on(Exception.class, g -> {
                throw bug;
            }).run());
            assertSame(bug, thrown);
        }

        @Test
        @DisplayName("a bare exception is seen as a one-leaf group with the message \"\"")
        void bareException() {
            ExceptionGroups.catching(() -> {
                throw full;
            }).on(QueueFullException.class, g -> {
                calls.add(g.groupMessage() + "|" + g.exceptions().size());
                assertSame(full, g.exceptions().getFirst());
            }).run();
            assertEquals(List.of("|1"), calls);
        }

        @Test
        @DisplayName("an unhandled bare exception propagates as itself; a checked one keeps its checked type")
        void bareUnhandledKeepsIdentity() {
            QueueFullException thrown = assertThrows(QueueFullException.class, () -> ExceptionGroups.catching(() -> {
                throw full;
            }).on(KernelException.class, record("never")).run());
            assertSame(full, thrown);

            ExceptionGroups.Catching<IOException> checked = ExceptionGroups.catching(() -> {
                throw io;
            });
            IOException thrownIo = assertThrows(IOException.class, checked.on(KernelException.class, record("never"))::run);
            assertSame(io, thrownIo);
        }

        @Test
        @DisplayName("a bare handler re-raise of the leaf propagates the original")
        void bareReraise() {
            QueueFullException thrown = assertThrows(QueueFullException.class, () -> ExceptionGroups.catching(() -> {
                throw full;
            }).on(QueueFullException.class, g -> {
                throw (QueueFullException) g.exceptions().getFirst();
            }).run());
            assertSame(full, thrown);
        }

        @Test
        @DisplayName("an error group's Errors can be handled; the exceptions left propagate as an exception group")
        void errorGroupHandled() {
            AssertionError bug = new AssertionError("bug");
            ComputeErrorGroup errors = new ComputeErrorGroup("closing", List.of(full, bug));
            ComputeExceptionGroup left = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw errors;
                    }).on(AssertionError.class, record("bug")).run());
            assertEquals(List.of("bug:closing[bug]"), calls);
            assertEquals("closing[" + FULL + "]", shape(left));
        }

        @Test
        @DisplayName("a VirtualMachineError is never handled: it propagates as itself")
        void virtualMachineErrorNeverHandled() {
            StackOverflowError overflow = new StackOverflowError();
            StackOverflowError thrown = assertThrows(StackOverflowError.class, () -> ExceptionGroups.catching(() -> {
                throw overflow;
            }).on(Throwable.class, record("all")).run());
            assertSame(overflow, thrown);
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName("a group holding a VirtualMachineError is not handled: the error propagates bare, the rest suppressed")
        void groupWithVirtualMachineError() {
            OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
            ComputeErrorGroup errors = new ComputeErrorGroup("closing", List.of(full, oom));
            OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> ExceptionGroups.catching(() -> {
                throw errors;
            }).on(Throwable.class, record("all")).run());
            assertSame(oom, thrown);
            assertEquals(List.of(full), List.of(oom.getSuppressed()));
            assertEquals(List.of(), calls);
        }

        @Test
        @DisplayName("a handled InterruptedException the body threw restores the interrupt flag")
        void handledInterruptRestoresFlag() throws Exception {
            ExceptionGroups.catching(() -> {
                throw new InterruptedException("stop");
            }).on(InterruptedException.class, g -> calls.add("handled; flag " + Thread.currentThread().isInterrupted()))
                    .run();
            assertEquals(List.of("handled; flag false"), calls, "the flag is set after the handlers, not before");
            assertTrue(Thread.interrupted(), "the interrupt was not lost");
        }

        @Test
        @DisplayName("an unhandled InterruptedException propagates as itself and the flag is left alone")
        void unhandledInterruptPropagates() {
            InterruptedException stop = new InterruptedException("stop");
            ExceptionGroups.Catching<InterruptedException> catching = ExceptionGroups.catching(() -> {
                throw stop;
            });
            InterruptedException thrown = assertThrows(InterruptedException.class,
                    catching.on(IOException.class, record("never"))::run);
            assertSame(stop, thrown);
            assertFalse(Thread.currentThread().isInterrupted());
        }

        @Test
        @DisplayName("an InterruptedException inside a group is handled like any leaf; the flag is left to the group's maker")
        void interruptInGroup() {
            ComputeExceptionGroup g = new ComputeExceptionGroup("tasks", List.of(new InterruptedException("task 2")));
            ExceptionGroups.catching(() -> {
                throw g;
            }).on(InterruptedException.class, record("interrupted")).run();
            assertEquals(List.of("interrupted:tasks[task 2]"), calls);
            assertFalse(Thread.currentThread().isInterrupted());
        }

        @Test
        @DisplayName("a group type cannot be a handler's type")
        void groupTypeRejected() {
            ExceptionGroups.Catching<RuntimeException> catching = ExceptionGroups.catching(() -> { });
            assertThrows(IllegalArgumentException.class, () -> catching.on(ComputeExceptionGroup.class, record("x")));
        }

        @Test
        @DisplayName("a condition that throws raises its exception; the leaves stay for later handlers")
        void throwingCondition() {
            IllegalStateException broken = new IllegalStateException("broken condition");
            ComputeExceptionGroup thrown = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(t -> {
                        throw broken;
                    }, record("never")).on(ComputeException.class, record("compute")).run());
            assertSame(broken, thrown.exceptions().getFirst());
            assertEquals("closing[inner[io]]", shape(thrown.exceptions().get(1)));
            assertEquals(List.of("compute:closing[" + FULL + ", " + NF + ", inner[" + ST + "]]"), calls);
        }

        @Test
        @DisplayName("a predicate handler matches by condition")
        void predicateHandler() {
            ComputeExceptionGroup rest = assertThrows(ComputeExceptionGroup.class,
                    () -> ExceptionGroups.catching(() -> {
                        throw group;
                    }).on(t -> t instanceof KernelException k && k.kernelId().equals("st"), record("st")).run());
            assertEquals(List.of("st:closing[inner[" + ST + "]]"), calls);
            assertEquals("closing[" + FULL + ", " + NF + ", inner[io]]", shape(rest));
        }
    }
}
