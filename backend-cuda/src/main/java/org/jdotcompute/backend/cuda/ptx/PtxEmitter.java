package org.jdotcompute.backend.cuda.ptx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.backend.cuda.ptx.PtxModule.ParameterKind;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.CompareOp;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.ConstantArrayDecl;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.PrivateArrayDecl;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;

/**
 * Emits PTX from {@link KernelIR}, keeping Java's semantics exactly (see the IR package
 * documentation).
 *
 * <p><b>Target.</b> PTX ISA {@value #PTX_VERSION}, {@code .target} {@value #PTX_TARGET},
 * 64-bit addresses. ISA 7.0 is accepted by every driver since CUDA 11.0 (R450), older than any
 * driver JCuda 12.6 runs with; {@code sm_60} (Pascal) is the oldest architecture whose
 * instructions the emitted code needs (64-bit atomic min/max need sm_32; nothing needs more),
 * and the driver JIT compiles {@code sm_60} PTX for any newer GPU (Volta, Turing, Ampere
 * {@code sm_80}, Hopper {@code sm_90}, …). Older devices are rejected when the backend opens.
 *
 * <p><b>Java semantics.</b> Float arithmetic carries {@code .rn} (never contracted into FMA) and
 * never {@code .ftz} (subnormals kept); division and square root are {@code div.rn}/{@code sqrt.rn};
 * float remainder is an exact {@code fmod} helper; integer division and remainder handle
 * {@code MIN / -1} and an unchecked zero divisor (→ 0) explicitly; shift counts are masked;
 * float-to-integer conversions saturate and map NaN to 0 with explicit compares; negation,
 * {@code abs} and {@code copySign} are bit operations; {@code Math.min/max} follow the JDK's
 * algorithm (NaN, {@code -0.0}); float atomic add is an IEEE add in a compare-and-swap loop
 * ({@code atom.add.f32} flushes subnormals to zero). {@code Math}'s transcendental functions
 * ({@link IntrinsicOp#transcendentals()}: PTX has only approximate instructions for them) are
 * computed by device functions translated from {@code StrictMath}'s Java code
 * ({@code KernelTranslator.lowerToStrictMath}, the JDK's fdlibm), so their results equal
 * {@code StrictMath}'s bit for bit, which is within {@code Math}'s ULP bounds. Group-local arrays
 * start zeroed, as new Java arrays do (shared memory does not): a kernel with group-local arrays
 * first zeroes them, the block's work-items sharing the stores, then waits at a barrier.
 *
 * <p><b>Memory.</b> Kernel array parameters are {@code .global} ({@code ld.global}/{@code st.global});
 * group-local arrays {@code .shared}; constant tables are module-scope {@code .global} arrays with
 * initialisers ({@code jdc_ct<id>}, their raw bits) read with {@code ld.global} — not {@code .const},
 * whose cache serialises the divergent indices table lookups have; arrays made with {@code new}
 * are {@code .local} arrays of the function ({@code jdc_pa<id>}), zeroed at each allocation and
 * accessed through generic addresses ({@code cvta.local}), since they are passed to device
 * functions.
 *
 * <p><b>ABI.</b> The kernel entry {@code jdc_<kernel>} takes the parameters of
 * {@link KernelIR} (scalars; arrays as a 64-bit pointer then an {@code int} length), the error
 * record pointer, then three hidden {@code u32} global sizes used for the range guard and
 * {@code globalSize(d)}. A device function {@code jdc_f_<name>} takes the error record pointer,
 * the three global sizes and the caller's failure flag, then its parameters, and returns a
 * 16-byte {@code .param}: the failure flag at 0, an array result's length at 4, the value at 8 (zero
 * when it failed).
 * Failures follow the device error protocol ({@code red.add} on the count, {@code atom.cas} on the
 * state, the winner writes site, global id and values) and never {@code trap}.
 *
 * <p>Thread-safe: each call works on its own state.
 */
public final class PtxEmitter {
    /** The PTX ISA version of emitted modules. */
    public static final String PTX_VERSION = "7.0";
    /** The PTX target of emitted modules. */
    public static final String PTX_TARGET = "sm_60";
    /** The backend name in exceptions. */
    static final String BACKEND = "CUDA";

    /** The intrinsics computed by StrictMath's code: every transcendental one. */
    private static final Set<IntrinsicOp> LOWERED = IntrinsicOp.transcendentals();

    private PtxEmitter() {
    }

    /** The entry name of a kernel's PTX. */
    public static String entryName(KernelIR ir) {
        return "jdc_" + ir.kernel().name();
    }

    /**
     * The intrinsics this emitter computes with device functions translated from {@code StrictMath}
     * rather than with PTX instructions: {@link IntrinsicOp#transcendentals()}.
     */
    public static Set<IntrinsicOp> loweredIntrinsics() {
        return LOWERED;
    }

    /**
     * Emits the PTX module for {@code ir}, first replacing its transcendental intrinsics by
     * {@code StrictMath}'s code ({@link #loweredIntrinsics()}).
     *
     * @throws KernelCompilationException if the kernel uses something this emitter does not support (named)
     */
    public static PtxModule emit(KernelIR original) {
        KernelIR ir = KernelTranslator.lowerToStrictMath(original, LOWERED);
        Map<String, IrFunction> byName = new HashMap<>();
        for (IrFunction f : ir.functions()) {
            if (byName.put(f.name(), f) != null) {
                throw fail(ir, "two functions are named '" + f.name() + "'");
            }
        }
        StringBuilder body = new StringBuilder();
        boolean[] needsFmod = {false};
        for (IrFunction f : ir.deviceFunctions()) {
            body.append(new FunctionEmitter(ir, f, byName, needsFmod).emit()).append('\n');
        }
        FunctionEmitter kernel = new FunctionEmitter(ir, ir.kernel(), byName, needsFmod);
        body.append(kernel.emit());
        StringBuilder ptx = new StringBuilder();
        ptx.append("//\n// JDotCompute PTX for kernel ").append(ir.kernelName()).append(" (checks ").append(ir.checks())
                .append(")\n//\n\n");
        ptx.append(".version ").append(PTX_VERSION).append('\n');
        ptx.append(".target ").append(PTX_TARGET).append('\n');
        ptx.append(".address_size 64\n\n");
        if (needsFmod[0]) {
            ptx.append(PtxRuntime.FMOD_PTX).append('\n');
        }
        for (ConstantArrayDecl c : ir.constantArrays()) {
            ptx.append(constantTable(c));
        }
        ptx.append(body);
        List<ParameterKind> kinds = new ArrayList<>();
        for (Var p : ir.kernel().parameters()) {
            kinds.add(switch (p.type()) {
                case IrType.Array a -> ParameterKind.ARRAY;
                case IrType.Prim prim -> switch (prim.scalar()) {
                    case INT -> ParameterKind.INT;
                    case LONG -> ParameterKind.LONG;
                    case FLOAT -> ParameterKind.FLOAT;
                    case DOUBLE -> ParameterKind.DOUBLE;
                    default -> throw fail(ir, "parameter " + p.name() + " has type " + prim);
                };
                case IrType.Void v -> throw fail(ir, "parameter " + p.name() + " is void");
            });
        }
        boolean needsLocal = ir.uses(IrFeature.BARRIER) || ir.uses(IrFeature.LOCAL_MEMORY)
                || !ir.kernel().localArrays().isEmpty();
        return new PtxModule(ir.kernelName(), entryName(ir), ptx.toString(), kernel.sharedBytes, needsLocal, kinds);
    }

    /**
     * A constant table as module-scope {@code .global} data: its elements' raw bits (an empty table
     * gets one zero element; its length stays 0).
     */
    private static String constantTable(ConstantArrayDecl c) {
        int size = c.element().byteSize();
        int n = Math.max(1, c.length());
        StringBuilder sb = new StringBuilder();
        sb.append("// ").append(c.origin()).append(": a snapshot of its ").append(c.length()).append(" value(s)\n");
        sb.append(".global .align 8 .b").append(size * 8).append(" jdc_ct").append(c.id()).append('[').append(n)
                .append("] = {");
        for (int i = 0; i < n; i++) {
            long bits = i < c.length() ? c.bits(i) : 0;
            sb.append(i == 0 ? "" : i % 8 == 0 ? ",\n\t" : ", ");
            sb.append(switch (size) {
                case 1 -> Long.toString(bits & 0xFF);
                case 2 -> Long.toString(bits & 0xFFFF);
                case 4 -> String.format(Locale.ROOT, "0x%08X", bits & 0xFFFF_FFFFL);
                default -> String.format(Locale.ROOT, "0x%016X", bits);
            });
        }
        return sb.append("};\n\n").toString();
    }

    static KernelCompilationException fail(KernelIR ir, String reason) {
        return new KernelCompilationException(ir.kernelName(), reason, BACKEND, "", null);
    }

    /** Emits one function. */
    private static final class FunctionEmitter {
        private final KernelIR ir;
        private final IrFunction f;
        private final Map<String, IrFunction> functions;
        private final boolean[] needsFmod;
        private final boolean continueMode;
        private final String symbol;
        private final StringBuilder out = new StringBuilder();
        private final Map<String, String> varRegs = new LinkedHashMap<>();
        private int r;
        private int rd;
        private int fs;
        private int fd;
        private int p;
        private int labels;
        long sharedBytes;

        FunctionEmitter(KernelIR ir, IrFunction f, Map<String, IrFunction> functions, boolean[] needsFmod) {
            this.ir = ir;
            this.f = f;
            this.functions = functions;
            this.needsFmod = needsFmod;
            this.continueMode = f.failureMode() == FailureMode.CONTINUE;
            this.symbol = f.kernel() ? "jdc_" + f.name() : "jdc_f_" + f.name();
        }

        // ---------------------------------------------------------------- registers

        private String r32() {
            return "%r" + r++;
        }

        private String r64() {
            return "%rd" + rd++;
        }

        private String f32() {
            return "%f" + fs++;
        }

        private String f64() {
            return "%fd" + fd++;
        }

        private String pred() {
            return "%p" + p++;
        }

        private String label(String what) {
            return "$L" + what + "_" + labels++;
        }

        private String temp(Scalar kind) {
            return switch (kind.stackKind()) {
                case INT -> r32();
                case LONG -> r64();
                case FLOAT -> f32();
                case DOUBLE -> f64();
                default -> throw new AssertionError(kind);
            };
        }

        private void declare(Var v) {
            switch (v.type()) {
                case IrType.Prim prim -> varRegs.put("%v_" + v.name(), regType(prim.scalar()));
                case IrType.Array a -> {
                    varRegs.put("%v_" + v.name(), ".b64");
                    varRegs.put("%n_" + v.name(), ".b32");
                }
                case IrType.Void vo -> throw fail(ir, "variable " + v.name() + " is void");
            }
        }

        private static String regType(Scalar s) {
            return switch (s.stackKind()) {
                case INT -> ".b32";
                case LONG -> ".b64";
                case FLOAT -> ".f32";
                case DOUBLE -> ".f64";
                default -> throw new AssertionError(s);
            };
        }

        /** The value register of a primitive variable. */
        private String reg(Var v) {
            if (!(v.type() instanceof IrType.Prim)) {
                throw fail(ir, "variable " + v.name() + " of type " + v.type() + " is used as a primitive value in "
                        + f.javaName());
            }
            return "%v_" + v.name();
        }

        private String ptr(Var v) {
            if (!(v.type() instanceof IrType.Array)) {
                throw fail(ir, "variable " + v.name() + " of type " + v.type() + " is used as an array in " + f.javaName());
            }
            return "%v_" + v.name();
        }

        private static String len(Var v) {
            return "%n_" + v.name();
        }

        private static IrType.Array arrayType(Var v) {
            return (IrType.Array) v.type();
        }

        /** A register holding {@code o}'s value (constants are moved into a fresh temporary). */
        private String val(Operand o) {
            return switch (o) {
                case Var v -> reg(v);
                case Const c -> {
                    String t = temp(c.kind());
                    emit("mov" + typeSuffix(c.kind()) + " " + t + ", " + literal(c) + ";");
                    yield t;
                }
            };
        }

        private static String literal(Const c) {
            return switch (c.kind()) {
                case INT -> imm32(c.intValue());
                case LONG -> imm64(c.longValue());
                case FLOAT -> String.format(Locale.ROOT, "0f%08X", Float.floatToRawIntBits(c.floatValue()));
                case DOUBLE -> String.format(Locale.ROOT, "0d%016X", Double.doubleToRawLongBits(c.doubleValue()));
                default -> throw new AssertionError(c);
            };
        }

        static String imm32(int v) {
            return v >= 0 ? Integer.toString(v) : String.format(Locale.ROOT, "0x%08X", v);
        }

        static String imm64(long v) {
            return v >= 0 ? Long.toString(v) : String.format(Locale.ROOT, "0x%016X", v);
        }

        private static Scalar kindOf(Operand o) {
            return switch (o.type()) {
                case IrType.Prim prim -> prim.scalar();
                default -> null;
            };
        }

        private Scalar primKind(Operand o, String what) {
            Scalar k = kindOf(o);
            if (k == null) {
                throw fail(ir, what + " in " + f.javaName() + " needs a primitive operand, got " + o + " of type " + o.type());
            }
            return k;
        }

        private static String typeSuffix(Scalar kind) {
            return switch (kind.stackKind()) {
                case INT -> ".b32";
                case LONG -> ".b64";
                case FLOAT -> ".f32";
                case DOUBLE -> ".f64";
                default -> throw new AssertionError(kind);
            };
        }

        private static String signed(Scalar kind) {
            return kind == Scalar.LONG ? ".s64" : ".s32";
        }

        private void emit(String line) {
            out.append('\t').append(line).append('\n');
        }

        private void place(String label) {
            out.append(label).append(":\n");
        }

        // ---------------------------------------------------------------- function

        String emit() {
            for (Var v : f.parameters()) {
                declare(v);
            }
            for (Var v : f.locals()) {
                declare(v);
            }
            StringBuilder params = new StringBuilder();
            List<String> loads = new ArrayList<>();
            if (f.kernel()) {
                int i = 0;
                for (Var v : f.parameters()) {
                    String name = symbol + "_p" + i++;
                    if (v.type() instanceof IrType.Array a) {
                        if (a.space() != AddressSpace.GLOBAL) {
                            throw fail(ir, "kernel parameter " + v.name() + " must be a global array, got " + a);
                        }
                        params.append("\t.param .u64 ").append(name).append(",\n");
                        params.append("\t.param .u32 ").append(name).append("_n,\n");
                        String raw = r64();
                        loads.add("ld.param.u64 " + raw + ", [" + name + "];");
                        loads.add("cvta.to.global.u64 " + ptr(v) + ", " + raw + ";");
                        loads.add("ld.param.u32 " + len(v) + ", [" + name + "_n];");
                    } else {
                        Scalar s = ((IrType.Prim) v.type()).scalar();
                        String ptype = switch (s) {
                            case INT -> ".s32";
                            case LONG -> ".s64";
                            case FLOAT -> ".f32";
                            case DOUBLE -> ".f64";
                            default -> throw new AssertionError(s);
                        };
                        params.append("\t.param ").append(ptype).append(' ').append(name).append(",\n");
                        loads.add("ld.param" + ptype + " " + reg(v) + ", [" + name + "];");
                    }
                }
                params.append("\t.param .u64 ").append(symbol).append("_err,\n");
                params.append("\t.param .u32 ").append(symbol).append("_gs0,\n");
                params.append("\t.param .u32 ").append(symbol).append("_gs1,\n");
                params.append("\t.param .u32 ").append(symbol).append("_gs2\n");
                String raw = r64();
                emit("ld.param.u64 " + raw + ", [" + symbol + "_err];");
                emit("cvta.to.global.u64 %err, " + raw + ";");
                for (int d = 0; d < 3; d++) {
                    emit("ld.param.u32 %gs" + d + ", [" + symbol + "_gs" + d + "];");
                }
                emit("mov.u32 %fail, 0;");
                String[] dims = {"x", "y", "z"};
                for (int d = 0; d < 3; d++) {
                    String a = r32();
                    String b = r32();
                    String c = r32();
                    emit("mov.u32 " + a + ", %ctaid." + dims[d] + ";");
                    emit("mov.u32 " + b + ", %ntid." + dims[d] + ";");
                    emit("mov.u32 " + c + ", %tid." + dims[d] + ";");
                    emit("mad.lo.s32 %g" + d + ", " + a + ", " + b + ", " + c + ";");
                }
                zeroLocalArrays();
                if (!ir.uses(IrFeature.BARRIER)) {
                    // Work-items past the global size (the last block of a rounded-up grid) do nothing.
                    String p0 = pred();
                    String p1 = pred();
                    String p2 = pred();
                    emit("setp.ge.u32 " + p0 + ", %g0, %gs0;");
                    emit("setp.ge.or.u32 " + p1 + ", %g1, %gs1, " + p0 + ";");
                    emit("setp.ge.or.u32 " + p2 + ", %g2, %gs2, " + p1 + ";");
                    emit("@" + p2 + " ret;");
                }
                loads.forEach(this::emit);
                for (LocalArrayDecl la : f.localArrays()) {
                    sharedBytes += paddedBytes(la);
                }
            } else {
                params.append("\t.param .b64 ").append(symbol).append("_err,\n");
                for (int d = 0; d < 3; d++) {
                    params.append("\t.param .b32 ").append(symbol).append("_gs").append(d).append(",\n");
                }
                params.append("\t.param .b32 ").append(symbol).append("_fail");
                emit("ld.param.b64 %err, [" + symbol + "_err];");
                for (int d = 0; d < 3; d++) {
                    emit("ld.param.b32 %gs" + d + ", [" + symbol + "_gs" + d + "];");
                }
                emit("ld.param.b32 %fail, [" + symbol + "_fail];");
                int i = 0;
                for (Var v : f.parameters()) {
                    String name = symbol + "_p" + i++;
                    if (v.type() instanceof IrType.Array) {
                        params.append(",\n\t.param .b64 ").append(name).append(",\n\t.param .b32 ").append(name).append("_n");
                        emit("ld.param.b64 " + ptr(v) + ", [" + name + "];");
                        emit("ld.param.b32 " + len(v) + ", [" + name + "_n];");
                    } else {
                        String t = regType(((IrType.Prim) v.type()).scalar());
                        params.append(",\n\t.param ").append(t).append(' ').append(name);
                        emit("ld.param" + t + " " + reg(v) + ", [" + name + "];");
                    }
                }
                params.append('\n');
                if (!continueMode) {
                    // A RETURN-mode function called by a work-item that has already failed does nothing.
                    String pf = pred();
                    emit("setp.ne.u32 " + pf + ", %fail, 0;");
                    emit("@" + pf + " bra $Lfailed;");
                }
            }
            List<Block> blocks = f.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                Block b = blocks.get(i);
                place("$B" + b.id());
                for (Stmt s : b.statements()) {
                    statement(s);
                }
                terminator(b.terminator(), i + 1 < blocks.size() ? blocks.get(i + 1).id() : -1);
            }
            if (!f.kernel() || !continueMode) {
                place("$Lfailed");
                failedExit();
            }
            StringBuilder fn = new StringBuilder();
            fn.append("// ").append(f.javaName()).append(" (").append(f.failureMode()).append(")\n");
            if (f.kernel()) {
                fn.append(".visible .entry ").append(symbol).append("(\n").append(params).append(")\n{\n");
            } else {
                fn.append(".func (.param .align 8 .b8 ").append(symbol).append("_ret[16]) ").append(symbol)
                        .append("(\n").append(params).append(")\n{\n");
            }
            fn.append("\t.reg .b64 %err;\n\t.reg .b32 %gs<3>;\n\t.reg .b32 %fail;\n");
            if (f.kernel()) {
                fn.append("\t.reg .b32 %g<3>;\n");
            }
            if (p > 0) {
                fn.append("\t.reg .pred %p<").append(p).append(">;\n");
            }
            if (r > 0) {
                fn.append("\t.reg .b32 %r<").append(r).append(">;\n");
            }
            if (rd > 0) {
                fn.append("\t.reg .b64 %rd<").append(rd).append(">;\n");
            }
            if (fs > 0) {
                fn.append("\t.reg .f32 %f<").append(fs).append(">;\n");
            }
            if (fd > 0) {
                fn.append("\t.reg .f64 %fd<").append(fd).append(">;\n");
            }
            varRegs.forEach((name, type) -> fn.append("\t.reg ").append(type).append(' ').append(name).append(";\n"));
            for (LocalArrayDecl la : f.localArrays()) {
                fn.append("\t.shared .align 8 .b8 jdc_la").append(la.id()).append('[').append(paddedBytes(la)).append("];\n");
            }
            for (PrivateArrayDecl pa : f.privateArrays()) {
                fn.append("\t.local .align 8 .b8 jdc_pa").append(pa.id()).append('[').append(paddedBytes(pa)).append("];\n");
            }
            fn.append(out);
            fn.append("}\n");
            return fn.toString();
        }

        /** A group-local array's bytes, rounded up to 8 so that it can be zeroed with 64-bit stores. */
        private static long paddedBytes(LocalArrayDecl la) {
            return ((long) la.length() * la.element().byteSize() + 7) & ~7L;
        }

        /** A private array's bytes, rounded up to 8 so that it can be zeroed with 64-bit stores. */
        private static long paddedBytes(PrivateArrayDecl pa) {
            return ((long) pa.length() * pa.element().byteSize() + 7) & ~7L;
        }

        /**
         * Zeroes the kernel's group-local arrays, then waits for the whole block: a Java array starts
         * zeroed (the IR interpreter's semantics), shared memory starts undefined. The block's
         * work-items share the stores (64 bits each, strided by the block size). Runs before the
         * range guard, so that every work-item of the block reaches the barrier.
         */
        private void zeroLocalArrays() {
            if (f.localArrays().isEmpty()) {
                return;
            }
            String[] tid = {r32(), r32(), r32()};
            String[] ntid = {r32(), r32(), r32()};
            String[] dims = {"x", "y", "z"};
            for (int d = 0; d < 3; d++) {
                emit("mov.u32 " + tid[d] + ", %tid." + dims[d] + ";");
                emit("mov.u32 " + ntid[d] + ", %ntid." + dims[d] + ";");
            }
            String zy = r32();
            String linear = r32();
            String plane = r32();
            String size = r32();
            emit("mad.lo.s32 " + zy + ", " + tid[2] + ", " + ntid[1] + ", " + tid[1] + ";");
            emit("mad.lo.s32 " + linear + ", " + zy + ", " + ntid[0] + ", " + tid[0] + ";");
            emit("mul.lo.s32 " + plane + ", " + ntid[0] + ", " + ntid[1] + ";");
            emit("mul.lo.s32 " + size + ", " + plane + ", " + ntid[2] + ";");
            String first = r64();
            String step = r64();
            String zero = r64();
            emit("mul.wide.u32 " + first + ", " + linear + ", 8;");
            emit("mul.wide.u32 " + step + ", " + size + ", 8;");
            emit("mov.u64 " + zero + ", 0;");
            for (LocalArrayDecl la : f.localArrays()) {
                String base = r64();
                String offset = r64();
                String address = r64();
                String done = pred();
                String loop = label("zero_la" + la.id());
                String exit = label("zeroed_la" + la.id());
                emit("mov.u64 " + base + ", jdc_la" + la.id() + ";");
                emit("mov.u64 " + offset + ", " + first + ";");
                place(loop);
                emit("setp.ge.u64 " + done + ", " + offset + ", " + paddedBytes(la) + ";");
                emit("@" + done + " bra " + exit + ";");
                emit("add.s64 " + address + ", " + base + ", " + offset + ";");
                emit("st.shared.u64 [" + address + "], " + zero + ";");
                emit("add.s64 " + offset + ", " + offset + ", " + step + ";");
                emit("bra " + loop + ";");
                place(exit);
            }
            emit("bar.sync 0;");
        }

        /** After a failure in a RETURN-mode function (or a failed caller): leave. */
        private void failedExit() {
            if (f.kernel()) {
                emit("ret;");
            } else {
                // The flag, and a defined zero result (an array result: null, length 0) that the caller
                // loads before it looks at the flag.
                String one = r32();
                String zero32 = r32();
                String zero64 = r64();
                emit("mov.u32 " + one + ", 1;");
                emit("mov.u32 " + zero32 + ", 0;");
                emit("mov.u64 " + zero64 + ", 0;");
                emit("st.param.b32 [" + symbol + "_ret+0], " + one + ";");
                emit("st.param.b32 [" + symbol + "_ret+4], " + zero32 + ";");
                emit("st.param.b64 [" + symbol + "_ret+8], " + zero64 + ";");
                emit("ret;");
            }
        }

        // ---------------------------------------------------------------- statements

        private void statement(Stmt s) {
            switch (s) {
                case Stmt.Assign a -> assign(a);
                case Stmt.Binary b -> binary(b);
                case Stmt.Negate n -> negate(n);
                case Stmt.Convert c -> convert(c);
                case Stmt.Compare3 c -> compare3(c);
                case Stmt.Load l -> load(l);
                case Stmt.Store st -> store(st);
                case Stmt.Length l -> emit("mov.b32 " + reg(l.dst()) + ", " + len(l.array()) + ";");
                case Stmt.CheckIndex c -> checkIndex(c);
                case Stmt.CheckDivisor c -> checkDivisor(c);
                case Stmt.Call c -> call(c);
                case Stmt.Intrinsic in -> intrinsic(in);
                case Stmt.WorkItem w -> workItem(w);
                case Stmt.Barrier b -> emit("bar.sync 0;");
                case Stmt.LocalArray la -> localArray(la);
                case Stmt.ConstantArray ca -> constantArray(ca);
                case Stmt.PrivateArray pa -> privateArray(pa);
                case Stmt.Atomic at -> atomic(at);
                case Stmt.ReportFailure rf -> {
                    String skip = label("reported");
                    report(rf.siteId(), slots(rf.values()), skip);
                    place(skip);
                }
            }
        }

        private void assign(Stmt.Assign a) {
            if (a.dst().type() instanceof IrType.Array) {
                if (!(a.src() instanceof Var src) || !src.type().equals(a.dst().type())) {
                    throw fail(ir, "array " + a.dst().name() + " of type " + a.dst().type() + " is assigned " + a.src()
                            + " in " + f.javaName());
                }
                emit("mov.b64 " + ptr(a.dst()) + ", " + ptr(src) + ";");
                emit("mov.b32 " + len(a.dst()) + ", " + len(src) + ";");
                return;
            }
            Scalar k = primKind(a.dst(), "an assignment");
            if (a.src() instanceof Const c) {
                emit("mov" + typeSuffix(k) + " " + reg(a.dst()) + ", " + literal(c) + ";");
            } else {
                emit("mov" + typeSuffix(k) + " " + reg(a.dst()) + ", " + val(a.src()) + ";");
            }
        }

        private void binary(Stmt.Binary b) {
            Scalar k = primKind(b.dst(), "a " + b.op() + " operation");
            String d = reg(b.dst());
            String x = val(b.a());
            String y = val(b.b());
            boolean i64 = k == Scalar.LONG;
            String bits = i64 ? ".b64" : ".b32";
            switch (k) {
                case INT, LONG -> {
                    String s = signed(k);
                    switch (b.op()) {
                        case ADD -> emit("add" + s + " " + d + ", " + x + ", " + y + ";");
                        case SUB -> emit("sub" + s + " " + d + ", " + x + ", " + y + ";");
                        case MUL -> emit("mul.lo" + s + " " + d + ", " + x + ", " + y + ";");
                        case DIV, REM -> divRem(b.op() == org.jdotcompute.spi.ir.BinaryOp.DIV, k, d, x, y);
                        case AND -> emit("and" + bits + " " + d + ", " + x + ", " + y + ";");
                        case OR -> emit("or" + bits + " " + d + ", " + x + ", " + y + ";");
                        case XOR -> emit("xor" + bits + " " + d + ", " + x + ", " + y + ";");
                        case SHL, SHR, USHR -> {
                            String c = r32();
                            emit("and.b32 " + c + ", " + y + ", " + (i64 ? 63 : 31) + ";");
                            String op = switch (b.op()) {
                                case SHL -> "shl" + bits;
                                case SHR -> "shr" + s;
                                default -> "shr" + (i64 ? ".u64" : ".u32");
                            };
                            emit(op + " " + d + ", " + x + ", " + c + ";");
                        }
                    }
                }
                case FLOAT, DOUBLE -> {
                    String t = k == Scalar.FLOAT ? ".f32" : ".f64";
                    switch (b.op()) {
                        case ADD -> emit("add.rn" + t + " " + d + ", " + x + ", " + y + ";");
                        case SUB -> emit("sub.rn" + t + " " + d + ", " + x + ", " + y + ";");
                        case MUL -> emit("mul.rn" + t + " " + d + ", " + x + ", " + y + ";");
                        case DIV -> emit("div.rn" + t + " " + d + ", " + x + ", " + y + ";");
                        case REM -> fmod(k, d, x, y);
                        default -> throw fail(ir, "operation " + b.op() + " is not defined for " + k + " in " + f.javaName());
                    }
                }
                default -> throw new AssertionError(k);
            }
        }

        /** Java integer division/remainder: MIN / -1 = MIN, MIN % -1 = 0, unchecked x / 0 = x % 0 = 0. */
        private void divRem(boolean div, Scalar k, String d, String x, String y) {
            String s = signed(k);
            String bits = k == Scalar.LONG ? ".b64" : ".b32";
            String zero = pred();
            String minus1 = pred();
            String either = pred();
            emit("setp.eq" + s + " " + zero + ", " + y + ", 0;");
            emit("setp.eq" + s + " " + minus1 + ", " + y + ", " + (k == Scalar.LONG ? imm64(-1) : imm32(-1)) + ";");
            emit("or.pred " + either + ", " + zero + ", " + minus1 + ";");
            String safe = temp(k);
            emit("selp" + bits + " " + safe + ", 1, " + y + ", " + either + ";");
            String q = temp(k);
            emit((div ? "div" : "rem") + s + " " + q + ", " + x + ", " + safe + ";");
            if (div) {
                String n = temp(k);
                emit("neg" + s + " " + n + ", " + x + ";");
                emit("selp" + bits + " " + q + ", " + n + ", " + q + ", " + minus1 + ";");
            } else {
                emit("selp" + bits + " " + q + ", 0, " + q + ", " + minus1 + ";");
            }
            emit("selp" + bits + " " + d + ", 0, " + q + ", " + zero + ";");
        }

        private void fmod(Scalar k, String d, String x, String y) {
            needsFmod[0] = true;
            String a = x;
            String b = y;
            if (k == Scalar.FLOAT) {
                a = f64();
                b = f64();
                emit("cvt.f64.f32 " + a + ", " + x + ";");
                emit("cvt.f64.f32 " + b + ", " + y + ";");
            }
            String res = k == Scalar.FLOAT ? f64() : d;
            emit("{");
            emit(".param .f64 fmod_x;");
            emit(".param .f64 fmod_y;");
            emit(".param .f64 fmod_r;");
            emit("st.param.f64 [fmod_x], " + a + ";");
            emit("st.param.f64 [fmod_y], " + b + ";");
            emit("call (fmod_r), " + PtxRuntime.FMOD + ", (fmod_x, fmod_y);");
            emit("ld.param.f64 " + res + ", [fmod_r];");
            emit("}");
            if (k == Scalar.FLOAT) {
                emit("cvt.rn.f32.f64 " + d + ", " + res + ";");
            }
        }

        private void negate(Stmt.Negate n) {
            Scalar k = primKind(n.dst(), "a negation");
            String d = reg(n.dst());
            String a = val(n.a());
            switch (k) {
                case INT, LONG -> emit("neg" + signed(k) + " " + d + ", " + a + ";");
                case FLOAT -> emit("xor.b32 " + d + ", " + a + ", 0x80000000;");
                case DOUBLE -> emit("xor.b64 " + d + ", " + a + ", 0x8000000000000000;");
                default -> throw new AssertionError(k);
            }
        }

        private void convert(Stmt.Convert c) {
            Scalar from = c.from();
            Scalar to = c.to();
            String d = reg(c.dst());
            String a = val(c.a());
            if (from.stackKind() != primKind(c.a(), "a conversion")) {
                throw fail(ir, "conversion from " + from + " of " + c.a() + " (" + c.a().type() + ") in " + f.javaName());
            }
            switch (to) {
                case BYTE, SHORT -> {
                    requireFrom(c, Scalar.INT);
                    int shift = to == Scalar.BYTE ? 24 : 16;
                    String t = r32();
                    emit("shl.b32 " + t + ", " + a + ", " + shift + ";");
                    emit("shr.s32 " + d + ", " + t + ", " + shift + ";");
                }
                case CHAR -> {
                    requireFrom(c, Scalar.INT);
                    emit("and.b32 " + d + ", " + a + ", 65535;");
                }
                case BOOLEAN -> throw fail(ir, "there is no Java conversion to boolean (in " + f.javaName() + ")");
                case INT -> {
                    switch (from.stackKind()) {
                        case INT -> emit("mov.b32 " + d + ", " + a + ";");
                        case LONG -> emit("cvt.u32.u64 " + d + ", " + a + ";");
                        case FLOAT, DOUBLE -> floatToInt(from.stackKind(), Scalar.INT, d, a);
                        default -> throw new AssertionError(from);
                    }
                }
                case LONG -> {
                    switch (from.stackKind()) {
                        case INT -> emit("cvt.s64.s32 " + d + ", " + a + ";");
                        case LONG -> emit("mov.b64 " + d + ", " + a + ";");
                        case FLOAT, DOUBLE -> floatToInt(from.stackKind(), Scalar.LONG, d, a);
                        default -> throw new AssertionError(from);
                    }
                }
                case FLOAT -> {
                    switch (from.stackKind()) {
                        case INT -> emit("cvt.rn.f32.s32 " + d + ", " + a + ";");
                        case LONG -> emit("cvt.rn.f32.s64 " + d + ", " + a + ";");
                        case FLOAT -> emit("mov.f32 " + d + ", " + a + ";");
                        case DOUBLE -> emit("cvt.rn.f32.f64 " + d + ", " + a + ";");
                        default -> throw new AssertionError(from);
                    }
                }
                case DOUBLE -> {
                    switch (from.stackKind()) {
                        case INT -> emit("cvt.rn.f64.s32 " + d + ", " + a + ";");
                        case LONG -> emit("cvt.rn.f64.s64 " + d + ", " + a + ";");
                        case FLOAT -> emit("cvt.f64.f32 " + d + ", " + a + ";");
                        case DOUBLE -> emit("mov.f64 " + d + ", " + a + ";");
                        default -> throw new AssertionError(from);
                    }
                }
            }
        }

        private void requireFrom(Stmt.Convert c, Scalar from) {
            if (c.from() != from) {
                throw fail(ir, "conversion " + c.from() + " -> " + c.to() + " is not a Java conversion (in " + f.javaName() + ")");
            }
        }

        /** Java's d2i/d2l/f2i/f2l: truncate, saturate, NaN → 0 — with explicit compares, not trusting cvt's defaults. */
        private void floatToInt(Scalar from, Scalar to, String d, String a) {
            boolean f64 = from == Scalar.DOUBLE;
            boolean l = to == Scalar.LONG;
            String ft = f64 ? ".f64" : ".f32";
            String it = l ? ".s64" : ".s32";
            String bits = l ? ".b64" : ".b32";
            // 2^31 or 2^63, exactly representable in both float formats
            String hi = f64 ? (l ? "0d43E0000000000000" : "0d41E0000000000000") : (l ? "0f5F000000" : "0f4F000000");
            String lo = f64 ? (l ? "0dC3E0000000000000" : "0dC1E0000000000000") : (l ? "0fDF000000" : "0fCF000000");
            String pHi = pred();
            String pLo = pred();
            String pNan = pred();
            emit("setp.ge" + ft + " " + pHi + ", " + a + ", " + hi + ";");
            emit("setp.le" + ft + " " + pLo + ", " + a + ", " + lo + ";");
            emit("setp.nan" + ft + " " + pNan + ", " + a + ", " + a + ";");
            String t = l ? r64() : r32();
            emit("cvt.rzi" + it + ft + " " + t + ", " + a + ";");
            emit("selp" + bits + " " + t + ", " + (l ? "0x7FFFFFFFFFFFFFFF" : "0x7FFFFFFF") + ", " + t + ", " + pHi + ";");
            emit("selp" + bits + " " + t + ", " + (l ? "0x8000000000000000" : "0x80000000") + ", " + t + ", " + pLo + ";");
            emit("selp" + bits + " " + d + ", 0, " + t + ", " + pNan + ";");
        }

        private void compare3(Stmt.Compare3 c) {
            Scalar k = primKind(c.a(), "a three-way comparison");
            String a = val(c.a());
            String b = val(c.b());
            String t = cmpType(k);
            String d = reg(c.dst());
            String lt = pred();
            String gt = pred();
            String eq = pred();
            emit("setp.lt" + t + " " + lt + ", " + a + ", " + b + ";");
            emit("setp.gt" + t + " " + gt + ", " + a + ", " + b + ";");
            emit("setp.eq" + t + " " + eq + ", " + a + ", " + b + ";");
            emit("mov.b32 " + d + ", " + imm32(k.isFloating() ? c.nanResult() : 0) + ";");
            emit("@" + eq + " mov.b32 " + d + ", 0;");
            emit("@" + gt + " mov.b32 " + d + ", 1;");
            emit("@" + lt + " mov.b32 " + d + ", 0xFFFFFFFF;");
        }

        private static String cmpType(Scalar k) {
            return switch (k) {
                case INT -> ".s32";
                case LONG -> ".s64";
                case FLOAT -> ".f32";
                case DOUBLE -> ".f64";
                default -> throw new AssertionError(k);
            };
        }

        // ---------------------------------------------------------------- memory

        private String address(Var array, Operand index) {
            IrType.Array t = arrayType(array);
            if (primKind(index, "an array index") != Scalar.INT) {
                throw fail(ir, "array index " + index + " must be an int in " + f.javaName());
            }
            String i = val(index);
            String off = r64();
            String addr = r64();
            emit("mul.wide.s32 " + off + ", " + i + ", " + t.element().byteSize() + ";");
            emit("add.s64 " + addr + ", " + ptr(array) + ", " + off + ";");
            return addr;
        }

        /** The state space of {@code ld}/{@code st}/{@code atom} on an array ({@code ""}: generic addressing). */
        private static String space(IrType.Array t) {
            return switch (t.space()) {
                case GLOBAL, CONSTANT -> ".global";
                case LOCAL -> ".shared";
                case PRIVATE -> "";
            };
        }

        private static String memType(Scalar e) {
            return switch (e) {
                case BOOLEAN -> ".u8";
                case BYTE -> ".s8";
                case CHAR -> ".u16";
                case SHORT -> ".s16";
                case INT -> ".s32";
                case LONG -> ".s64";
                case FLOAT -> ".f32";
                case DOUBLE -> ".f64";
            };
        }

        /** In CONTINUE mode: a predicate that is true while this work-item has failed; else null. */
        private String failedPredicate() {
            if (!continueMode) {
                return null;
            }
            String pf = pred();
            emit("setp.ne.u32 " + pf + ", %fail, 0;");
            return pf;
        }

        private void load(Stmt.Load l) {
            IrType.Array t = arrayType(l.array());
            String addr = address(l.array(), l.index());
            String d = reg(l.dst());
            String pf = failedPredicate();
            String ld = "ld" + space(t) + memType(t.element()) + " " + d + ", [" + addr + "];";
            if (pf == null) {
                emit(ld);
            } else {
                emit("@" + pf + " mov" + typeSuffix(t.element()) + " " + d + ", " + zero(t.element()) + ";");
                emit("@!" + pf + " " + ld);
            }
        }

        private static String zero(Scalar s) {
            return switch (s.stackKind()) {
                case FLOAT -> "0f00000000";
                case DOUBLE -> "0d0000000000000000";
                default -> "0";
            };
        }

        private void store(Stmt.Store st) {
            IrType.Array t = arrayType(st.array());
            if (t.space() == AddressSpace.CONSTANT) {
                throw fail(ir, "a store into the constant table " + st.array().name() + " in " + f.javaName());
            }
            String addr = address(st.array(), st.index());
            String v = val(st.value());
            if (t.element() == Scalar.BOOLEAN) { // bastore on a boolean[] stores value & 1
                String m = r32();
                emit("and.b32 " + m + ", " + v + ", 1;");
                v = m;
            }
            String pf = failedPredicate();
            emit((pf == null ? "" : "@!" + pf + " ") + "st" + space(t) + memType(t.element()) + " [" + addr + "], " + v + ";");
        }

        private void localArray(Stmt.LocalArray la) {
            LocalArrayDecl decl = f.localArrays().stream().filter(x -> x.id() == la.arrayId()).findFirst()
                    .orElseThrow(() -> fail(ir, "local array " + la.arrayId() + " is not declared by " + f.javaName()));
            IrType.Array t = arrayType(la.dst());
            if (t.space() != AddressSpace.LOCAL || t.element() != decl.element()) {
                throw fail(ir, "local array " + la.arrayId() + " (" + decl.element() + ") is assigned to "
                        + la.dst().name() + " of type " + t);
            }
            emit("mov.u64 " + ptr(la.dst()) + ", jdc_la" + decl.id() + ";");
            emit("mov.b32 " + len(la.dst()) + ", " + decl.length() + ";");
        }

        private void constantArray(Stmt.ConstantArray ca) {
            if (ca.arrayId() < 0 || ca.arrayId() >= ir.constantArrays().size()) {
                throw fail(ir, "constant table " + ca.arrayId() + " is not declared by the kernel");
            }
            ConstantArrayDecl decl = ir.constantArrays().get(ca.arrayId());
            if (!arrayType(ca.dst()).equals(decl.type())) {
                throw fail(ir, "constant table " + ca.arrayId() + " (" + decl.type() + ") is assigned to " + ca.dst().name()
                        + " of type " + ca.dst().type());
            }
            emit("mov.u64 " + ptr(ca.dst()) + ", jdc_ct" + decl.id() + ";");
            emit("mov.b32 " + len(ca.dst()) + ", " + decl.length() + ";");
        }

        /** Zeroes the function's private array (64-bit stores, a loop beyond 16) and binds its generic address. */
        private void privateArray(Stmt.PrivateArray pa) {
            PrivateArrayDecl decl = f.privateArrays().stream().filter(x -> x.id() == pa.arrayId()).findFirst()
                    .orElseThrow(() -> fail(ir, "private array " + pa.arrayId() + " is not declared by " + f.javaName()));
            if (!arrayType(pa.dst()).equals(decl.type())) {
                throw fail(ir, "private array " + pa.arrayId() + " (" + decl.type() + ") is assigned to " + pa.dst().name()
                        + " of type " + pa.dst().type());
            }
            String local = r64();
            String p = ptr(pa.dst());
            emit("mov.u64 " + local + ", jdc_pa" + decl.id() + ";");
            emit("cvta.local.u64 " + p + ", " + local + ";");
            String zero = r64();
            emit("mov.u64 " + zero + ", 0;");
            long bytes = paddedBytes(decl);
            if (bytes <= 16 * 8) {
                for (long off = 0; off < bytes; off += 8) {
                    emit("st.u64 [" + p + "+" + off + "], " + zero + ";");
                }
            } else {
                String offset = r64();
                String address = r64();
                String done = pred();
                String loop = label("zero_pa" + decl.id());
                String exit = label("zeroed_pa" + decl.id());
                emit("mov.u64 " + offset + ", 0;");
                place(loop);
                emit("setp.ge.u64 " + done + ", " + offset + ", " + bytes + ";");
                emit("@" + done + " bra " + exit + ";");
                emit("add.s64 " + address + ", " + p + ", " + offset + ";");
                emit("st.u64 [" + address + "], " + zero + ";");
                emit("add.s64 " + offset + ", " + offset + ", 8;");
                emit("bra " + loop + ";");
                place(exit);
            }
            emit("mov.b32 " + len(pa.dst()) + ", " + decl.length() + ";");
        }

        // ---------------------------------------------------------------- failures

        private DeviceErrorSite site(int id) {
            if (id < 0 || id >= ir.sites().size()) {
                throw fail(ir, "failure site " + id + " is not in the site table of " + ir.sites().size() + " site(s)");
            }
            return ir.sites().get(id);
        }

        private void checkIndex(Stmt.CheckIndex c) {
            IrType.Array t = arrayType(c.array());
            if (primKind(c.index(), "an index check") != Scalar.INT) {
                throw fail(ir, "checked index " + c.index() + " must be an int in " + f.javaName());
            }
            String i = val(c.index());
            String bad = pred();
            emit("setp.ge.u32 " + bad + ", " + i + ", " + len(c.array()) + ";");
            String ok = label("inbounds");
            emit("@!" + bad + " bra " + ok + ";");
            String length = r64();
            emit("cvt.s64.s32 " + length + ", " + len(c.array()) + ";");
            report(c.siteId(), List.of(slot(c.index()), length), ok);
            place(ok);
        }

        private void checkDivisor(Stmt.CheckDivisor c) {
            Scalar k = primKind(c.divisor(), "a divisor check");
            String v = val(c.divisor());
            String bad = pred();
            emit("setp.eq" + signed(k) + " " + bad + ", " + v + ", 0;");
            String ok = label("nonzero");
            emit("@!" + bad + " bra " + ok + ";");
            report(c.siteId(), List.<String>of(), ok);
            place(ok);
        }

        private List<String> slots(List<Operand> values) {
            List<String> slots = new ArrayList<>();
            for (Operand o : values) {
                slots.add(slot(o));
            }
            return slots;
        }

        /**
         * Records a failure at {@code siteId} with the dynamic values in {@code slots} (64-bit
         * registers) following the device error protocol, then: RETURN mode leaves the function;
         * CONTINUE mode sets the failure flag and goes on at {@code continueAt}. In CONTINUE mode a
         * work-item that has already failed records nothing more.
         */
        private void report(int siteId, List<String> slots, String continueAt) {
            DeviceErrorSite site = site(siteId);
            int count = slots.size();
            if (count != site.dynamicValueCount()) {
                throw fail(ir, "failure site " + siteId + " (" + site.exceptionClass() + " at " + site.sourceFile() + ":"
                        + site.sourceLine() + ") takes " + site.dynamicValueCount() + " value(s) but the IR gives " + count);
            }
            if (count > ErrorRecord.MAX_VALUES) {
                throw fail(ir, "failure site " + siteId + " has " + count + " dynamic values; the error record holds "
                        + ErrorRecord.MAX_VALUES);
            }
            if (continueMode) {
                String already = pred();
                emit("setp.ne.u32 " + already + ", %fail, 0;");
                emit("@" + already + " bra " + continueAt + ";");
            }
            String lost = label("lost");
            emit("red.global.add.u32 [%err+" + ErrorRecord.COUNT + "], 1;");
            String prev = r32();
            emit("atom.global.cas.b32 " + prev + ", [%err+" + ErrorRecord.STATE + "], 0, 1;");
            String notFirst = pred();
            emit("setp.ne.u32 " + notFirst + ", " + prev + ", 0;");
            emit("@" + notFirst + " bra " + lost + ";");
            String s = r32();
            emit("mov.u32 " + s + ", " + siteId + ";");
            emit("st.global.u32 [%err+" + ErrorRecord.SITE + "], " + s + ";");
            String[] gid = globalIds();
            for (int d = 0; d < 3; d++) {
                emit("st.global.u32 [%err+" + (ErrorRecord.GID + 4 * d) + "], " + gid[d] + ";");
            }
            for (int i = 0; i < slots.size(); i++) {
                emit("st.global.u64 [%err+" + (ErrorRecord.VALUES + 8 * i) + "], " + slots.get(i) + ";");
            }
            place(lost);
            if (continueMode) {
                emit("mov.u32 %fail, 1;");
            } else {
                emit("bra $Lfailed;");
            }
        }

        /** A 64-bit register holding a dynamic value as the error record stores it. */
        private String slot(Operand o) {
            Scalar k = primKind(o, "a failure value");
            String v = val(o);
            String w = r64();
            switch (k) {
                case INT -> emit("cvt.s64.s32 " + w + ", " + v + ";");
                case LONG -> emit("mov.b64 " + w + ", " + v + ";");
                case FLOAT -> {
                    String bits = r32();
                    emit("mov.b32 " + bits + ", " + v + ";");
                    emit("cvt.s64.s32 " + w + ", " + bits + ";");
                }
                case DOUBLE -> emit("mov.b64 " + w + ", " + v + ";");
                default -> throw new AssertionError(k);
            }
            return w;
        }

        private String[] globalIds() {
            if (f.kernel()) {
                return new String[] {"%g0", "%g1", "%g2"};
            }
            String[] dims = {"x", "y", "z"};
            String[] g = new String[3];
            for (int d = 0; d < 3; d++) {
                g[d] = globalId(dims[d]);
            }
            return g;
        }

        private String globalId(String dim) {
            String a = r32();
            String b = r32();
            String c = r32();
            String g = r32();
            emit("mov.u32 " + a + ", %ctaid." + dim + ";");
            emit("mov.u32 " + b + ", %ntid." + dim + ";");
            emit("mov.u32 " + c + ", %tid." + dim + ";");
            emit("mad.lo.s32 " + g + ", " + a + ", " + b + ", " + c + ";");
            return g;
        }

        // ---------------------------------------------------------------- calls, intrinsics, ids, atomics

        private void call(Stmt.Call c) {
            IrFunction callee = functions.get(c.function());
            if (callee == null || callee.kernel()) {
                throw fail(ir, "call to unknown device function '" + c.function() + "' in " + f.javaName());
            }
            if (callee.parameters().size() != c.args().size()) {
                throw fail(ir, "call to " + callee.javaName() + " passes " + c.args().size() + " argument(s) for "
                        + callee.parameters().size() + " parameter(s)");
            }
            String cs = "jdc_f_" + callee.name();
            List<String> decls = new ArrayList<>();
            List<String> stores = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int n = 0;
            String err = "a" + n++;
            decls.add(".param .b64 " + err + ";");
            stores.add("st.param.b64 [" + err + "], %err;");
            names.add(err);
            for (int d = 0; d < 3; d++) {
                String g = "a" + n++;
                decls.add(".param .b32 " + g + ";");
                stores.add("st.param.b32 [" + g + "], %gs" + d + ";");
                names.add(g);
            }
            String fl = "a" + n++;
            decls.add(".param .b32 " + fl + ";");
            stores.add("st.param.b32 [" + fl + "], %fail;");
            names.add(fl);
            for (int i = 0; i < c.args().size(); i++) {
                Var param = callee.parameters().get(i);
                Operand arg = c.args().get(i);
                if (param.type() instanceof IrType.Array pa) {
                    if (!(arg instanceof Var av) || !av.type().equals(pa)) {
                        throw fail(ir, "argument " + i + " of the call to " + callee.javaName() + " must be an array of type "
                                + pa + ", got " + arg + " (" + arg.type() + ")");
                    }
                    String a = "a" + n++;
                    String l = "a" + n++;
                    decls.add(".param .b64 " + a + ";");
                    decls.add(".param .b32 " + l + ";");
                    stores.add("st.param.b64 [" + a + "], " + ptr(av) + ";");
                    stores.add("st.param.b32 [" + l + "], " + len(av) + ";");
                    names.add(a);
                    names.add(l);
                } else {
                    Scalar k = ((IrType.Prim) param.type()).scalar();
                    if (primKind(arg, "a call argument") != k) {
                        throw fail(ir, "argument " + i + " of the call to " + callee.javaName() + " must be " + k + ", got " + arg);
                    }
                    String a = "a" + n++;
                    decls.add(".param " + regType(k) + " " + a + ";");
                    stores.add("st.param" + regType(k) + " [" + a + "], " + val(arg) + ";");
                    names.add(a);
                }
            }
            String flag = r32();
            emit("{");
            decls.forEach(this::emit);
            emit(".param .align 8 .b8 ret[16];");
            stores.forEach(this::emit);
            emit("call (ret), " + cs + ", (" + String.join(", ", names) + ");");
            emit("ld.param.b32 " + flag + ", [ret+0];");
            if (c.dst().isPresent()) {
                Var dst = c.dst().get();
                if (!dst.type().equals(callee.returnType())) {
                    throw fail(ir, "the result of " + callee.javaName() + " (" + callee.returnType() + ") is assigned to "
                            + dst.name() + " of type " + dst.type());
                }
                if (dst.type() instanceof IrType.Array) {
                    emit("ld.param.b32 " + len(dst) + ", [ret+4];");
                    emit("ld.param.b64 " + ptr(dst) + ", [ret+8];");
                } else {
                    emit("ld.param" + regType(((IrType.Prim) dst.type()).scalar()) + " " + reg(dst) + ", [ret+8];");
                }
            }
            emit("}");
            if (continueMode) {
                emit("or.b32 %fail, %fail, " + flag + ";");
            } else {
                String failed = pred();
                emit("setp.ne.u32 " + failed + ", " + flag + ", 0;");
                emit("@" + failed + " bra $Lfailed;");
            }
        }

        private void workItem(Stmt.WorkItem w) {
            String d = reg(w.dst());
            String dim = new String[] {"x", "y", "z"}[w.dimension()];
            switch (w.query()) {
                case GLOBAL_ID -> {
                    if (f.kernel()) {
                        emit("mov.b32 " + d + ", %g" + w.dimension() + ";");
                    } else {
                        emit("mov.b32 " + d + ", " + globalId(dim) + ";");
                    }
                }
                case LOCAL_ID -> emit("mov.u32 " + d + ", %tid." + dim + ";");
                case GROUP_ID -> emit("mov.u32 " + d + ", %ctaid." + dim + ";");
                case LOCAL_SIZE -> emit("mov.u32 " + d + ", %ntid." + dim + ";");
                case NUM_GROUPS -> emit("mov.u32 " + d + ", %nctaid." + dim + ";");
                case GLOBAL_SIZE -> emit("mov.b32 " + d + ", %gs" + w.dimension() + ";");
            }
        }

        private void atomic(Stmt.Atomic at) {
            IrType.Array t = arrayType(at.array());
            if (t.space() == AddressSpace.CONSTANT || t.space() == AddressSpace.PRIVATE) {
                throw fail(ir, "atomic " + at.op() + " on the " + t + " array " + at.array().name() + " in " + f.javaName());
            }
            Scalar e = t.element();
            String addr = address(at.array(), at.index());
            String sp = space(t);
            String d = reg(at.dst());
            String pf = failedPredicate();
            String skip = pf == null ? null : label("atomic_skipped");
            String done = pf == null ? null : label("atomic_done");
            if (pf != null) {
                emit("@" + pf + " bra " + skip + ";");
            }
            switch (at.op()) {
                case ADD -> {
                    String v = val(at.operands().getFirst());
                    switch (e) {
                        case INT -> emit("atom" + sp + ".add.u32 " + d + ", [" + addr + "], " + v + ";");
                        case LONG -> emit("atom" + sp + ".add.u64 " + d + ", [" + addr + "], " + v + ";");
                        case FLOAT -> floatAtomicAdd(sp, addr, v, d);
                        default -> throw fail(ir, "Atomics.add on a " + e + " array is not supported");
                    }
                }
                case MIN, MAX -> {
                    if (e != Scalar.INT && e != Scalar.LONG) {
                        throw fail(ir, "Atomics." + at.op().name().toLowerCase(Locale.ROOT) + " on a " + e
                                + " array is not supported");
                    }
                    String v = val(at.operands().getFirst());
                    emit("atom" + sp + (at.op() == AtomicOp.MIN ? ".min" : ".max") + signed(e) + " " + d + ", [" + addr
                            + "], " + v + ";");
                }
                case CAS -> {
                    if (e != Scalar.INT && e != Scalar.LONG) {
                        throw fail(ir, "Atomics.compareAndSet on a " + e + " array is not supported");
                    }
                    String bits = e == Scalar.LONG ? ".b64" : ".b32";
                    String expected = val(at.operands().get(0));
                    String update = val(at.operands().get(1));
                    String old = temp(e);
                    emit("atom" + sp + ".cas" + bits + " " + old + ", [" + addr + "], " + expected + ", " + update + ";");
                    String same = pred();
                    emit("setp.eq" + (e == Scalar.LONG ? ".u64" : ".u32") + " " + same + ", " + old + ", " + expected + ";");
                    emit("selp.b32 " + d + ", 1, 0, " + same + ";");
                }
            }
            if (pf != null) {
                emit("bra " + done + ";");
                place(skip);
                Scalar rk = at.op() == AtomicOp.CAS ? Scalar.INT : e;
                emit("mov" + typeSuffix(rk) + " " + d + ", " + zero(rk) + ";");
                place(done);
            }
        }

        /** IEEE float add in a compare-and-swap loop (atom.add.f32 would flush subnormals to zero). */
        private void floatAtomicAdd(String sp, String addr, String v, String d) {
            String old = r32();
            String seen = r32();
            String nb = r32();
            String of = f32();
            String nf = f32();
            String retry = pred();
            String loop = label("fadd");
            emit("ld" + sp + ".b32 " + old + ", [" + addr + "];");
            place(loop);
            emit("mov.b32 " + of + ", " + old + ";");
            emit("add.rn.f32 " + nf + ", " + of + ", " + v + ";");
            emit("mov.b32 " + nb + ", " + nf + ";");
            emit("atom" + sp + ".cas.b32 " + seen + ", [" + addr + "], " + old + ", " + nb + ";");
            emit("setp.ne.u32 " + retry + ", " + seen + ", " + old + ";");
            emit("mov.b32 " + old + ", " + seen + ";");
            emit("@" + retry + " bra " + loop + ";");
            emit("mov.f32 " + d + ", " + of + ";");
        }

        private void intrinsic(Stmt.Intrinsic in) {
            IntrinsicOp op = in.op();
            if (LOWERED.contains(op)) {
                throw fail(ir, "front-end bug: " + javaName(op) + " was not lowered to StrictMath (in " + f.javaName()
                        + ")");
            }
            for (int i = 0; i < in.args().size(); i++) {
                if (primKind(in.args().get(i), javaName(op)) != op.parameters().get(i)) {
                    throw fail(ir, "argument " + i + " of " + javaName(op) + " must be " + op.parameters().get(i)
                            + ", got " + in.args().get(i).type());
                }
            }
            String d = reg(in.dst());
            List<String> a = in.args().stream().map(this::val).toList();
            switch (op) {
                case SQRT -> emit("sqrt.rn.f64 " + d + ", " + a.get(0) + ";");
                case FLOOR -> emit("cvt.rmi.f64.f64 " + d + ", " + a.get(0) + ";");
                case CEIL -> emit("cvt.rpi.f64.f64 " + d + ", " + a.get(0) + ";");
                case RINT -> emit("cvt.rni.f64.f64 " + d + ", " + a.get(0) + ";");
                case ROUND_D -> round(Scalar.DOUBLE, d, a.get(0));
                case ROUND_F -> round(Scalar.FLOAT, d, a.get(0));
                case FMA_D -> emit("fma.rn.f64 " + d + ", " + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ";");
                case FMA_F -> emit("fma.rn.f32 " + d + ", " + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ";");
                case ABS_I, ABS_L -> {
                    Scalar k = op == IntrinsicOp.ABS_I ? Scalar.INT : Scalar.LONG;
                    String neg = pred();
                    String n = temp(k);
                    emit("setp.lt" + signed(k) + " " + neg + ", " + a.get(0) + ", 0;");
                    emit("neg" + signed(k) + " " + n + ", " + a.get(0) + ";");
                    emit("selp" + typeSuffix(k) + " " + d + ", " + n + ", " + a.get(0) + ", " + neg + ";");
                }
                case ABS_F -> emit("and.b32 " + d + ", " + a.get(0) + ", 0x7FFFFFFF;");
                case ABS_D -> emit("and.b64 " + d + ", " + a.get(0) + ", 0x7FFFFFFFFFFFFFFF;");
                case MIN_I -> emit("min.s32 " + d + ", " + a.get(0) + ", " + a.get(1) + ";");
                case MAX_I -> emit("max.s32 " + d + ", " + a.get(0) + ", " + a.get(1) + ";");
                case MIN_L -> emit("min.s64 " + d + ", " + a.get(0) + ", " + a.get(1) + ";");
                case MAX_L -> emit("max.s64 " + d + ", " + a.get(0) + ", " + a.get(1) + ";");
                case MIN_F, MAX_F, MIN_D, MAX_D -> javaMinMax(op, d, a.get(0), a.get(1));
                case SIGNUM_F, SIGNUM_D -> {
                    boolean dbl = op == IntrinsicOp.SIGNUM_D;
                    String ft = dbl ? ".f64" : ".f32";
                    String bits = dbl ? ".b64" : ".b32";
                    String keep = pred();
                    String one = dbl ? f64() : f32();
                    // (f == 0 || NaN) ? f : copySign(1, f)
                    emit("setp.equ" + ft + " " + keep + ", " + a.get(0) + ", " + (dbl ? "0d0000000000000000" : "0f00000000") + ";");
                    emit("copysign" + ft + " " + one + ", " + a.get(0) + ", " + (dbl ? "0d3FF0000000000000" : "0f3F800000") + ";");
                    emit("selp" + bits + " " + d + ", " + a.get(0) + ", " + one + ", " + keep + ";");
                }
                case COPY_SIGN_F -> copySign(false, d, a.get(0), a.get(1));
                case COPY_SIGN_D -> copySign(true, d, a.get(0), a.get(1));
                case FLOAT_TO_RAW_INT_BITS, INT_BITS_TO_FLOAT -> emit("mov.b32 " + d + ", " + a.get(0) + ";");
                case DOUBLE_TO_RAW_LONG_BITS, LONG_BITS_TO_DOUBLE -> emit("mov.b64 " + d + ", " + a.get(0) + ";");
                case FLOAT_TO_INT_BITS -> {
                    String nan = pred();
                    String bitsReg = r32();
                    emit("setp.nan.f32 " + nan + ", " + a.get(0) + ", " + a.get(0) + ";");
                    emit("mov.b32 " + bitsReg + ", " + a.get(0) + ";");
                    emit("selp.b32 " + d + ", 0x7FC00000, " + bitsReg + ", " + nan + ";");
                }
                case DOUBLE_TO_LONG_BITS -> {
                    String nan = pred();
                    String bitsReg = r64();
                    emit("setp.nan.f64 " + nan + ", " + a.get(0) + ", " + a.get(0) + ";");
                    emit("mov.b64 " + bitsReg + ", " + a.get(0) + ";");
                    emit("selp.b64 " + d + ", 0x7FF8000000000000, " + bitsReg + ", " + nan + ";");
                }
                case BIT_COUNT_I -> emit("popc.b32 " + d + ", " + a.get(0) + ";");
                case BIT_COUNT_L -> emit("popc.b64 " + d + ", " + a.get(0) + ";");
                case LEADING_ZEROS_I -> emit("clz.b32 " + d + ", " + a.get(0) + ";");
                case LEADING_ZEROS_L -> emit("clz.b64 " + d + ", " + a.get(0) + ";");
                case TRAILING_ZEROS_I -> {
                    String rev = r32();
                    emit("brev.b32 " + rev + ", " + a.get(0) + ";");
                    emit("clz.b32 " + d + ", " + rev + ";");
                }
                case TRAILING_ZEROS_L -> {
                    String rev = r64();
                    emit("brev.b64 " + rev + ", " + a.get(0) + ";");
                    emit("clz.b64 " + d + ", " + rev + ";");
                }
                case IS_NAN_F, IS_NAN_D, IS_INFINITE_F, IS_INFINITE_D -> {
                    String ft = op == IntrinsicOp.IS_NAN_F || op == IntrinsicOp.IS_INFINITE_F ? ".f32" : ".f64";
                    String test = op == IntrinsicOp.IS_NAN_F || op == IntrinsicOp.IS_NAN_D ? "testp.notanumber" : "testp.infinite";
                    String pt = pred();
                    emit(test + ft + " " + pt + ", " + a.get(0) + ";");
                    emit("selp.b32 " + d + ", 1, 0, " + pt + ";");
                }
                default -> throw new AssertionError(op);
            }
        }

        private static String javaName(IntrinsicOp op) {
            String n = op.name().toLowerCase(Locale.ROOT);
            String params = String.join(", ", op.parameters().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            return "Math." + switch (op) {
                case LOG10 -> "log10";
                case LOG1P -> "log1p";
                case EXPM1 -> "expm1";
                case ATAN2 -> "atan2";
                default -> n;
            } + "(" + params + ")";
        }

        /** Math.round: the nearest integer, ties toward positive infinity, saturating, NaN → 0. */
        private void round(Scalar from, String d, String x) {
            boolean dbl = from == Scalar.DOUBLE;
            String ft = dbl ? ".f64" : ".f32";
            String t = dbl ? f64() : f32();
            String frac = dbl ? f64() : f32();
            emit("cvt.rmi" + ft + ft + " " + t + ", " + x + ";");
            emit("sub.rn" + ft + " " + frac + ", " + x + ", " + t + ";"); // exact: x - floor(x)
            Scalar to = dbl ? Scalar.LONG : Scalar.INT;
            String i = dbl ? r64() : r32();
            floatToInt(from, to, i, t);
            String up = pred();
            emit("setp.ge" + ft + " " + up + ", " + frac + ", " + (dbl ? "0d3FE0000000000000" : "0f3F000000") + ";");
            String inc = dbl ? r64() : r32();
            emit("add" + (dbl ? ".s64" : ".s32") + " " + inc + ", " + i + ", 1;");
            emit("selp" + (dbl ? ".b64" : ".b32") + " " + d + ", " + inc + ", " + i + ", " + up + ";");
        }

        /** The JDK's Math.min/max: NaN wins (the first NaN), and -0.0 is below 0.0. */
        private void javaMinMax(IntrinsicOp op, String d, String a, String b) {
            boolean dbl = op == IntrinsicOp.MIN_D || op == IntrinsicOp.MAX_D;
            boolean min = op == IntrinsicOp.MIN_F || op == IntrinsicOp.MIN_D;
            String ft = dbl ? ".f64" : ".f32";
            String bits = dbl ? ".b64" : ".b32";
            String negZero = dbl ? "0x8000000000000000" : "0x80000000";
            String zeroLit = dbl ? "0d0000000000000000" : "0f00000000";
            String aNan = pred();
            String bothZero = pred();
            String negZeroArg = pred();
            String pick = pred();
            String argBits = dbl ? r64() : r32();
            emit("setp.nan" + ft + " " + aNan + ", " + a + ", " + a + ";");
            emit("setp.eq" + ft + " " + bothZero + ", " + a + ", " + zeroLit + ";");
            emit("setp.eq.and" + ft + " " + bothZero + ", " + b + ", " + zeroLit + ", " + bothZero + ";");
            // min: return b when b is -0.0; max: return b when a is -0.0
            emit("mov" + bits + " " + argBits + ", " + (min ? b : a) + ";");
            emit("setp.eq.and" + (dbl ? ".u64" : ".u32") + " " + negZeroArg + ", " + argBits + ", " + negZero + ", "
                    + bothZero + ";");
            emit("setp." + (min ? "le" : "ge") + ft + " " + pick + ", " + a + ", " + b + ";");
            String t = dbl ? f64() : f32();
            emit("selp" + bits + " " + t + ", " + a + ", " + b + ", " + pick + ";");
            emit("selp" + bits + " " + t + ", " + b + ", " + t + ", " + negZeroArg + ";");
            emit("selp" + bits + " " + d + ", " + a + ", " + t + ", " + aNan + ";");
        }

        private void copySign(boolean dbl, String d, String magnitude, String sign) {
            String bits = dbl ? ".b64" : ".b32";
            String m = dbl ? r64() : r32();
            String s = dbl ? r64() : r32();
            emit("and" + bits + " " + m + ", " + magnitude + ", " + (dbl ? "0x7FFFFFFFFFFFFFFF" : "0x7FFFFFFF") + ";");
            emit("and" + bits + " " + s + ", " + sign + ", " + (dbl ? "0x8000000000000000" : "0x80000000") + ";");
            emit("or" + bits + " " + d + ", " + m + ", " + s + ";");
        }

        // ---------------------------------------------------------------- terminators

        private void terminator(Terminator t, int nextBlock) {
            switch (t) {
                case Terminator.Goto g -> {
                    if (g.target() != nextBlock) {
                        emit("bra $B" + g.target() + ";");
                    }
                }
                case Terminator.Branch b -> {
                    Scalar k = primKind(b.a(), "a branch condition");
                    if (primKind(b.b(), "a branch condition") != k) {
                        throw fail(ir, "branch compares " + b.a().type() + " with " + b.b().type() + " in " + f.javaName());
                    }
                    String x = val(b.a());
                    String y = val(b.b());
                    String pt = pred();
                    emit("setp." + cmp(b.op(), k) + cmpType(k) + " " + pt + ", " + x + ", " + y + ";");
                    emit("@" + pt + " bra $B" + b.ifTrue() + ";");
                    if (b.ifFalse() != nextBlock) {
                        emit("bra $B" + b.ifFalse() + ";");
                    }
                }
                case Terminator.Switch s -> {
                    if (primKind(s.key(), "a switch key") != Scalar.INT) {
                        throw fail(ir, "switch key " + s.key() + " must be an int in " + f.javaName());
                    }
                    String key = val(s.key());
                    for (Terminator.Switch.Case c : s.cases()) {
                        String pc = pred();
                        emit("setp.eq.s32 " + pc + ", " + key + ", " + imm32(c.key()) + ";");
                        emit("@" + pc + " bra $B" + c.target() + ";");
                    }
                    if (s.defaultTarget() != nextBlock) {
                        emit("bra $B" + s.defaultTarget() + ";");
                    }
                }
                case Terminator.Return ret -> ret(ret.value());
                case Terminator.Throw th -> {
                    if (continueMode) {
                        throw fail(ir, "a throw in the CONTINUE-mode function " + f.javaName()
                                + " (the front end must turn it into ReportFailure)");
                    }
                    String unused = label("thrown");
                    report(th.siteId(), slots(th.values()), unused);
                    place(unused);
                    emit("bra $Lfailed;");
                }
            }
        }

        private static String cmp(CompareOp op, Scalar k) {
            if (k.isFloating()) {
                return switch (op) {
                    case EQ -> "eq";
                    case NE -> "neu"; // true when either is NaN, like C's and Java's !=
                    case LT -> "lt";
                    case LE -> "le";
                    case GT -> "gt";
                    case GE -> "ge";
                };
            }
            return op.name().toLowerCase(Locale.ROOT);
        }

        private void ret(Optional<Operand> value) {
            if (f.kernel()) {
                emit("ret;");
                return;
            }
            emit("st.param.b32 [" + symbol + "_ret+0], %fail;");
            if (value.isPresent()) {
                Operand v = value.get();
                if (!v.type().equals(f.returnType())) {
                    throw fail(ir, f.javaName() + " returns " + v + " of type " + v.type() + " but is declared "
                            + f.returnType());
                }
                if (v.type() instanceof IrType.Array) {
                    Var av = (Var) v;
                    emit("st.param.b32 [" + symbol + "_ret+4], " + len(av) + ";");
                    emit("st.param.b64 [" + symbol + "_ret+8], " + ptr(av) + ";");
                } else {
                    Scalar k = primKind(v, "a return value");
                    emit("st.param" + regType(k) + " [" + symbol + "_ret+8], " + val(v) + ";");
                }
            }
            emit("ret;");
        }
    }
}
