package org.jdotcompute.spi.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each IR node reads and writes, for passes over the IR (verification, liveness, feature
 * scans, emitters that declare variables). Stateless and thread-safe.
 */
public final class IrOperands {
    private IrOperands() {
    }

    /**
     * The operands {@code s} reads, in order (array variables included: a {@code Store} reads its
     * array, index and value).
     */
    public static List<Operand> reads(Stmt s) {
        return switch (s) {
            case Stmt.Assign a -> List.of(a.src());
            case Stmt.Binary b -> List.of(b.a(), b.b());
            case Stmt.Negate n -> List.of(n.a());
            case Stmt.Convert c -> List.of(c.a());
            case Stmt.Compare3 c -> List.of(c.a(), c.b());
            case Stmt.Load l -> List.of(l.array(), l.index());
            case Stmt.Store st -> List.of(st.array(), st.index(), st.value());
            case Stmt.Length l -> List.of(l.array());
            case Stmt.CheckIndex c -> List.of(c.array(), c.index());
            case Stmt.CheckDivisor c -> List.of(c.divisor());
            case Stmt.Call c -> c.args();
            case Stmt.Intrinsic x -> x.args();
            case Stmt.WorkItem w -> List.of();
            case Stmt.Barrier b -> List.of();
            case Stmt.LocalArray l -> List.of();
            case Stmt.ConstantArray c -> List.of();
            case Stmt.PrivateArray p -> List.of();
            case Stmt.Atomic a -> {
                List<Operand> all = new ArrayList<>();
                all.add(a.array());
                all.add(a.index());
                all.addAll(a.operands());
                yield List.copyOf(all);
            }
            case Stmt.ReportFailure r -> r.values();
        };
    }

    /** The variable {@code s} assigns, if any. */
    public static Optional<Var> written(Stmt s) {
        return switch (s) {
            case Stmt.Assign a -> Optional.of(a.dst());
            case Stmt.Binary b -> Optional.of(b.dst());
            case Stmt.Negate n -> Optional.of(n.dst());
            case Stmt.Convert c -> Optional.of(c.dst());
            case Stmt.Compare3 c -> Optional.of(c.dst());
            case Stmt.Load l -> Optional.of(l.dst());
            case Stmt.Length l -> Optional.of(l.dst());
            case Stmt.Call c -> c.dst();
            case Stmt.Intrinsic x -> Optional.of(x.dst());
            case Stmt.WorkItem w -> Optional.of(w.dst());
            case Stmt.LocalArray l -> Optional.of(l.dst());
            case Stmt.ConstantArray c -> Optional.of(c.dst());
            case Stmt.PrivateArray p -> Optional.of(p.dst());
            case Stmt.Atomic a -> Optional.of(a.dst());
            case Stmt.Store st -> Optional.empty();
            case Stmt.CheckIndex c -> Optional.empty();
            case Stmt.CheckDivisor c -> Optional.empty();
            case Stmt.Barrier b -> Optional.empty();
            case Stmt.ReportFailure r -> Optional.empty();
        };
    }

    /** The operands {@code t} reads, in order. */
    public static List<Operand> reads(Terminator t) {
        return switch (t) {
            case Terminator.Goto g -> List.of();
            case Terminator.Branch b -> List.of(b.a(), b.b());
            case Terminator.Switch s -> List.of(s.key());
            case Terminator.Return r -> r.value().map(List::of).orElse(List.of());
            case Terminator.Throw th -> th.values();
        };
    }
}
