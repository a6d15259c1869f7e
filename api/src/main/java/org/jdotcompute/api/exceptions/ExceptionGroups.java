package org.jdotcompute.api.exceptions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Making, throwing and handling {@linkplain ExceptionGroup exception groups}.
 *
 * <h2>Making and throwing</h2>
 * {@link #of} turns a list of failures into the one {@code Throwable} to throw, enforcing the
 * rules every group-throwing API follows:
 * <ul>
 *   <li>only exceptions → a {@link ComputeExceptionGroup} (a {@code RuntimeException});</li>
 *   <li>any {@link Error} (or other non-{@code Exception}) → a {@link ComputeErrorGroup} (an
 *       {@code Error}), so {@code catch (Exception e)} cannot hide it;</li>
 *   <li>any {@link VirtualMachineError} anywhere in the tree ({@code OutOfMemoryError},
 *       {@code StackOverflowError}, …) → that error itself, bare, with the rest added to it as
 *       suppressed exceptions: the JVM is in trouble and handlers written for the other failures
 *       must not run.</li>
 * </ul>
 * A group is made even for a single failure: an API that runs work concurrently always throws
 * a group, so callers handle one shape. {@link #throwIfAny} throws the result, or returns if
 * there were no failures. Neither touches the interrupt flag: code that catches an
 * {@link InterruptedException} on its own thread and collects it must restore the flag itself
 * ({@code Thread.currentThread().interrupt()}) — the exception stays in the group either way.
 *
 * <h2>Handling: {@code except*}</h2>
 * {@link #catching} runs a body and hands the leaves of whatever it throws to handlers, like
 * Python's {@code except*} (PEP 654):
 * <pre>{@code
 * ExceptionGroups.catching(() -> ringRuntime.close())
 *         .on(KernelStateException.class, failed -> {
 *             for (KernelStateException e : failed.leaves(KernelStateException.class)) {
 *                 log.log(Level.WARNING, "kernel " + e.kernelId() + " had failed", e);
 *             }
 *         })
 *         .on(QueueFullException.class, full -> metrics.dropped(full.leaves().size()))
 *         .run();   // anything else — an OpenCL failure, an Error — propagates
 * }</pre>
 * The rules, in order:
 * <ol>
 *   <li>If the body returns normally, no handler runs.</li>
 *   <li>A thrown {@link VirtualMachineError}, or a group holding one, is never handled: the error
 *       propagates bare (with the rest of the group suppressed), as {@link #of} would throw it.</li>
 *   <li>A thrown exception that is not a group is treated as a one-leaf group with the message
 *       {@code ""} (as {@code except*} does).</li>
 *   <li>Handlers are tried in registration order. Each is called <em>at most once</em>, with the
 *       subgroup of the still-unhandled leaves it matches (the tree's shape kept, see
 *       {@link ExceptionGroup#split}); a leaf is handled by the first handler that matches it
 *       only. A handler that matches nothing is not called. Every handler gets its turn, even
 *       after an earlier one threw.</li>
 *   <li>A handler "re-raises" by throwing the group it was given, one of its leaves, or a
 *       subgroup made from them; those leaves count as unhandled. Anything else it throws is
 *       "raised".</li>
 *   <li>What propagates: nothing, if every leaf was handled and nothing was raised. Otherwise
 *       the unhandled leaves (as a subgroup of the original, shape kept) and the raised
 *       exceptions (in handler order): if there is only one of these, it propagates alone — so
 *       if nothing was handled, or everything handled was re-raised, the <em>original</em>
 *       exception propagates, the same object; if there are several, they propagate together
 *       in a new group with the original group's message (made by {@link #of}).</li>
 *   <li>Interrupts: if the body threw an {@link InterruptedException} itself (the body runs on
 *       the calling thread) and a handler handled it, the calling thread's interrupt flag is set
 *       again after the handlers ran, so the interrupt is never lost. An
 *       {@code InterruptedException} inside a group is left alone: whoever made the group
 *       restored the flag of the thread that was interrupted.</li>
 * </ol>
 * A checked exception the body declares ({@code X}) propagates as itself from {@link
 * Catching#run()}; everything else that propagates is unchecked (groups always are).
 *
 * <p>Thread-safety: the static methods are thread-safe; a {@link Catching} is not (build and
 * run it on one thread).
 */
public final class ExceptionGroups {
    private ExceptionGroups() {
    }

    /**
     * The one {@code Throwable} that reports {@code failures}: a {@link ComputeExceptionGroup} if
     * all are exceptions, a {@link ComputeErrorGroup} otherwise, or the first
     * {@link VirtualMachineError} found (depth first) with every other failure added to it as
     * suppressed (a group holding it is pruned of it first, keeping its shape). Always a
     * {@code RuntimeException} or an {@code Error}. If that error cannot record suppressed
     * exceptions (the JVM's preallocated {@code OutOfMemoryError}s cannot), the other failures
     * are logged at {@code ERROR} through {@link System.Logger} instead, as the one place left.
     *
     * @param message  what was being done, e.g. {@code closing runtime}
     * @param failures the failures, in order (non-empty)
     * @throws IllegalArgumentException if {@code failures} is empty
     */
    public static Throwable of(String message, List<? extends Throwable> failures) {
        Objects.requireNonNull(message, "message");
        List<Throwable> all = List.copyOf(failures);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("exception group '" + message + "': a group needs at least one"
                    + " exception, got none");
        }
        VirtualMachineError fatal = firstVirtualMachineError(all);
        if (fatal != null) {
            List<Throwable> rest = new ArrayList<>();
            for (Throwable failure : all) {
                if (failure == fatal) {
                    continue;
                }
                if (failure instanceof ExceptionGroup group) {
                    group.subgroup(t -> t != fatal).ifPresent(pruned -> rest.add(pruned.asThrowable()));
                } else {
                    rest.add(failure);
                }
            }
            int before = fatal.getSuppressed().length;
            rest.forEach(fatal::addSuppressed);
            if (fatal.getSuppressed().length - before < rest.size()) {
                // Suppression is disabled on this error (the JVM's preallocated OutOfMemoryErrors):
                // the last place left to report the other failures is the log.
                System.getLogger(ExceptionGroups.class.getName()).log(System.Logger.Level.ERROR,
                        () -> "'" + message + "': " + fatal + " cannot record suppressed exceptions; the "
                                + rest.size() + " other failure(s) that happened with it follow",
                        group(message + ": failures that happened with " + fatal, rest).asThrowable());
            }
            return fatal;
        }
        return group(message, all).asThrowable();
    }

    /** A group of the kind that may hold {@code children}. */
    private static ExceptionGroup group(String message, List<Throwable> children) {
        return GroupTrees.allExceptions(children) ? new ComputeExceptionGroup(message, children)
                : new ComputeErrorGroup(message, children);
    }

    /**
     * Throws {@link #of of(message, failures)} if there is any failure; returns otherwise.
     *
     * @throws ComputeExceptionGroup if every failure is an exception
     * @throws ComputeErrorGroup     if some failure is not
     * @throws VirtualMachineError   bare, if one is among them
     */
    public static void throwIfAny(String message, Collection<? extends Throwable> failures) {
        Objects.requireNonNull(message, "message");
        if (!failures.isEmpty()) {
            throw unchecked(of(message, List.copyOf(failures)));
        }
    }

    /**
     * Prepares to run {@code body} with {@code except*} handlers; add them with
     * {@link Catching#on}, then call {@link Catching#run()}. See the class description for the
     * rules.
     *
     * @param body the code whose failures to handle
     * @param <X>  the checked exception the body may throw ({@code RuntimeException} if none)
     */
    public static <X extends Exception> Catching<X> catching(Body<X> body) {
        return new Catching<>(Objects.requireNonNull(body, "body"));
    }

    /**
     * The code run by {@link #catching}, on the thread that calls {@link Catching#run()}.
     *
     * @param <X> the checked exception it may throw
     */
    @FunctionalInterface
    public interface Body<X extends Exception> {
        /** Runs the code. */
        void run() throws X;
    }

    /**
     * Handles the subgroup of leaves its condition matched; see {@link #catching}. Called on the
     * thread that calls {@link Catching#run()}, at most once per run.
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles {@code matched}. Throwing it (or its leaves) re-raises them; throwing anything
         * else raises that exception too.
         *
         * @param matched the matching leaves, as a subgroup of the caught group
         */
        void handle(ExceptionGroup matched);
    }

    /**
     * A body and its {@code except*} handlers, in registration order. Not thread-safe; build and
     * run it on one thread. {@link #run()} may be called more than once; each call runs the body
     * again.
     *
     * @param <X> the checked exception the body may throw
     */
    public static final class Catching<X extends Exception> {
        private final Body<X> body;
        private final List<Clause> clauses = new ArrayList<>();

        private record Clause(Predicate<? super Throwable> condition, Handler handler) {
        }

        private Catching(Body<X> body) {
            this.body = body;
        }

        /**
         * Adds a handler for the leaves that are instances of {@code type}.
         *
         * @throws IllegalArgumentException if {@code type} is a group type: handlers see leaves,
         *                                  which are never groups (Python rejects
         *                                  {@code except* ExceptionGroup} the same way)
         */
        public Catching<X> on(Class<? extends Throwable> type, Handler handler) {
            clauses.add(new Clause(GroupTrees.leafType(type), Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * Adds a handler for the leaves for which {@code condition} holds. If the condition
         * itself throws, that exception is raised (as a handler's would be) and the clause is
         * skipped.
         */
        public Catching<X> on(Predicate<? super Throwable> condition, Handler handler) {
            clauses.add(new Clause(Objects.requireNonNull(condition, "condition"),
                    Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * Runs the body, then the handlers on what it threw.
         *
         * @throws X the body's own checked exception, when it propagates unhandled (the same object)
         */
        public void run() throws X {
            try {
                body.run();
            } catch (Throwable thrown) {
                Throwable outcome = handle(thrown);
                if (outcome == null) {
                    return;
                }
                if (outcome == thrown) {
                    throw thrown; // the original, untouched: X, a RuntimeException or an Error
                }
                throw unchecked(outcome);
            }
        }

        /** What to throw after the handlers ran, or {@code null} for nothing. */
        private Throwable handle(Throwable thrown) {
            ExceptionGroup original = thrown instanceof ExceptionGroup group ? group : null;
            VirtualMachineError fatal = original == null
                    ? (thrown instanceof VirtualMachineError e ? e : null)
                    : firstVirtualMachineError(original.exceptions());
            if (fatal != null) {
                return original == null ? thrown : of(original.groupMessage(), original.exceptions());
            }
            ExceptionGroup remaining = original != null ? original : wrap(thrown);
            Set<Throwable> originalLeaves = GroupTrees.identitySet(remaining.leaves());
            Set<Throwable> reraised = GroupTrees.identitySet(List.of());
            List<Throwable> raised = new ArrayList<>();
            for (Clause clause : clauses) {
                if (remaining == null) {
                    break;
                }
                ExceptionGroup.Split<? extends ExceptionGroup> split;
                try {
                    split = remaining.split(clause.condition());
                } catch (RuntimeException | Error conditionFailure) {
                    raised.add(conditionFailure);
                    continue;
                }
                remaining = split.rest().orElse(null);
                if (split.matched().isEmpty()) {
                    continue;
                }
                ExceptionGroup matched = split.matched().get();
                try {
                    clause.handler().handle(matched);
                } catch (Throwable fromHandler) {
                    List<Throwable> itsLeaves = fromHandler instanceof ExceptionGroup g ? g.leaves()
                            : List.of(fromHandler);
                    if (fromHandler == matched.asThrowable() || originalLeaves.containsAll(itsLeaves)) {
                        reraised.addAll(itsLeaves);
                    } else {
                        raised.add(fromHandler);
                    }
                }
            }
            Set<Throwable> keep = GroupTrees.identitySet(reraised);
            if (remaining != null) {
                keep.addAll(remaining.leaves());
            }
            if (thrown instanceof InterruptedException && !keep.contains(thrown)) {
                Thread.currentThread().interrupt(); // handled here, on the thread it interrupted
            }
            List<Throwable> parts = new ArrayList<>(raised);
            if (!keep.isEmpty()) {
                parts.add(original == null ? thrown
                        : original.subgroup(keep::contains).orElseThrow().asThrowable());
            }
            if (parts.isEmpty()) {
                return null;
            }
            if (parts.size() == 1) {
                Throwable only = parts.getFirst();
                return only == thrown || only instanceof RuntimeException || only instanceof Error ? only
                        : of("", parts);
            }
            return of(original == null ? "" : original.groupMessage(), parts);
        }
    }

    /** One bare throwable as a one-leaf group with the message {@code ""}, as {@code except*} sees it. */
    private static ExceptionGroup wrap(Throwable only) {
        return group("", List.of(only));
    }

    private static VirtualMachineError firstVirtualMachineError(List<Throwable> failures) {
        for (Throwable failure : failures) {
            if (failure instanceof VirtualMachineError fatal) {
                return fatal;
            }
            if (failure instanceof ExceptionGroup group) {
                VirtualMachineError nested = firstVirtualMachineError(group.exceptions());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** {@code t}, which is a {@code RuntimeException} or an {@code Error}, typed for {@code throw}. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // Only a handler that threw a checked exception sneakily gets here; never lose it.
        return unchecked(of("", List.of(t)));
    }
}
