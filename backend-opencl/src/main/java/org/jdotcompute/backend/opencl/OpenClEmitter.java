package org.jdotcompute.backend.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jdotcompute.spi.codegen.CEmitter;
import org.jdotcompute.spi.codegen.KernelParameter;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Emits OpenCL C 1.2 from the kernel IR: a thin layer over {@link CEmitter} that adds
 * {@code __global}/{@code __local}/{@code __constant}/{@code __private} address spaces (constant
 * tables are program-scope {@code __constant} arrays), {@code get_*_id} queries, {@code barrier},
 * the 32-bit {@code atomic_*} and 64-bit {@code atom_*} functions (min and max as
 * compare-and-swap loops where {@code cl_khr_int64_extended_atomics} is missing), a float
 * atomic add as a compare-and-swap loop on the bits, and the pragmas: {@code FP_CONTRACT OFF}
 * always, {@code cl_khr_fp64} and the 64-bit atomics extensions where used.
 *
 * <p><b>Transcendental functions</b> ({@code Math.sin} …) use OpenCL's built-ins, which are not
 * lowered to {@code StrictMath} ({@code KernelTranslator.lowerToStrictMath}): PoCL's meet
 * {@code Math}'s ULP bounds (the conformance kit checks them on the device), and they are much
 * faster than fdlibm's branchy code. The OpenCL specification allows larger errors (up to 4 ulp
 * for {@code sin}, 16 for {@code pow}); a device whose built-ins exceed the bounds fails the
 * conformance numerics rules rather than silently differing.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
final class OpenClEmitter extends CEmitter {

    /** How {@code float} division is made exact. */
    enum FloatDivision {
        /** The device divides correctly rounded (build option {@code -cl-fp32-correctly-rounded-divide-sqrt}). */
        NATIVE,
        /** {@code (float)((double)a / (double)b)}: correctly rounded, since double has more than 2·24+2 bits. */
        VIA_DOUBLE,
        /** The device can do neither: a kernel dividing floats is rejected. */
        UNSUPPORTED
    }

    /**
     * What the emitted code may rely on.
     *
     * @param floatDivision        how float division is made exact
     * @param int64ExtendedAtomics whether {@code atom_min}/{@code atom_max} exist for {@code long}
     */
    record Options(FloatDivision floatDivision, boolean int64ExtendedAtomics) {
        Options {
            Objects.requireNonNull(floatDivision, "floatDivision");
        }

        /** The options for {@code device}. */
        static Options of(ClDevice device) {
            FloatDivision division = device.correctlyRoundedDivideSqrt() ? FloatDivision.NATIVE
                    : device.fp64() ? FloatDivision.VIA_DOUBLE : FloatDivision.UNSUPPORTED;
            return new Options(division, device.int64ExtendedAtomics());
        }
    }

    private final Options options;
    private boolean int64Atomics;
    private boolean int64ExtendedUsed;

    OpenClEmitter(Options options) {
        super(OpenClDialect.INSTANCE);
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    protected String prologue(KernelIR kernel) {
        StringBuilder sb = new StringBuilder("#pragma OPENCL FP_CONTRACT OFF\n");
        if (usesDouble()) {
            sb.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        }
        if (int64Atomics) {
            sb.append("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n");
        }
        if (int64ExtendedUsed) {
            sb.append("#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable\n");
        }
        return sb.toString();
    }

    @Override
    protected void startEmission(KernelIR kernel) {
        int64Atomics = false;
        int64ExtendedUsed = false;
    }

    @Override
    protected String pointerType(Scalar element, AddressSpace space) {
        String qualifier = switch (space) {
            case GLOBAL -> "__global ";
            case LOCAL -> "__local ";
            case CONSTANT -> "__constant ";
            case PRIVATE -> "__private ";
        };
        return qualifier + dialect.scalarType(element) + "*";
    }

    @Override
    protected String constantArrayQualifier() {
        return "__constant";
    }

    @Override
    protected String errorRecordPointerType() {
        return "__global jdc_error_record*";
    }

    @Override
    protected String kernelSignature(String name, List<KernelParameter> parameters) {
        List<String> declared = new ArrayList<>();
        for (KernelParameter p : parameters) {
            declared.add(switch (p) {
                case KernelParameter.ScalarParameter s -> dialect.scalarType(s.kind()) + " " + s.name();
                case KernelParameter.ArrayParameter a -> pointerType(a.element(), AddressSpace.GLOBAL) + " " + a.name();
                case KernelParameter.LengthParameter l -> "int " + l.name();
                case KernelParameter.ErrorRecordParameter r -> errorRecordPointerType() + " " + r.name();
            });
        }
        return "__kernel void " + name + "(" + String.join(", ", declared) + ")";
    }

    @Override
    protected String workItemExpression(WorkItemQuery query, int dimension) {
        String function = switch (query) {
            case GLOBAL_ID -> "get_global_id";
            case LOCAL_ID -> "get_local_id";
            case GROUP_ID -> "get_group_id";
            case GLOBAL_SIZE -> "get_global_size";
            case LOCAL_SIZE -> "get_local_size";
            case NUM_GROUPS -> "get_num_groups";
        };
        return "(int)" + function + "(" + dimension + ")";
    }

    @Override
    protected String barrierStatement() {
        return "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);";
    }

    @Override
    protected String localArrayDeclaration(Scalar element, String name, int length) {
        return "__local " + dialect.scalarType(element) + " " + name + "[" + length + "];";
    }

    @Override
    protected String atomicExpression(AtomicOp op, Scalar element, AddressSpace space, String array, String index,
            List<String> operands) {
        String address = "&" + array + "[" + index + "]";
        String v = operands.getFirst();
        return switch (element) {
            case INT -> switch (op) {
                case ADD -> "atomic_add(" + address + ", " + v + ")";
                case MIN -> "atomic_min(" + address + ", " + v + ")";
                case MAX -> "atomic_max(" + address + ", " + v + ")";
                case CAS -> "(atomic_cmpxchg(" + address + ", " + v + ", " + operands.get(1) + ") == " + v + " ? 1 : 0)";
            };
            case LONG -> {
                int64Atomics = true;
                yield switch (op) {
                    case ADD -> "atom_add(" + address + ", " + v + ")";
                    case MIN, MAX -> {
                        if (options.int64ExtendedAtomics()) {
                            int64ExtendedUsed = true;
                            yield (op == AtomicOp.MIN ? "atom_min(" : "atom_max(") + address + ", " + v + ")";
                        }
                        yield longMinMaxHelper(op, space) + "(" + address + ", " + v + ")";
                    }
                    case CAS -> "(atom_cmpxchg(" + address + ", " + v + ", " + operands.get(1) + ") == " + v + " ? 1 : 0)";
                };
            }
            case FLOAT -> floatAddHelper(space) + "(" + address + ", " + v + ")";
            default -> throw fail("atomic " + op + " on " + element);
        };
    }

    private String floatAddHelper(AddressSpace space) {
        String as = space == AddressSpace.LOCAL ? "__local" : "__global";
        String name = "jdc_atomic_add_float_" + (space == AddressSpace.LOCAL ? "local" : "global");
        return requireHelper(name, "static inline float " + name + "(volatile " + as + " float* p, float v) {\n"
                + "    /* IEEE addition retried until no other work-item wrote in between; compares raw bits like Java. */\n"
                + "    volatile " + as + " int* bits = (volatile " + as + " int*)p;\n"
                + "    int expected = *bits;\n"
                + "    for (;;) {\n"
                + "        int seen = atomic_cmpxchg(bits, expected, as_int(as_float(expected) + v));\n"
                + "        if (seen == expected) {\n"
                + "            return as_float(expected);\n"
                + "        }\n"
                + "        expected = seen;\n"
                + "    }\n"
                + "}\n");
    }

    private String longMinMaxHelper(AtomicOp op, AddressSpace space) {
        String as = space == AddressSpace.LOCAL ? "__local" : "__global";
        String which = op == AtomicOp.MIN ? "min" : "max";
        String name = "jdc_atomic_" + which + "_long_" + (space == AddressSpace.LOCAL ? "local" : "global");
        String better = op == AtomicOp.MIN ? "v < expected" : "v > expected";
        return requireHelper(name, "static inline long " + name + "(volatile " + as + " long* p, long v) {\n"
                + "    long expected = *p;\n"
                + "    while (" + better + ") {\n"
                + "        long seen = atom_cmpxchg(p, expected, v);\n"
                + "        if (seen == expected) {\n"
                + "            return expected;\n"
                + "        }\n"
                + "        expected = seen;\n"
                + "    }\n"
                + "    return expected;\n"
                + "}\n");
    }

    @Override
    protected String recordAtomicIncrement(String target) {
        return "atomic_inc(&" + target + ")";
    }

    @Override
    protected String recordAtomicCompareExchange(String target, String expected, String desired) {
        return "atomic_cmpxchg(&" + target + ", " + expected + ", " + desired + ")";
    }

    @Override
    protected String binaryExpression(BinaryOp op, Scalar kind, Operand a, Operand b) {
        if (op == BinaryOp.DIV && kind == Scalar.FLOAT) {
            switch (options.floatDivision()) {
                case NATIVE -> {
                    return super.binaryExpression(op, kind, a, b);
                }
                case VIA_DOUBLE -> {
                    markDoubleUsed();
                    return "(float)((double)" + operand(a) + " / (double)" + operand(b) + ")";
                }
                case UNSUPPORTED -> throw fail("divides floats, but the device can neither divide floats correctly rounded"
                        + " (CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) nor use double precision (cl_khr_fp64),"
                        + " so Java's exact float division cannot be kept");
            }
        }
        return super.binaryExpression(op, kind, a, b);
    }

    @Override
    protected String intrinsicExpression(IntrinsicOp op, List<Operand> args) {
        return switch (op) {
            case BIT_COUNT_I -> "popcount(" + operand(args.getFirst()) + ")";
            case BIT_COUNT_L -> "(int)popcount(" + operand(args.getFirst()) + ")";
            case LEADING_ZEROS_I -> "clz(" + operand(args.getFirst()) + ")";
            case LEADING_ZEROS_L -> "(int)clz(" + operand(args.getFirst()) + ")";
            default -> super.intrinsicExpression(op, args);
        };
    }
}
