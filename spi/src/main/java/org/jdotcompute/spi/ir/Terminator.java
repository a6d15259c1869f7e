package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a block ends. Targets are block ids of the same function. */
public sealed interface Terminator {

    /** The blocks this terminator may jump to. */
    List<Integer> successors();

    /** Jump to {@code target}. */
    record Goto(int target) implements Terminator {
        @Override
        public List<Integer> successors() {
            return List.of(target);
        }
    }

    /** If {@code a op b} go to {@code ifTrue}, else to {@code ifFalse}; see {@link CompareOp} for floats. */
    record Branch(CompareOp op, Operand a, Operand b, int ifTrue, int ifFalse) implements Terminator {
        public Branch {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        @Override
        public List<Integer> successors() {
            return List.of(ifTrue, ifFalse);
        }
    }

    /** A switch on an {@code INT} key. */
    record Switch(Operand key, List<Case> cases, int defaultTarget) implements Terminator {
        public Switch {
            Objects.requireNonNull(key, "key");
            cases = List.copyOf(cases);
        }

        @Override
        public List<Integer> successors() {
            var all = new java.util.ArrayList<Integer>();
            cases.forEach(c -> all.add(c.target()));
            all.add(defaultTarget);
            return List.copyOf(all);
        }

        /** One case: {@code key} jumps to {@code target}. */
        public record Case(int key, int target) {
        }
    }

    /** Return, with a value for non-void functions. */
    record Return(Optional<Operand> value) implements Terminator {
        public Return {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Integer> successors() {
            return List.of();
        }
    }

    /**
     * {@code throw new X(...)}: records a failure at {@code siteId} with the dynamic
     * {@code values}, then leaves the function ({@link FailureMode#RETURN} functions only).
     */
    record Throw(int siteId, List<Operand> values) implements Terminator {
        public Throw {
            values = List.copyOf(values);
        }

        @Override
        public List<Integer> successors() {
            return List.of();
        }
    }
}
