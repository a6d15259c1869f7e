package org.jdotcompute.api.exceptions;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Several independent failures that happened concurrently, at least one of them an
 * {@link Error} (or another {@code Throwable} that is not an {@link Exception}), as a tree; see
 * {@link ExceptionGroup} for the tree operations. It extends {@code Error} so that
 * {@code catch (Exception e)} never catches — and so never hides — an {@code Error} travelling
 * in a group. Message: {@code {message} ({n} sub-exception[s])}.
 *
 * <p>When raised: where a {@link ComputeExceptionGroup} would be (APIs that do independent work
 * concurrently) when at least one failure is not an {@code Exception}; {@link ExceptionGroups#of}
 * and {@link ExceptionGroups#throwIfAny} pick the kind. A {@link VirtualMachineError} is not
 * wrapped by those factories: it is thrown bare with the rest suppressed. Splitting an error
 * group yields a {@code ComputeExceptionGroup} for a part that holds only exceptions.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public final class ComputeErrorGroup extends Error implements ExceptionGroup {
    private static final long serialVersionUID = 1L;
    private final String groupMessage;
    @SuppressWarnings("serial") // always a List.copyOf list, which is serializable
    private final List<Throwable> exceptions;

    /**
     * @param message    what was being done, e.g. {@code closing runtime}
     * @param exceptions the failures, in order (non-empty; at least one is not an {@code Exception})
     * @throws IllegalArgumentException for an empty list, or one holding only {@code Exception}s
     *                                  (that is a {@link ComputeExceptionGroup}; use
     *                                  {@link ExceptionGroups#of}, which picks the kind)
     */
    public ComputeErrorGroup(String message, List<? extends Throwable> exceptions) {
        this(message, exceptions, null);
    }

    /** As {@link #ComputeErrorGroup(String, List)}, with a cause. */
    public ComputeErrorGroup(String message, List<? extends Throwable> exceptions, Throwable cause) {
        List<Throwable> children = GroupTrees.children(message, exceptions, true);
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

    /** {@inheritDoc} A part holding only exceptions is a {@link ComputeExceptionGroup}. */
    @Override
    public Optional<ExceptionGroup> subgroup(Class<? extends Throwable> type) {
        return subgroup(GroupTrees.leafType(type));
    }

    /** {@inheritDoc} A part holding only exceptions is a {@link ComputeExceptionGroup}. */
    @Override
    public Optional<ExceptionGroup> subgroup(Predicate<? super Throwable> condition) {
        return split(condition).matched();
    }

    /** {@inheritDoc} A part holding only exceptions is a {@link ComputeExceptionGroup}. */
    @Override
    public Split<ExceptionGroup> split(Class<? extends Throwable> type) {
        return split(GroupTrees.leafType(type));
    }

    /** {@inheritDoc} A part holding only exceptions is a {@link ComputeExceptionGroup}. */
    @Override
    public Split<ExceptionGroup> split(Predicate<? super Throwable> condition) {
        GroupTrees.Parts parts = GroupTrees.split(this, condition);
        return new Split<>(Optional.ofNullable((ExceptionGroup) parts.matched()),
                Optional.ofNullable((ExceptionGroup) parts.rest()));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        GroupTrees.checkDeserialized(groupMessage, exceptions, true);
    }
}
