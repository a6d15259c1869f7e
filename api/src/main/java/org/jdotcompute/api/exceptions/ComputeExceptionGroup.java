package org.jdotcompute.api.exceptions;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Several independent {@link Exception}s that happened concurrently, as a tree (seed 003:
 * trio's {@code MultiError}, Python's {@code ExceptionGroup}); see {@link ExceptionGroup} for
 * the tree operations. Message: {@code {message} ({n} sub-exception[s])}.
 *
 * <p>When raised: only by APIs that do independent work concurrently, and then always — even
 * for a single failure: {@code RingKernelRuntime.close()} (terminate-all), closing a runtime
 * whose resources fail to close, multi-device operations. Sequential APIs never throw groups.
 * If a failure is an {@link Error}, those APIs throw a {@link ComputeErrorGroup} instead (an
 * {@code Error} must never be catchable as an {@code Exception}), and a
 * {@link VirtualMachineError} is thrown bare with the rest suppressed
 * ({@link ExceptionGroups#of}).
 *
 * <p>Every child must be an {@code Exception} (checked ones included: an
 * {@code InterruptedException} stays in the group, it is never dropped); children may be groups
 * themselves. Children are also registered with {@link #addSuppressed}.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public final class ComputeExceptionGroup extends ComputeException implements ExceptionGroup {
    private static final long serialVersionUID = 1L;
    private final String groupMessage;
    @SuppressWarnings("serial") // always a List.copyOf list, which is serializable
    private final List<Throwable> exceptions;

    /**
     * @param message    what was being done, e.g. {@code closing runtime}
     * @param exceptions the failures, in order (non-empty; each an {@code Exception})
     * @throws IllegalArgumentException for an empty list, or a child that is not an
     *                                  {@code Exception} (use {@link ExceptionGroups#of}, which
     *                                  makes a {@link ComputeErrorGroup} then)
     */
    public ComputeExceptionGroup(String message, List<? extends Throwable> exceptions) {
        this(message, exceptions, null);
    }

    /** As {@link #ComputeExceptionGroup(String, List)}, with a cause. */
    public ComputeExceptionGroup(String message, List<? extends Throwable> exceptions, Throwable cause) {
        List<Throwable> children = GroupTrees.children(message, exceptions, false);
        super(GroupTrees.message(message, children.size()), cause);
        this.groupMessage = message;
        this.exceptions = children;
        GroupTrees.suppressChildren(this, children);
    }

    @Override
    public String groupMessage() {
        return groupMessage;
    }

    @Override
    public List<Throwable> exceptions() {
        return exceptions;
    }

    @Override
    public Throwable asThrowable() {
        return this;
    }

    @Override
    public Optional<ComputeExceptionGroup> subgroup(Class<? extends Throwable> type) {
        return subgroup(GroupTrees.leafType(type));
    }

    @Override
    public Optional<ComputeExceptionGroup> subgroup(Predicate<? super Throwable> condition) {
        return split(condition).matched();
    }

    @Override
    public Split<ComputeExceptionGroup> split(Class<? extends Throwable> type) {
        return split(GroupTrees.leafType(type));
    }

    @Override
    public Split<ComputeExceptionGroup> split(Predicate<? super Throwable> condition) {
        GroupTrees.Parts parts = GroupTrees.split(this, condition);
        // Every leaf under an exception group is an Exception, so every derived part is one too.
        return new Split<>(Optional.ofNullable((ComputeExceptionGroup) parts.matched()),
                Optional.ofNullable((ComputeExceptionGroup) parts.rest()));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        GroupTrees.checkDeserialized(groupMessage, exceptions, false);
    }
}
