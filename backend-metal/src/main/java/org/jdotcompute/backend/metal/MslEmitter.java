package org.jdotcompute.backend.metal;

import java.util.ArrayList;
import java.util.List;

import org.jdotcompute.spi.codegen.CEmitter;
import org.jdotcompute.spi.codegen.KernelParameter;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Emits the Metal Shading Language from the kernel IR: a thin layer over {@link CEmitter}.
 *
 * <ul>
 *   <li><b>Arguments.</b> Metal passes kernel arguments in buffer slots, not by value. Each
 *       array is a {@code device T*} in its own slot ({@code [[buffer(i)]]}, in ABI order), the
 *       error record follows in the next slot, and every scalar parameter and hidden array length
 *       is a member of one {@code constant jdc_scalars&} block in the last slot (the host fills it
 *       with {@code setBytes}); the kernel copies each into a local of the parameter's name, so
 *       the body may assign to it as Java allows. {@link #layout()} gives the slots and offsets.</li>
 *   <li><b>Work-item queries.</b> MSL has no work-item functions, only kernel parameters with
 *       attributes ({@code [[thread_position_in_grid]]} …). The kernel gathers them in a
 *       {@code jdc_work_item} and passes it by reference to every device function and to
 *       {@code jdc_claim} ({@link #extraDeviceFunctionParameters()}).</li>
 *   <li><b>Control flow.</b> MSL has no {@code goto}: functions with jumps become a dispatch loop
 *       ({@link MslDialect#supportsGoto()}).</li>
 *   <li><b>Atomics.</b> {@code atomic_fetch_add/min/max_explicit} on {@code atomic_int} views of
 *       the array elements ({@code memory_order_relaxed}, the only order Metal offers for them);
 *       compare-and-set retries {@code atomic_compare_exchange_weak_explicit} while the value seen
 *       still equals the expected one (a weak exchange may fail spuriously, Java's may not);
 *       {@code float} add is a compare-and-swap loop on the raw bits. {@code long} atomics are
 *       rejected before emission ({@link MslTranslator}).</li>
 *   <li><b>Barriers.</b> {@code threadgroup_barrier(mem_flags::mem_threadgroup | mem_flags::mem_device)}.</li>
 *   <li><b>Memory.</b> Array parameters are {@code device}, group-local arrays {@code threadgroup}
 *       (zeroed cooperatively at kernel entry, then a barrier, as Java's arrays start zeroed),
 *       constant tables program-scope {@code constant} arrays, arrays made with {@code new}
 *       {@code thread} arrays.</li>
 *   <li><b>Transcendental functions</b> take and return {@code double}, which MSL lacks, so kernels
 *       using them are rejected ({@link MslTranslator}); lowering them to {@code StrictMath}'s
 *       fdlibm would not help, since fdlibm computes in {@code double} too.</li>
 * </ul>
 *
 * <p>Not thread-safe: use one instance per emission.
 */
final class MslEmitter extends CEmitter {
    /** The name of the work-item context. */
    static final String WORK_ITEM = "jdc_wi";
    /** The name of the scalar block parameter. */
    static final String SCALARS = "jdc_args";

    private static final List<String> WORK_ITEM_FIELDS = List.of("global_id", "local_id", "group_id", "global_size",
            "local_size", "num_groups");
    private static final List<String> WORK_ITEM_ATTRIBUTES = List.of("thread_position_in_grid",
            "thread_position_in_threadgroup", "threadgroup_position_in_grid", "threads_per_grid",
            "threads_per_threadgroup", "threadgroups_per_grid");

    private MslLayout layout;

    MslEmitter() {
        super(MslDialect.INSTANCE);
    }

    /** The argument layout of the kernel emitted last. */
    MslLayout layout() {
        if (layout == null) {
            throw new IllegalStateException("no kernel has been emitted yet");
        }
        return layout;
    }

    /** Whether the kernel emitted last spells {@code double} anywhere (MSL has none). */
    boolean emittedDouble() {
        return usesDouble();
    }

    @Override
    protected void startEmission(KernelIR kernel) {
        layout = null;
    }

    @Override
    protected String prologue(KernelIR kernel) {
        StringBuilder sb = new StringBuilder();
        sb.append("/* Java's IEEE semantics need fast math off: MTLCompileOptions.mathMode = safe (fastMathEnabled = NO). */\n");
        sb.append("#include <metal_stdlib>\n");
        sb.append("using namespace metal;\n\n");
        sb.append("typedef struct {\n");
        for (String field : WORK_ITEM_FIELDS) {
            sb.append("    uint3 ").append(field).append(";\n");
        }
        sb.append("} jdc_work_item;\n");
        if (!layout().scalars().isEmpty()) {
            sb.append("\ntypedef struct {\n");
            for (MslLayout.Member m : layout().scalars()) {
                sb.append("    ").append(dialect.scalarType(m.kind())).append(' ').append(m.name()).append(";\n");
            }
            sb.append("} jdc_scalars;\n");
        }
        return sb.toString();
    }

    @Override
    protected List<String> extraDeviceFunctionParameters() {
        return List.of("thread const jdc_work_item& " + WORK_ITEM);
    }

    @Override
    protected List<String> extraCallArguments() {
        return List.of(WORK_ITEM);
    }

    @Override
    protected String kernelSignature(String name, List<KernelParameter> parameters) {
        layout = MslLayout.of(parameters);
        List<String> declared = new ArrayList<>();
        for (KernelParameter p : parameters) {
            switch (p) {
                case KernelParameter.ArrayParameter a -> declared.add(pointerType(a.element(), AddressSpace.GLOBAL) + " "
                        + a.name() + " [[buffer(" + layout.bufferIndex(a) + ")]]");
                case KernelParameter.ErrorRecordParameter r -> declared.add(errorRecordPointerType() + " " + r.name()
                        + " [[buffer(" + layout.bufferIndex(r) + ")]]");
                case KernelParameter.ScalarParameter s -> {
                    // a member of the scalar block
                }
                case KernelParameter.LengthParameter l -> {
                    // a member of the scalar block
                }
            }
        }
        if (!layout.scalars().isEmpty()) {
            declared.add("constant jdc_scalars& " + SCALARS + " [[buffer(" + layout.scalarBlockIndex() + ")]]");
        }
        for (int k = 0; k < WORK_ITEM_FIELDS.size(); k++) {
            declared.add("uint3 jdc_" + WORK_ITEM_FIELDS.get(k) + " [[" + WORK_ITEM_ATTRIBUTES.get(k) + "]]");
        }
        return "kernel void " + name + "(" + String.join(", ", declared) + ")";
    }

    @Override
    protected List<String> kernelEntryStatements(List<KernelParameter> parameters) {
        List<String> lines = new ArrayList<>();
        StringBuilder wi = new StringBuilder("const jdc_work_item " + WORK_ITEM + " = {");
        for (int k = 0; k < WORK_ITEM_FIELDS.size(); k++) {
            wi.append(k == 0 ? "" : ", ").append("jdc_").append(WORK_ITEM_FIELDS.get(k));
        }
        lines.add(wi.append("};").toString());
        for (MslLayout.Member m : layout().scalars()) {
            lines.add(dialect.scalarType(m.kind()) + " " + m.name() + " = " + SCALARS + "." + m.name() + ";");
        }
        return lines;
    }

    @Override
    protected String pointerType(Scalar element, AddressSpace space) {
        return addressSpace(space) + " " + dialect.scalarType(element) + "*";
    }

    private static String addressSpace(AddressSpace space) {
        return switch (space) {
            case GLOBAL -> "device";
            case LOCAL -> "threadgroup";
            case CONSTANT -> "constant";
            case PRIVATE -> "thread";
        };
    }

    @Override
    protected String constantArrayQualifier() {
        return "constant";
    }

    @Override
    protected String errorRecordPointerType() {
        return "device jdc_error_record*";
    }

    @Override
    protected String workItemExpression(WorkItemQuery query, int dimension) {
        String field = switch (query) {
            case GLOBAL_ID -> "global_id";
            case LOCAL_ID -> "local_id";
            case GROUP_ID -> "group_id";
            case GLOBAL_SIZE -> "global_size";
            case LOCAL_SIZE -> "local_size";
            case NUM_GROUPS -> "num_groups";
        };
        return "(int)" + WORK_ITEM + "." + field + "." + "xyz".charAt(dimension);
    }

    @Override
    protected String barrierStatement() {
        return "threadgroup_barrier(mem_flags::mem_threadgroup | mem_flags::mem_device);";
    }

    @Override
    protected String localArrayDeclaration(Scalar element, String name, int length) {
        return "threadgroup " + dialect.scalarType(element) + " " + name + "[" + length + "];";
    }

    @Override
    protected String atomicExpression(AtomicOp op, Scalar element, AddressSpace space, String array, String index,
            List<String> operands) {
        String as = addressSpace(space);
        String element0 = "&" + array + "[" + index + "]";
        String v = operands.getFirst();
        return switch (element) {
            case INT -> switch (op) {
                case ADD -> "atomic_fetch_add_explicit((" + as + " atomic_int*)" + element0 + ", " + v + ", memory_order_relaxed)";
                case MIN -> "atomic_fetch_min_explicit((" + as + " atomic_int*)" + element0 + ", " + v + ", memory_order_relaxed)";
                case MAX -> "atomic_fetch_max_explicit((" + as + " atomic_int*)" + element0 + ", " + v + ", memory_order_relaxed)";
                case CAS -> compareAndSetHelper(space) + "(" + element0 + ", " + v + ", " + operands.get(1) + ")";
            };
            case FLOAT -> floatAddHelper(space) + "(" + element0 + ", " + v + ")";
            default -> throw fail("uses atomic " + op + " on a " + element + " array; Metal has no 64-bit atomic add or"
                    + " compare-and-swap (only min/max on ulong from Apple8 GPUs), so long atomics are not supported");
        };
    }

    private String compareAndSetHelper(AddressSpace space) {
        String as = addressSpace(space);
        String name = "jdc_atomic_cas_int_" + as;
        return requireHelper(name, "static inline int " + name + "(" + as + " int* p, int expected, int desired) {\n"
                + "    /* Java's compareAndSet: a weak exchange may fail spuriously, so retry while the value seen still equals expected. */\n"
                + "    " + as + " atomic_int* a = (" + as + " atomic_int*)p;\n"
                + "    int seen = expected;\n"
                + "    while (!atomic_compare_exchange_weak_explicit(a, &seen, desired, memory_order_relaxed, memory_order_relaxed)) {\n"
                + "        if (seen != expected) {\n"
                + "            return 0;\n"
                + "        }\n"
                + "    }\n"
                + "    return 1;\n"
                + "}\n");
    }

    private String floatAddHelper(AddressSpace space) {
        String as = addressSpace(space);
        String name = "jdc_atomic_add_float_" + as;
        return requireHelper(name, "static inline float " + name + "(" + as + " float* p, float v) {\n"
                + "    /* IEEE addition on the raw bits, retried until no other thread wrote in between; yields the old value. */\n"
                + "    " + as + " atomic_int* a = (" + as + " atomic_int*)p;\n"
                + "    int seen = atomic_load_explicit(a, memory_order_relaxed);\n"
                + "    while (!atomic_compare_exchange_weak_explicit(a, &seen, as_type<int>(as_type<float>(seen) + v),"
                + " memory_order_relaxed, memory_order_relaxed)) {\n"
                + "    }\n"
                + "    return as_type<float>(seen);\n"
                + "}\n");
    }

    @Override
    protected String recordAtomicIncrement(String target) {
        return "atomic_fetch_add_explicit((device atomic_int*)&" + target + ", 1, memory_order_relaxed)";
    }

    @Override
    protected String recordAtomicCompareExchange(String target, String expected, String desired) {
        String name = requireHelper("jdc_record_cas", "static inline int jdc_record_cas(device int* p, int expected, int desired) {\n"
                + "    /* A strong compare-and-exchange yielding the old value, from the weak one Metal offers. */\n"
                + "    device atomic_int* a = (device atomic_int*)p;\n"
                + "    int seen = expected;\n"
                + "    while (!atomic_compare_exchange_weak_explicit(a, &seen, desired, memory_order_relaxed, memory_order_relaxed)) {\n"
                + "        if (seen != expected) {\n"
                + "            return seen;\n"
                + "        }\n"
                + "    }\n"
                + "    return expected;\n"
                + "}\n");
        return name + "(&" + target + ", " + expected + ", " + desired + ")";
    }
}
