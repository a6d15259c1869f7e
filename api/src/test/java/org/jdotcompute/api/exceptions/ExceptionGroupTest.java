package org.jdotcompute.api.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Exception groups are trees that lose nothing")
class ExceptionGroupTest {

    /** The tree as text: a group is {@code message[children]}, a leaf is its message. */
    static String shape(Throwable t) {
        if (t instanceof ExceptionGroup g) {
            StringJoiner children = new StringJoiner(", ", g.groupMessage() + "[", "]");
            g.exceptions().forEach(c -> children.add(shape(c)));
            return children.toString();
        }
        return t.getMessage();
    }

    static String shape(Optional<? extends ExceptionGroup> g) {
        return g.map(x -> shape(x.asThrowable())).orElse("-");
    }

    // root[ kernel-a, io-b, inner[ queue-c, deep[ kernel-d ] ], alone[ io-e ] ]
    final KernelNotFoundException kernelA = new KernelNotFoundException("a");
    final IOException ioB = new IOException("io-b");
    final QueueFullException queueC = new QueueFullException(3);
    final KernelStateException kernelD = new KernelStateException("d", KernelState.ACTIVE, List.of());
    final IOException ioE = new IOException("io-e");
    final ComputeExceptionGroup deep = new ComputeExceptionGroup("deep", List.of(kernelD));
    final ComputeExceptionGroup inner = new ComputeExceptionGroup("inner", List.of(queueC, deep));
    final ComputeExceptionGroup alone = new ComputeExceptionGroup("alone", List.of(ioE));
    final ComputeExceptionGroup root = new ComputeExceptionGroup("root", List.of(kernelA, ioB, inner, alone),
            new IllegalStateException("root cause"));

    static final String A = "[a] Kernel not found: 'a'";
    static final String C = "Queue is full (size: 3)";
    static final String D = "[d] Invalid state: ACTIVE, expected: ";

    @Nested
    @DisplayName("Construction")
    class Construction {
        @Test
        @DisplayName("an empty list is rejected with IllegalArgumentException")
        void emptyRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ComputeExceptionGroup("closing", List.of()));
            assertEquals("exception group 'closing': a group needs at least one exception, got none", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ComputeErrorGroup("closing", List.of()));
        }

        @Test
        @DisplayName("an exception group refuses an Error child, which would become catchable as an Exception")
        void exceptionGroupRefusesErrors() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ComputeExceptionGroup("closing", List.of(ioB, new AssertionError("bug"))));
            assertEquals("exception group 'closing': child 1 (java.lang.AssertionError) is not an Exception and would"
                    + " become catchable as one; use ExceptionGroups.of(message, failures), which makes a"
                    + " ComputeErrorGroup", e.getMessage());
            ComputeErrorGroup errors = new ComputeErrorGroup("x", List.of(new AssertionError("bug")));
            assertThrows(IllegalArgumentException.class, () -> new ComputeExceptionGroup("closing", List.of(errors)));
        }

        @Test
        @DisplayName("an error group refuses to hold only exceptions: that is an exception group")
        void errorGroupNeedsANonException() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ComputeErrorGroup("closing", List.of(ioB)));
            assertEquals("exception group 'closing': every child is an Exception, so this must be a"
                    + " ComputeExceptionGroup; use ExceptionGroups.of(message, failures), which picks the kind",
                    e.getMessage());
        }

        @Test
        @DisplayName("null message, list or child is rejected")
        void nullsRejected() {
            assertThrows(NullPointerException.class, () -> new ComputeExceptionGroup(null, List.of(ioB)));
            assertThrows(NullPointerException.class, () -> new ComputeExceptionGroup("x", null));
            assertThrows(NullPointerException.class, () -> new ComputeExceptionGroup("x", Arrays.asList(ioB, null)));
        }

        @Test
        @DisplayName("the children are copied and unmodifiable")
        void childrenCopied() {
            List<Throwable> list = new ArrayList<>(List.of(ioB));
            ComputeExceptionGroup g = new ComputeExceptionGroup("x", list);
            list.add(ioE);

            assertEquals(List.of(ioB), g.exceptions());
            assertThrows(UnsupportedOperationException.class, () -> g.exceptions().add(ioE));
            assertThrows(UnsupportedOperationException.class, () -> g.leaves().add(ioE));
        }

        @Test
        @DisplayName("a one-child group nested in a group is never collapsed")
        void noCollapsing() {
            assertEquals("root[" + A + ", io-b, inner[" + C + ", deep[" + D + "]], alone[io-e]]", shape(root));
            assertSame(deep, inner.exceptions().get(1));
        }

        @Test
        @DisplayName("the children are the group's suppressed exceptions, so the stack trace prints the tree")
        void childrenAreSuppressed() {
            assertEquals(root.exceptions(), List.of(root.getSuppressed()));
            StringWriter printed = new StringWriter();
            root.printStackTrace(new PrintWriter(printed));
            String text = printed.toString();
            for (String expected : List.of("ComputeExceptionGroup: root (4 sub-exceptions)",
                    "Suppressed: org.jdotcompute.api.exceptions.KernelNotFoundException: " + A,
                    "Suppressed: java.io.IOException: io-b",
                    "Suppressed: org.jdotcompute.api.exceptions.ComputeExceptionGroup: inner (2 sub-exceptions)",
                    "Suppressed: org.jdotcompute.api.exceptions.QueueFullException: " + C,
                    "Suppressed: org.jdotcompute.api.exceptions.KernelStateException: " + D,
                    "Caused by: java.lang.IllegalStateException: root cause")) {
                assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
            }
        }
    }

    @Nested
    @DisplayName("Leaves")
    class Leaves {
        @Test
        @DisplayName("leaves() lists every non-group throwable depth first, in order")
        void leavesInOrder() {
            assertEquals(List.of(kernelA, ioB, queueC, kernelD, ioE), root.leaves());
        }

        @Test
        @DisplayName("leaves(type) filters and casts")
        void typedLeaves() {
            List<KernelException> kernels = root.leaves(KernelException.class);
            assertEquals(List.of(kernelA, kernelD), kernels);
            assertEquals(List.of("a", "d"), kernels.stream().map(KernelException::kernelId).toList());
        }
    }

    @Nested
    @DisplayName("Split and subgroup")
    class Splitting {
        @Test
        @DisplayName("split(type) keeps the shape on both sides, one-child groups included")
        void splitKeepsShape() {
            ExceptionGroup.Split<ComputeExceptionGroup> split = root.split(KernelException.class);

            assertEquals("root[" + A + ", inner[deep[" + D + "]]]", shape(split.matched()));
            assertEquals("root[io-b, inner[" + C + "], alone[io-e]]", shape(split.rest()));
        }

        @Test
        @DisplayName("a subtree whose leaves all land on one side is reused, not copied")
        void untouchedSubtreesAreShared() {
            ExceptionGroup.Split<ComputeExceptionGroup> split = root.split(KernelException.class);

            ComputeExceptionGroup matchedInner = (ComputeExceptionGroup) split.matched().orElseThrow().exceptions().get(1);
            assertSame(deep, matchedInner.exceptions().getFirst());
            assertSame(alone, split.rest().orElseThrow().exceptions().get(2));
        }

        @Test
        @DisplayName("when every leaf matches, matched() is the group itself and rest() is empty")
        void allMatch() {
            ExceptionGroup.Split<ComputeExceptionGroup> split = root.split(Exception.class);
            assertSame(root, split.matched().orElseThrow());
            assertTrue(split.rest().isEmpty());
            assertSame(root, root.subgroup(Exception.class).orElseThrow());
        }

        @Test
        @DisplayName("when no leaf matches, rest() is the group itself and matched() is empty")
        void noneMatch() {
            ExceptionGroup.Split<ComputeExceptionGroup> split = root.split(ArithmeticException.class);
            assertTrue(split.matched().isEmpty());
            assertSame(root, split.rest().orElseThrow());
            assertTrue(root.subgroup(ArithmeticException.class).isEmpty());
        }

        @Test
        @DisplayName("subgroup(predicate) is split(predicate).matched()")
        void subgroupPredicate() {
            Optional<ComputeExceptionGroup> sub = root.subgroup(t -> t.getMessage().startsWith("io-"));
            assertEquals("root[io-b, alone[io-e]]", shape(sub));
            assertEquals(shape(root.split(t -> t.getMessage().startsWith("io-")).matched()), shape(sub));
        }

        @Test
        @DisplayName("derived groups copy the message, cause, stack trace and non-child suppressed exceptions")
        void derivedGroupsCopyMetadata() {
            IOException note = new IOException("closing the log also failed");
            root.addSuppressed(note);
            ComputeExceptionGroup matched = root.subgroup(KernelException.class).orElseThrow();

            assertEquals("root", matched.groupMessage());
            assertEquals("root (2 sub-exceptions)", matched.getMessage());
            assertSame(root.getCause(), matched.getCause());
            assertEquals(List.of(root.getStackTrace()), List.of(matched.getStackTrace()));
            List<Throwable> suppressed = List.of(matched.getSuppressed());
            assertEquals(matched.exceptions(), suppressed.subList(0, 2));
            assertEquals(List.of(note), suppressed.subList(2, suppressed.size()));
        }

        @Test
        @DisplayName("the condition sees leaves only: a group is never claimed because it is a ComputeException")
        void conditionSeesLeavesOnly() {
            List<Throwable> seen = new ArrayList<>();
            root.split(t -> seen.add(t) && false);
            assertEquals(root.leaves(), seen);

            ExceptionGroup.Split<ComputeExceptionGroup> split = root.split(ComputeException.class);
            assertEquals("root[io-b, alone[io-e]]", shape(split.rest()));
        }

        @Test
        @DisplayName("a group type is rejected as a condition: no leaf can match it")
        void groupTypeRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> root.split(ComputeExceptionGroup.class));
            assertEquals("org.jdotcompute.api.exceptions.ComputeExceptionGroup is a group type, but conditions are"
                    + " tested on leaves, which are never groups; match the leaf types instead", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> root.subgroup(ComputeErrorGroup.class));
        }

        @Test
        @DisplayName("splitting an error group makes an exception group of the part that holds only exceptions")
        void errorGroupSplitPicksKinds() {
            AssertionError bug = new AssertionError("bug");
            ComputeErrorGroup errors = new ComputeErrorGroup("closing", List.of(ioB, bug, inner));

            ExceptionGroup.Split<ExceptionGroup> split = errors.split(Error.class);

            assertInstanceOf(ComputeErrorGroup.class, split.matched().orElseThrow());
            assertEquals("closing[bug]", shape(split.matched()));
            assertInstanceOf(ComputeExceptionGroup.class, split.rest().orElseThrow());
            assertEquals("closing[io-b, inner[" + C + ", deep[" + D + "]]]", shape(split.rest()));
            assertSame(inner, split.rest().orElseThrow().exceptions().get(1));
        }

        @Test
        @DisplayName("a Split has at least one part")
        void splitNeedsAPart() {
            assertThrows(IllegalArgumentException.class,
                    () -> new ExceptionGroup.Split<ComputeExceptionGroup>(Optional.empty(), Optional.empty()));
        }
    }
}
