package org.jdotcompute.api.exceptions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A tree of independent failures that happened concurrently (seed 003: trio's
 * {@code MultiError}, Python's {@code ExceptionGroup}). Exactly two kinds exist, chosen by what
 * the tree holds so that an {@link Error} is never catchable as an {@link Exception}:
 * <ul>
 *   <li>{@link ComputeExceptionGroup} (a {@link ComputeException}): every child is an
 *       {@code Exception};</li>
 *   <li>{@link ComputeErrorGroup} (an {@link Error}): at least one child is not an
 *       {@code Exception} (an {@code Error}, a nested {@code ComputeErrorGroup}, or another
 *       {@code Throwable}).</li>
 * </ul>
 * {@link ExceptionGroups#of} picks the kind; {@link ExceptionGroups#catching} handles the
 * leaves of a group like Python's {@code except*}.
 *
 * <p>The tree is never collapsed: a one-child group stays a group, and a group nested in a
 * group stays nested (its own stack trace records where it travelled on its own). Every child
 * is also registered with {@link Throwable#addSuppressed}, so stack traces and loggers print the
 * whole tree.
 *
 * <p><b>Leaves and conditions.</b> A <em>leaf</em> is a child that is not itself a group.
 * {@link #split} and {@link #subgroup} test their condition on leaves only — never on the groups
 * themselves, unlike Python: a {@code ComputeExceptionGroup} is a {@code ComputeException}, and
 * {@code split(ComputeException.class)} must not claim an {@code IOException} leaf just because
 * its group matches. The results keep the tree's shape, drop groups left empty, keep one-child
 * groups, and copy each group's message, cause, stack trace and any suppressed exceptions that
 * are not its children. A subtree whose leaves all land on one side is that very subtree, not a
 * copy: {@code split} of a group whose leaves all match returns the group itself as
 * {@link Split#matched()}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads (the parts
 * every {@code Throwable} can mutate — suppressed list, stack trace — are synchronized by
 * {@code Throwable}).
 */
public sealed interface ExceptionGroup permits ComputeExceptionGroup, ComputeErrorGroup {

    /** The message without the count, e.g. {@code closing runtime}. */
    String groupMessage();

    /** The direct children, in order; some may be groups themselves. Never empty; unmodifiable. */
    List<Throwable> exceptions();

    /** Every leaf of the tree (children that are not groups), depth first, in order; unmodifiable. */
    default List<Throwable> leaves() {
        return GroupTrees.leaves(this);
    }

    /**
     * The leaves that are instances of {@code type}, depth first, in order; unmodifiable. Handy in
     * a {@link ExceptionGroups#catching} handler: {@code g.leaves(KernelException.class)}.
     */
    default <T extends Throwable> List<T> leaves(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return leaves().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** This group, as the {@code Throwable} it is (for chaining it as a cause or suppressing it). */
    Throwable asThrowable();

    /**
     * The leaves that are instances of {@code type}, in a tree of the same shape.
     *
     * @return the matching part; empty if no leaf matches; this very group if every leaf matches
     * @throws IllegalArgumentException if {@code type} is a group type (no leaf can be one)
     */
    Optional<? extends ExceptionGroup> subgroup(Class<? extends Throwable> type);

    /**
     * The leaves for which {@code condition} holds, in a tree of the same shape.
     *
     * @return the matching part; empty if no leaf matches; this very group if every leaf matches
     */
    Optional<? extends ExceptionGroup> subgroup(Predicate<? super Throwable> condition);

    /**
     * Splits the leaves into those that are instances of {@code type} and the rest, each part a
     * tree of the same shape.
     *
     * @throws IllegalArgumentException if {@code type} is a group type (no leaf can be one)
     */
    Split<? extends ExceptionGroup> split(Class<? extends Throwable> type);

    /**
     * Splits the leaves into those for which {@code condition} holds and the rest, each part a
     * tree of the same shape.
     */
    Split<? extends ExceptionGroup> split(Predicate<? super Throwable> condition);

    /**
     * The two parts of a {@link #split}: at least one is present. When one part is empty, the
     * other is the split group itself.
     *
     * <p>Thread-safety: immutable; safe to share between threads.
     *
     * @param matched the leaves that matched, as a tree of the original shape
     * @param rest    the other leaves, as a tree of the original shape
     * @param <G>     the kind of group each part is
     */
    record Split<G extends ExceptionGroup>(Optional<G> matched, Optional<G> rest) {
        /** Checks that neither part is null and at least one is present. */
        public Split {
            Objects.requireNonNull(matched, "matched");
            Objects.requireNonNull(rest, "rest");
            if (matched.isEmpty() && rest.isEmpty()) {
                throw new IllegalArgumentException("a split has at least one non-empty part");
            }
        }
    }
}
