package org.jdotcompute.api.exceptions;

import java.io.InvalidObjectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The tree algorithms shared by both kinds of {@link ExceptionGroup}. Stateless. */
final class GroupTrees {
    private GroupTrees() {
    }

    /** {@code {message} ({n} sub-exception[s])}. */
    static String message(String groupMessage, int count) {
        return groupMessage + " (" + count + (count == 1 ? " sub-exception)" : " sub-exceptions)");
    }

    /** Copies and checks the children of a group of the given kind. */
    static List<Throwable> children(String groupMessage, List<? extends Throwable> exceptions, boolean errorGroup) {
        Objects.requireNonNull(groupMessage, "message");
        Objects.requireNonNull(exceptions, "exceptions");
        List<Throwable> copy = List.copyOf(exceptions);
        String problem = kindProblem(copy, errorGroup);
        if (problem != null) {
            throw new IllegalArgumentException("exception group '" + groupMessage + "': " + problem);
        }
        return copy;
    }

    /** Why {@code children} cannot make a group of this kind, or {@code null} if they can. */
    static String kindProblem(List<Throwable> children, boolean errorGroup) {
        if (children.isEmpty()) {
            return "a group needs at least one exception, got none";
        }
        if (errorGroup) {
            if (allExceptions(children)) {
                return "every child is an Exception, so this must be a ComputeExceptionGroup;"
                        + " use ExceptionGroups.of(message, failures), which picks the kind";
            }
            return null;
        }
        for (int i = 0; i < children.size(); i++) {
            Throwable child = children.get(i);
            if (!(child instanceof Exception)) {
                return "child " + i + " (" + child.getClass().getName() + ") is not an Exception and would become"
                        + " catchable as one; use ExceptionGroups.of(message, failures), which makes a"
                        + " ComputeErrorGroup";
            }
        }
        return null;
    }

    /** The deserialization check of a group's fields. */
    static void checkDeserialized(String groupMessage, List<Throwable> children, boolean errorGroup)
            throws InvalidObjectException {
        if (groupMessage == null || children == null || children.stream().anyMatch(Objects::isNull)) {
            throw new InvalidObjectException("exception group with a null message or child");
        }
        String problem = kindProblem(children, errorGroup);
        if (problem != null) {
            throw new InvalidObjectException("exception group '" + groupMessage + "': " + problem);
        }
    }

    static boolean allExceptions(Collection<? extends Throwable> throwables) {
        for (Throwable t : throwables) {
            if (!(t instanceof Exception)) {
                return false;
            }
        }
        return true;
    }

    /** Registers each child as suppressed, so stack traces print the tree. */
    static void suppressChildren(Throwable group, List<Throwable> children) {
        for (Throwable child : children) {
            group.addSuppressed(child);
        }
    }

    static List<Throwable> leaves(ExceptionGroup group) {
        List<Throwable> out = new ArrayList<>();
        collectLeaves(group, out);
        return List.copyOf(out);
    }

    private static void collectLeaves(ExceptionGroup group, List<Throwable> out) {
        for (Throwable child : group.exceptions()) {
            if (child instanceof ExceptionGroup nested) {
                collectLeaves(nested, out);
            } else {
                out.add(child);
            }
        }
    }

    /** Rejects a group type as a leaf condition: no leaf is a group, so it would never match. */
    static Predicate<Throwable> leafType(Class<? extends Throwable> type) {
        Objects.requireNonNull(type, "type");
        if (ExceptionGroup.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is a group type, but conditions are tested on"
                    + " leaves, which are never groups; match the leaf types instead");
        }
        return type::isInstance;
    }

    /** One side of a split; either may be {@code null} (absent), never both. */
    record Parts(Throwable matched, Throwable rest) {
    }

    /** Splits the leaves of {@code group} by {@code condition}, keeping the shape. */
    static Parts split(ExceptionGroup group, Predicate<? super Throwable> condition) {
        Objects.requireNonNull(condition, "condition");
        List<Throwable> matched = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable child : group.exceptions()) {
            if (child instanceof ExceptionGroup nested) {
                Parts parts = split(nested, condition);
                if (parts.matched() != null) {
                    matched.add(parts.matched());
                }
                if (parts.rest() != null) {
                    rest.add(parts.rest());
                }
            } else if (condition.test(child)) {
                matched.add(child);
            } else {
                rest.add(child);
            }
        }
        // A side that got every leaf got every child unchanged (by induction): it is the group itself.
        if (rest.isEmpty()) {
            return new Parts(group.asThrowable(), null);
        }
        if (matched.isEmpty()) {
            return new Parts(null, group.asThrowable());
        }
        return new Parts(derive(group, matched), derive(group, rest));
    }

    /**
     * A group with {@code original}'s message, cause, stack trace and non-child suppressed
     * exceptions, holding {@code children}; its kind follows the children.
     */
    static Throwable derive(ExceptionGroup original, List<Throwable> children) {
        Throwable self = original.asThrowable();
        Throwable cause = self.getCause();
        Throwable derived = allExceptions(children)
                ? new ComputeExceptionGroup(original.groupMessage(), children, cause)
                : new ComputeErrorGroup(original.groupMessage(), children, cause);
        derived.setStackTrace(self.getStackTrace());
        Set<Throwable> oldChildren = identitySet(original.exceptions());
        for (Throwable suppressed : self.getSuppressed()) {
            if (!oldChildren.contains(suppressed)) {
                derived.addSuppressed(suppressed);
            }
        }
        return derived;
    }

    static Set<Throwable> identitySet(Collection<? extends Throwable> throwables) {
        Set<Throwable> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(throwables);
        return set;
    }
}
