package org.jdotcompute.spi.ir;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;

/**
 * Checks that a {@link KernelIR} is well formed: every variable used is declared, types are
 * consistent in every statement and terminator, branch targets exist, calls match their callee
 * (which comes earlier in {@link KernelIR#functions()}), failure sites exist and their dynamic
 * values have the site's types, throws and failure reports match the function's
 * {@link FailureMode}, calls between functions of different modes follow {@link FailureMode}'s
 * rule, {@link IrFunction#mayFail()} is set where a function can fail, constant tables are never
 * written, atomics work on global or group-local arrays only, kernel parameters are global
 * arrays or primitives, and the kernel's {@link IrFeature}s cover what it uses. The front end runs it on every translation;
 * backend authors may run it on IR they build or transform. Stateless and thread-safe.
 */
public final class IrVerifier {
    private IrVerifier() {
    }

    /**
     * Verifies {@code ir}.
     *
     * @throws IllegalArgumentException listing every problem found
     */
    public static void verify(KernelIR ir) {
        List<String> problems = problems(ir);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the IR of kernel " + ir.kernelName() + " is invalid: "
                    + String.join("; ", problems));
        }
    }

    /** Every problem in {@code ir}, empty if it is well formed. */
    public static List<String> problems(KernelIR ir) {
        return new Run(ir).check();
    }

    private static final class Run {
        private final KernelIR ir;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, IrFunction> earlier = new HashMap<>();
        private final Map<String, Boolean> mayFail = new HashMap<>();
        private final Map<String, Boolean> barriers = new HashMap<>();
        private final Set<IrFeature> needed = EnumSet.noneOf(IrFeature.class);
        private IrFunction fn;
        private String where;
        private Set<Var> declared;

        Run(KernelIR ir) {
            this.ir = ir;
        }

        List<String> check() {
            Set<String> names = new HashSet<>();
            for (IrFunction f : ir.deviceFunctions()) {
                if (f.kernel()) {
                    problems.add("device function " + f.name() + " is marked as a kernel");
                }
            }
            for (IrFunction f : ir.functions()) {
                if (!names.add(f.name())) {
                    problems.add("two functions are named " + f.name());
                }
                if (!f.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add("function name '" + f.name() + "' is not a C identifier");
                }
                function(f);
                earlier.put(f.name(), f);
            }
            for (ConstantArrayDecl c : ir.constantArrays()) {
                scalar(c.element());
            }
            for (Var p : ir.kernel().parameters()) {
                if (p.type() instanceof IrType.Array a && a.space() != AddressSpace.GLOBAL) {
                    problems.add("kernel parameter " + p.name() + " is " + a + "; kernel arrays live in global memory");
                }
            }
            if (!ir.kernel().returnType().equals(IrType.VOID)) {
                problems.add("kernel " + ir.kernel().name() + " returns " + ir.kernel().returnType());
            }
            for (int i = 0; i < ir.sites().size(); i++) {
                DeviceErrorSite s = ir.sites().get(i);
                if (s.dynamicValueCount() > org.jdotcompute.spi.device.ErrorRecord.MAX_VALUES) {
                    problems.add("site " + i + " has " + s.dynamicValueCount() + " dynamic values, more than "
                            + org.jdotcompute.spi.device.ErrorRecord.MAX_VALUES);
                }
            }
            if (!ir.sites().isEmpty()) {
                needed.add(IrFeature.DEVICE_FAILURES);
            }
            for (IrFeature f : needed) {
                if (!ir.features().contains(f)) {
                    problems.add("the kernel uses " + f + " but its features " + ir.features() + " lack it");
                }
            }
            if (ir.features().contains(IrFeature.DEVICE_FAILURES) && ir.sites().isEmpty()) {
                problems.add("the features list DEVICE_FAILURES but there are no sites");
            }
            return List.copyOf(problems);
        }

        private void problem(String message) {
            problems.add(where + ": " + message);
        }

        private void function(IrFunction f) {
            fn = f;
            where = f.name();
            declared = new HashSet<>();
            Set<Integer> ids = new HashSet<>();
            Set<String> varNames = new HashSet<>();
            List<Var> all = new ArrayList<>(f.parameters());
            all.addAll(f.locals());
            for (Var v : all) {
                if (!ids.add(v.id())) {
                    problem("two variables have id " + v.id());
                }
                if (!varNames.add(v.name())) {
                    problem("two variables are named " + v.name());
                }
                declared.add(v);
                type(v.type());
            }
            type(f.returnType());
            Set<Integer> arrayIds = new HashSet<>();
            for (LocalArrayDecl d : f.localArrays()) {
                if (!arrayIds.add(d.id())) {
                    problem("two local arrays have id " + d.id());
                }
                needed.add(IrFeature.LOCAL_MEMORY);
                scalar(d.element());
            }
            Set<Integer> privateIds = new HashSet<>();
            for (PrivateArrayDecl d : f.privateArrays()) {
                if (!privateIds.add(d.id())) {
                    problem("two private arrays have id " + d.id());
                }
                scalar(d.element());
            }
            Set<Integer> blockIds = new HashSet<>();
            for (Block b : f.blocks()) {
                if (!blockIds.add(b.id())) {
                    problem("two blocks have id " + b.id());
                }
            }
            boolean fails = false;
            boolean barrier = false;
            for (Block b : f.blocks()) {
                where = f.name() + " B" + b.id();
                for (Stmt s : b.statements()) {
                    fails |= stmt(s);
                    barrier |= s instanceof Stmt.Barrier
                            || s instanceof Stmt.Call c && barriers.getOrDefault(c.function(), false);
                }
                fails |= terminator(b.terminator(), blockIds);
                where = f.name();
            }
            if (fails && !f.mayFail()) {
                problem("can fail but mayFail is false");
            }
            mayFail.put(f.name(), f.mayFail());
            barriers.put(f.name(), barrier);
        }

        private void type(IrType t) {
            switch (t) {
                case IrType.Prim p -> scalar(p.scalar());
                case IrType.Array a -> scalar(a.element());
                case IrType.Void v -> {
                }
            }
        }

        private void scalar(Scalar s) {
            if (s == Scalar.DOUBLE) {
                needed.add(IrFeature.FP64);
            } else if (s == Scalar.LONG) {
                needed.add(IrFeature.INT64);
            }
        }

        private void use(Operand o) {
            if (o instanceof Var v && !declared.contains(v)) {
                problem("variable " + v.name() + " (id " + v.id() + ", " + v.type() + ") is not declared");
            }
            type(o.type());
        }

        private void same(String what, IrType expected, IrType actual) {
            if (!expected.equals(actual)) {
                problem(what + " is " + actual + ", expected " + expected);
            }
        }

        private boolean prim(String what, IrType t) {
            if (!(t instanceof IrType.Prim)) {
                problem(what + " is " + t + ", expected a primitive");
                return false;
            }
            return true;
        }

        private IrType.Array array(String what, Var v) {
            if (v.type() instanceof IrType.Array a) {
                return a;
            }
            problem(what + " " + v.name() + " is " + v.type() + ", expected an array");
            return null;
        }

        private void site(int id, List<Operand> values, String what) {
            if (id < 0 || id >= ir.sites().size()) {
                problem(what + " uses site " + id + ", but there are " + ir.sites().size() + " sites");
                return;
            }
            List<ArgumentType> types = ir.sites().get(id).valueTypes();
            if (types.size() != values.size()) {
                problem(what + " passes " + values.size() + " values to site " + id + ", which takes " + types.size());
                return;
            }
            for (int i = 0; i < types.size(); i++) {
                IrType expected = switch (types.get(i)) {
                    case BOOLEAN, CHAR, BYTE, SHORT, INT -> IrType.INT;
                    case LONG -> IrType.LONG;
                    case FLOAT -> IrType.FLOAT;
                    case DOUBLE -> IrType.DOUBLE;
                    case STRING -> IrType.VOID;
                };
                same(what + " value " + i, expected, values.get(i).type());
            }
        }

        /** Checks a statement; returns whether it can record a failure. */
        private boolean stmt(Stmt s) {
            IrOperands.reads(s).forEach(this::use);
            IrOperands.written(s).ifPresent(this::use);
            switch (s) {
                case Stmt.Assign a -> same("assignment to " + a.dst().name(), a.dst().type(), a.src().type());
                case Stmt.Binary b -> {
                    if (prim("result of " + b.op(), b.dst().type())) {
                        Scalar k = ((IrType.Prim) b.dst().type()).scalar();
                        same(b.op() + " left operand", b.dst().type(), b.a().type());
                        same(b.op() + " right operand", b.op().isShift() ? IrType.INT : b.dst().type(), b.b().type());
                        if (b.op().integralOnly() && !k.isIntegral()) {
                            problem(b.op() + " on " + k);
                        }
                    }
                }
                case Stmt.Negate n -> {
                    prim("negation", n.dst().type());
                    same("negated operand", n.dst().type(), n.a().type());
                }
                case Stmt.Convert c -> {
                    if (!c.from().isStackKind()) {
                        problem("conversion from " + c.from() + ", which is not a stack kind");
                    }
                    same("converted operand", IrType.of(c.from()), c.a().type());
                    same("conversion result", IrType.of(c.to()), c.dst().type());
                    if (c.to() == Scalar.BOOLEAN) {
                        problem("conversion to BOOLEAN");
                    }
                    if (!c.to().isStackKind() && c.from() != Scalar.INT) {
                        problem("conversion from " + c.from() + " to " + c.to() + " (narrowing to a sub-int type"
                                + " starts from INT)");
                    }
                }
                case Stmt.Compare3 c -> {
                    prim("compared operand", c.a().type());
                    same("compared operands", c.a().type(), c.b().type());
                    same("comparison result", IrType.INT, c.dst().type());
                }
                case Stmt.Load l -> {
                    IrType.Array a = array("loaded array", l.array());
                    same("index", IrType.INT, l.index().type());
                    if (a != null) {
                        same("loaded value", IrType.of(a.element()), l.dst().type());
                    }
                }
                case Stmt.Store st -> {
                    IrType.Array a = array("stored array", st.array());
                    same("index", IrType.INT, st.index().type());
                    if (a != null) {
                        same("stored value", IrType.of(a.element()), st.value().type());
                        if (a.space() == AddressSpace.CONSTANT) {
                            problem("stores into the constant table " + st.array().name());
                        }
                    }
                }
                case Stmt.Length l -> {
                    array("array", l.array());
                    same("length", IrType.INT, l.dst().type());
                }
                case Stmt.CheckIndex c -> {
                    array("checked array", c.array());
                    same("checked index", IrType.INT, c.index().type());
                    site(c.siteId(), List.of(c.index(), c.index()), "index check");
                    return true;
                }
                case Stmt.CheckDivisor c -> {
                    if (!c.divisor().type().equals(IrType.INT) && !c.divisor().type().equals(IrType.LONG)) {
                        problem("checked divisor is " + c.divisor().type());
                    }
                    site(c.siteId(), List.of(), "division check");
                    return true;
                }
                case Stmt.Call c -> {
                    IrFunction callee = earlier.get(c.function());
                    if (callee == null) {
                        problem("calls " + c.function() + ", which is not an earlier device function");
                        return false;
                    }
                    if (callee.kernel()) {
                        problem("calls the kernel " + c.function());
                    }
                    if (callee.parameters().size() != c.args().size()) {
                        problem("calls " + c.function() + " with " + c.args().size() + " arguments, it takes "
                                + callee.parameters().size());
                    } else {
                        for (int i = 0; i < c.args().size(); i++) {
                            same("argument " + i + " of " + c.function(), callee.parameters().get(i).type(),
                                    c.args().get(i).type());
                        }
                    }
                    c.dst().ifPresent(d -> same("result of " + c.function(), callee.returnType(), d.type()));
                    if (fn.failureMode() == FailureMode.RETURN && callee.failureMode() == FailureMode.CONTINUE) {
                        problem("the RETURN function calls the CONTINUE function " + c.function());
                    }
                    if (fn.failureMode() == FailureMode.CONTINUE && callee.failureMode() == FailureMode.RETURN
                            && (callee.mayFail() || barriers.getOrDefault(callee.name(), false))) {
                        problem("the CONTINUE function calls the RETURN function " + c.function() + ", which "
                                + (callee.mayFail() ? "may fail" : "reaches a barrier")
                                + "; a CONTINUE function may call only RETURN functions that neither fail nor reach a"
                                + " barrier");
                    }
                    return callee.mayFail();
                }
                case Stmt.Intrinsic x -> {
                    for (int i = 0; i < x.args().size(); i++) {
                        same(x.op() + " argument " + i, IrType.of(x.op().parameters().get(i)), x.args().get(i).type());
                    }
                    same(x.op() + " result", IrType.of(x.op().result()), x.dst().type());
                }
                case Stmt.WorkItem w -> same(w.query() + " result", IrType.INT, w.dst().type());
                case Stmt.Barrier b -> needed.add(IrFeature.BARRIER);
                case Stmt.LocalArray l -> {
                    LocalArrayDecl decl = fn.localArrays().stream().filter(d -> d.id() == l.arrayId()).findFirst()
                            .orElse(null);
                    if (decl == null) {
                        problem("uses local array " + l.arrayId() + ", which " + fn.name() + " does not declare");
                    } else {
                        same("local array", new IrType.Array(decl.element(), AddressSpace.LOCAL), l.dst().type());
                    }
                }
                case Stmt.ConstantArray c -> {
                    if (c.arrayId() < 0 || c.arrayId() >= ir.constantArrays().size()) {
                        problem("uses constant array " + c.arrayId() + ", but the kernel has "
                                + ir.constantArrays().size());
                    } else {
                        same("constant array", ir.constantArrays().get(c.arrayId()).type(), c.dst().type());
                    }
                }
                case Stmt.PrivateArray p -> {
                    PrivateArrayDecl decl = fn.privateArrays().stream().filter(d -> d.id() == p.arrayId()).findFirst()
                            .orElse(null);
                    if (decl == null) {
                        problem("uses private array " + p.arrayId() + ", which " + fn.name() + " does not declare");
                    } else {
                        same("private array", decl.type(), p.dst().type());
                    }
                }
                case Stmt.Atomic a -> {
                    IrType.Array arr = array("atomic array", a.array());
                    same("atomic index", IrType.INT, a.index().type());
                    if (arr != null && (arr.space() == AddressSpace.CONSTANT || arr.space() == AddressSpace.PRIVATE)) {
                        problem("atomic " + a.op() + " on the " + arr + " array " + a.array().name()
                                + "; atomics work on global and group-local arrays");
                    }
                    if (arr != null) {
                        Scalar e = arr.element();
                        boolean ok = e == Scalar.INT || e == Scalar.LONG || e == Scalar.FLOAT && a.op() == AtomicOp.ADD;
                        if (!ok) {
                            problem("atomic " + a.op() + " on " + e + " elements");
                        } else {
                            for (Operand o : a.operands()) {
                                same("atomic operand", IrType.of(e), o.type());
                            }
                            same("atomic result", a.op() == AtomicOp.CAS ? IrType.INT : IrType.of(e), a.dst().type());
                            needed.add(e == Scalar.LONG ? IrFeature.ATOMIC_INT64
                                    : e == Scalar.FLOAT ? IrFeature.ATOMIC_FLOAT : IrFeature.ATOMIC_INT32);
                        }
                    }
                }
                case Stmt.ReportFailure r -> {
                    if (fn.failureMode() != FailureMode.CONTINUE) {
                        problem("ReportFailure in a " + fn.failureMode() + " function");
                    }
                    site(r.siteId(), r.values(), "failure report");
                    return true;
                }
            }
            return false;
        }

        private boolean terminator(Terminator t, Set<Integer> blocks) {
            IrOperands.reads(t).forEach(this::use);
            for (int s : t.successors()) {
                if (!blocks.contains(s)) {
                    problem("jumps to B" + s + ", which does not exist");
                }
            }
            switch (t) {
                case Terminator.Goto g -> {
                }
                case Terminator.Branch b -> {
                    prim("compared operand", b.a().type());
                    same("compared operands", b.a().type(), b.b().type());
                }
                case Terminator.Switch s -> {
                    same("switch key", IrType.INT, s.key().type());
                    Set<Integer> keys = new HashSet<>();
                    for (Terminator.Switch.Case c : s.cases()) {
                        if (!keys.add(c.key())) {
                            problem("switch case " + c.key() + " appears twice");
                        }
                    }
                }
                case Terminator.Return r -> {
                    if (fn.returnType().equals(IrType.VOID)) {
                        if (r.value().isPresent()) {
                            problem("returns a value from a void function");
                        }
                    } else if (r.value().isEmpty()) {
                        problem("returns no value from a function returning " + fn.returnType());
                    } else {
                        same("returned value", fn.returnType(), r.value().get().type());
                    }
                }
                case Terminator.Throw th -> {
                    if (fn.failureMode() != FailureMode.RETURN) {
                        problem("Throw in a " + fn.failureMode() + " function");
                    }
                    site(th.siteId(), th.values(), "throw");
                    return true;
                }
            }
            return false;
        }
    }
}
