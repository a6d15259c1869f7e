package org.jdotcompute.api.exceptions;

import java.util.List;
import java.util.Objects;

/**
 * Several independent failures that happened concurrently, as a tree (seed 003: trio's
 * MultiError, Python's ExceptionGroup). Never collapsed: a one-child group stays a group.
 * Children are also registered with {@link #addSuppressed} so every stack trace prints the
 * tree. Message: {@code {message} ({n} sub-exception[s])}.
 */
public class ComputeExceptionGroup extends ComputeException {
    private static final long serialVersionUID = 1L;
    private final String groupMessage;
    @SuppressWarnings("serial") // always a List.copyOf list, which is serializable
    private final List<Throwable> exceptions;

    /**
     * @param message    what was being done
     * @param exceptions the failures (non-empty; none may be a {@code VirtualMachineError} or
     *                   another {@link Error} — use {@link ComputeErrorGroup} for those)
     * @throws IllegalArgumentException for an empty list
     */
    @SuppressWarnings("this-escape") // addSuppressed is final in Throwable and only records the child
    public ComputeExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + checked(exceptions).size() + (exceptions.size() == 1 ? " sub-exception)"
                : " sub-exceptions)"));
        this.groupMessage = message;
        this.exceptions = List.copyOf(exceptions);
        for (Throwable child : this.exceptions) {
            addSuppressed(child);
        }
    }

    private static List<? extends Throwable> checked(List<? extends Throwable> exceptions) {
        Objects.requireNonNull(exceptions, "exceptions");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an exception group needs at least one exception");
        }
        return exceptions;
    }

    /** The message without the count. */
    public String groupMessage() {
        return groupMessage;
    }

    /** The direct children, in order. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
