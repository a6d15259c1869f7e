package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.stream.Collectors;

import org.jdotcompute.api.exceptions.DeviceErrorSite;

/**
 * Prints a {@link KernelIR} as stable, readable text — for golden tests and for users who want
 * to see what the front end made of their kernel. The format is line-oriented:
 *
 * <pre>
 * kernel Kernels.saxpy checks=INDEX features=[DEVICE_FAILURES]
 * site #0 java.lang.ArrayIndexOutOfBoundsException("Index \\u0001 out of bounds for length \\u0001") values=[INT, INT] at Kernels.java:12 (org.example.Kernels.saxpy)
 * constant #0 int[4] = {1, 2, 4, 8} from org.example.Kernels.POWERS
 *
 * function Kernels_saxpy(float p_a, float[] p_x, float[] p_y) -&gt; void kernel mode=RETURN mayFail
 *   java org.example.Kernels.saxpy(Lorg/jdotcompute/api/KernelContext;F[F[F)V
 *   var int s0_i
 *   B0:
 *     s0_i = GLOBAL_ID(0)
 *     ...
 *     return
 * </pre>
 *
 * Floating-point constants print as Java literals ({@code 1.5f}, {@code -0.0d}); NaNs print
 * their raw bits. Stateless and thread-safe.
 */
public final class IrPrinter {
    private IrPrinter() {
    }

    /** The whole kernel: header, sites, then every function (callees first). */
    public static String print(KernelIR ir) {
        StringBuilder sb = new StringBuilder();
        sb.append("kernel ").append(ir.kernelName()).append(" checks=").append(ir.checks()).append(" features=")
                .append(ir.features().stream().sorted().map(Enum::name).collect(Collectors.joining(", ", "[", "]")))
                .append('\n');
        for (int i = 0; i < ir.sites().size(); i++) {
            sb.append(site(i, ir.sites().get(i))).append('\n');
        }
        for (ConstantArrayDecl c : ir.constantArrays()) {
            sb.append(constant(c)).append('\n');
        }
        for (IrFunction f : ir.functions()) {
            sb.append('\n').append(print(f));
        }
        return sb.toString();
    }

    /**
     * One constant table: {@code constant #i int[3] = {1, 2, 3} from org.example.Tables.T}; floats and
     * doubles print as in operands (Java literals, NaNs by their bits).
     */
    public static String constant(ConstantArrayDecl c) {
        return "constant #" + c.id() + " " + name(c.element()) + "[" + c.length() + "] = "
                + c.values().stream().map(IrPrinter::op).collect(Collectors.joining(", ", "{", "}")) + " from "
                + c.origin();
    }

    /** One site: {@code site #i Class(args) values=[...] at File.java:line (class.method)}. */
    public static String site(int id, DeviceErrorSite s) {
        String args = s.arguments().stream()
                .map(a -> a.type() == DeviceErrorSite.ArgumentType.STRING ? quote(a.template()) : a.type().name())
                .collect(Collectors.joining(", "));
        return "site #" + id + " " + s.exceptionClass() + "(" + args + ") values=" + s.valueTypes() + " at "
                + s.sourceFile() + ":" + s.sourceLine() + " (" + s.declaringClass() + "." + s.methodName() + ")";
    }

    /** One function. */
    public static String print(IrFunction f) {
        StringBuilder sb = new StringBuilder();
        sb.append("function ").append(f.name()).append('(')
                .append(f.parameters().stream().map(v -> v.type() + " " + v.name()).collect(Collectors.joining(", ")))
                .append(") -> ").append(f.returnType()).append(f.kernel() ? " kernel" : "")
                .append(" mode=").append(f.failureMode()).append(f.mayFail() ? " mayFail" : "").append('\n');
        sb.append("  java ").append(f.javaName()).append('\n');
        for (Var v : f.locals()) {
            sb.append("  var ").append(v.type()).append(' ').append(v.name()).append('\n');
        }
        for (LocalArrayDecl d : f.localArrays()) {
            sb.append("  local #").append(d.id()).append(' ').append(d.element().name().toLowerCase(java.util.Locale.ROOT))
                    .append('[').append(d.length()).append("]\n");
        }
        for (PrivateArrayDecl d : f.privateArrays()) {
            sb.append("  private #").append(d.id()).append(' ').append(name(d.element())).append('[').append(d.length())
                    .append("]\n");
        }
        for (Block b : f.blocks()) {
            sb.append("  B").append(b.id()).append(":\n");
            for (Stmt s : b.statements()) {
                sb.append("    ").append(stmt(s)).append('\n');
            }
            sb.append("    ").append(terminator(b.terminator())).append('\n');
        }
        return sb.toString();
    }

    /** One statement. */
    public static String stmt(Stmt s) {
        return switch (s) {
            case Stmt.Assign a -> a.dst() + " = " + op(a.src());
            case Stmt.Binary b -> b.dst() + " = " + op(b.a()) + " " + symbol(b.op()) + " " + op(b.b());
            case Stmt.Negate n -> n.dst() + " = -" + op(n.a());
            case Stmt.Convert c -> c.dst() + " = (" + name(c.to()) + ") " + op(c.a()) + "  [from " + name(c.from()) + "]";
            case Stmt.Compare3 c -> c.dst() + " = compare(" + op(c.a()) + ", " + op(c.b()) + ") nan=" + c.nanResult();
            case Stmt.Load l -> l.dst() + " = " + l.array() + "[" + op(l.index()) + "]";
            case Stmt.Store st -> st.array() + "[" + op(st.index()) + "] = " + op(st.value());
            case Stmt.Length l -> l.dst() + " = " + l.array() + ".length";
            case Stmt.CheckIndex c -> "check_index #" + c.siteId() + " " + c.array() + "[" + op(c.index()) + "]";
            case Stmt.CheckDivisor c -> "check_divisor #" + c.siteId() + " " + op(c.divisor());
            case Stmt.Call c -> c.dst().map(d -> d + " = ").orElse("") + "call " + c.function() + args(c.args());
            case Stmt.Intrinsic x -> x.dst() + " = " + x.op() + args(x.args());
            case Stmt.WorkItem w -> w.dst() + " = " + w.query() + "(" + w.dimension() + ")";
            case Stmt.Barrier b -> "barrier";
            case Stmt.LocalArray l -> l.dst() + " = local #" + l.arrayId();
            case Stmt.ConstantArray c -> c.dst() + " = constant #" + c.arrayId();
            case Stmt.PrivateArray p -> p.dst() + " = private #" + p.arrayId();
            case Stmt.Atomic a -> a.dst() + " = atomic " + a.op() + " " + a.array() + "[" + op(a.index()) + "]"
                    + args(a.operands());
            case Stmt.ReportFailure r -> "report_failure #" + r.siteId() + args(r.values());
        };
    }

    /** One terminator. */
    public static String terminator(Terminator t) {
        return switch (t) {
            case Terminator.Goto g -> "goto B" + g.target();
            case Terminator.Branch b -> "if " + op(b.a()) + " " + b.op().symbol() + " " + op(b.b()) + " goto B"
                    + b.ifTrue() + " else B" + b.ifFalse();
            case Terminator.Switch s -> "switch " + op(s.key()) + " ["
                    + s.cases().stream().map(c -> c.key() + " -> B" + c.target()).collect(Collectors.joining(", "))
                    + "] default B" + s.defaultTarget();
            case Terminator.Return r -> r.value().map(v -> "return " + op(v)).orElse("return");
            case Terminator.Throw th -> "throw #" + th.siteId() + args(th.values());
        };
    }

    /** An operand: a variable's name or a constant as a Java literal. */
    public static String op(Operand o) {
        return switch (o) {
            case Var v -> v.name();
            case Const c -> switch (c.kind()) {
                case INT -> Integer.toString(c.intValue());
                case LONG -> c.longValue() + "L";
                case FLOAT -> Float.isNaN(c.floatValue())
                        ? "NaN(0x" + Integer.toHexString((int) c.bits()) + ")f" : c.floatValue() + "f";
                case DOUBLE -> Double.isNaN(c.doubleValue())
                        ? "NaN(0x" + Long.toHexString(c.bits()) + ")d" : c.doubleValue() + "d";
                default -> throw new AssertionError(c.kind());
            };
        };
    }

    private static String args(List<Operand> args) {
        return args.stream().map(IrPrinter::op).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String name(Scalar s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String symbol(BinaryOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case REM -> "%";
            case AND -> "&";
            case OR -> "|";
            case XOR -> "^";
            case SHL -> "<<";
            case SHR -> ">>";
            case USHR -> ">>>";
        };
    }

    /** A Java string literal, with U+0001 placeholders and other control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
