package org.jdotcompute.spi.codegen;

import java.util.List;
import java.util.Set;

import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.WorkItemQuery;

/** A minimal dialect and emitter for testing the shared helpers: C with made-up built-ins. */
final class TestDialect implements CDialect {
    static final TestDialect INSTANCE = new TestDialect(true);
    static final TestDialect DECIMAL = new TestDialect(false);

    private final boolean hex;

    private TestDialect(boolean hex) {
        this.hex = hex;
    }

    @Override
    public String name() {
        return "Test C";
    }

    @Override
    public String scalarType(Scalar scalar) {
        return switch (scalar) {
            case BOOLEAN -> "u8";
            case BYTE -> "i8";
            case CHAR -> "u16";
            case SHORT -> "i16";
            case INT -> "i32";
            case LONG -> "i64";
            case FLOAT -> "f32";
            case DOUBLE -> "f64";
        };
    }

    @Override
    public String unsignedType(Scalar scalar) {
        return switch (scalar) {
            case INT -> "u32";
            case LONG -> "u64";
            default -> throw new IllegalArgumentException(scalar.toString());
        };
    }

    @Override
    public String longLiteralSuffix() {
        return "LL";
    }

    @Override
    public String bitcast(Scalar from, Scalar to, String operand) {
        return "bits_" + scalarType(to) + "(" + operand + ")";
    }

    @Override
    public String privateIntPointer() {
        return "i32*";
    }

    @Override
    public boolean hexFloatLiterals() {
        return hex;
    }

    @Override
    public Set<String> reservedWords() {
        return Set.of("i32", "builtin");
    }

    /** The emitter of this dialect. */
    static class Emitter extends CEmitter {
        private final boolean tables;

        Emitter() {
            this(true);
        }

        /** @param tables whether to declare constant tables (else the base class's default rejects them) */
        Emitter(boolean tables) {
            super(INSTANCE);
            this.tables = tables;
        }

        @Override
        protected String constantArrayQualifier() {
            return tables ? "rom" : super.constantArrayQualifier();
        }

        @Override
        protected String prologue(KernelIR kernel) {
            return "// prologue" + (usesDouble() ? " fp64" : "");
        }

        @Override
        protected String pointerType(Scalar element, AddressSpace space) {
            return (space == AddressSpace.LOCAL ? "shared " : space == AddressSpace.CONSTANT ? "rom " : "")
                    + dialect.scalarType(element) + "*";
        }

        @Override
        protected String errorRecordPointerType() {
            return "jdc_error_record*";
        }

        @Override
        protected String kernelSignature(String name, List<KernelParameter> parameters) {
            StringBuilder sb = new StringBuilder("kernel void " + name + "(");
            for (KernelParameter p : parameters) {
                if (p.index() > 0) {
                    sb.append(", ");
                }
                sb.append(switch (p) {
                    case KernelParameter.ScalarParameter s -> dialect.scalarType(s.kind()) + " " + s.name();
                    case KernelParameter.ArrayParameter a -> dialect.scalarType(a.element()) + "* " + a.name();
                    case KernelParameter.LengthParameter l -> "i32 " + l.name();
                    case KernelParameter.ErrorRecordParameter r -> "jdc_error_record* " + r.name();
                });
                sb.append(" @").append(p.index());
            }
            return sb.append(")").toString();
        }

        @Override
        protected String workItemExpression(WorkItemQuery query, int dimension) {
            return query.name().toLowerCase(java.util.Locale.ROOT) + "(" + dimension + ")";
        }

        @Override
        protected String barrierStatement() {
            return "sync();";
        }

        @Override
        protected String localArrayDeclaration(Scalar element, String name, int length) {
            return "shared " + dialect.scalarType(element) + " " + name + "[" + length + "];";
        }

        @Override
        protected String atomicExpression(AtomicOp op, Scalar element, AddressSpace space, String array, String index,
                List<String> operands) {
            return "atomic_" + op.name().toLowerCase(java.util.Locale.ROOT) + "(&" + array + "[" + index + "], "
                    + String.join(", ", operands) + ")";
        }

        @Override
        protected String recordAtomicIncrement(String target) {
            return "inc(&" + target + ")";
        }

        @Override
        protected String recordAtomicCompareExchange(String target, String expected, String desired) {
            return "cas(&" + target + ", " + expected + ", " + desired + ")";
        }
    }
}
