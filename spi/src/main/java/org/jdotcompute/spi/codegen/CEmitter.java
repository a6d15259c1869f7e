package org.jdotcompute.spi.codegen;

import static org.jdotcompute.spi.ir.Scalar.DOUBLE;
import static org.jdotcompute.spi.ir.Scalar.FLOAT;
import static org.jdotcompute.spi.ir.Scalar.INT;
import static org.jdotcompute.spi.ir.Scalar.LONG;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.spi.codegen.JavaPreamble.Helper;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.ConstantArrayDecl;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
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
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Emits a {@link KernelIR} as one C-family translation unit with Java semantics. The base class
 * does everything the dialects share; a dialect subclasses it, supplies the abstract hooks
 * (address spaces, work-item queries, barriers, group-local declarations, atomics, the kernel
 * signature and the file prologue) and may override any {@code protected} expression method.
 *
 * <h2>What the emitted code looks like</h2>
 * <pre>
 * /* header comment *&#47;
 * prologue(ir)                         // dialect: pragmas, includes
 * errorRecordDeclaration()             // typedef struct { ... } jdc_error_record;
 * JavaPreamble helpers that were used  // jdc_idiv, jdc_f2i, ...
 * dialect helpers (requireHelper)      // e.g. a float atomic add
 * jdc_claim (if a failure can be recorded)
 * constant tables                      // jdc_const0, jdc_const1, ... (constantArrayQualifier())
 * device functions, callees first      // named dev_NAME
 * the kernel                           // named after IrFunction.name()
 * </pre>
 * Every function declares all of its variables at the top, initialised to zero; array
 * variables are a pointer plus an {@code int} {@code NAME_len}. Private arrays are declared at
 * the top too ({@code jdc_priv<id>}, {@link #privateArrayDeclaration}) and zeroed where
 * {@link Stmt.PrivateArray} allocates them. A kernel with group-local arrays zeroes them first,
 * its work-items sharing the stores, and waits at a barrier: Java's arrays start zeroed,
 * group-local memory does not. Constant tables holding only finite floating-point values are
 * arrays with exact literals; tables with a NaN or an infinity are a union of the raw bits and
 * the values ({@code jdc_const0.values}), since a bit cast is no constant initializer. Blocks become labels
 * {@code B<id>} (only where something jumps to them) and terminators {@code goto}s; a jump to the
 * next block in order is left out. In a dialect without {@code goto}
 * ({@link CDialect#supportsGoto()} false, e.g. MSL) a function with jumps becomes a dispatch
 * loop instead: {@code int jdc_block = <entry>; for (;;) { switch (jdc_block) { case 3: ... } }},
 * where a jump is {@code jdc_block = 3; continue;} and a fall-through to the next block stays a
 * fall-through; the blocks, their order and their statements are the same.
 *
 * <h2>Failures</h2>
 * A failure ({@link Stmt.CheckIndex}, {@link Stmt.CheckDivisor}, {@link Stmt.ReportFailure},
 * {@link Terminator.Throw}) calls {@code jdc_claim(record, site)}, which counts the failing
 * work-item, claims the record's state with a compare-and-swap from 0 to 1 and, for the
 * winner only, writes the site and the global id and returns 1; the winner then writes the
 * dynamic values. Then, in a {@link FailureMode#RETURN} function, a kernel returns and a device
 * function sets the failure flag and returns zero; its caller returns too when it sees the flag.
 * In a {@link FailureMode#CONTINUE} function the flag is set and execution goes on: while it is
 * set, loads yield zero, stores and atomics are skipped, calls of {@code RETURN} functions are
 * skipped (yielding zero) and further failures are not recorded, so every barrier is reached.
 *
 * <p>Hidden parameters: a kernel's last parameter is the record pointer {@code jdc_err}; it
 * keeps its flag in a local {@code int jdc_failed}. A device function that may fail, is in
 * {@code CONTINUE} mode, or calls one that has hidden parameters, takes {@code jdc_err} and a
 * pointer {@code jdc_failed} to its caller's flag after its own parameters (arrays pass their
 * lengths after each pointer). A dialect whose work-item built-ins are kernel parameters rather
 * than functions (MSL's {@code [[thread_position_in_grid]]} …) declares
 * {@link #extraDeviceFunctionParameters()}: every device function and {@code jdc_claim} take them
 * last, every call passes {@link #extraCallArguments()}, and the kernel defines those names in its
 * signature or in {@link #kernelEntryStatements}.
 *
 * <p>Not thread-safe: an instance keeps the state of the emission in progress. Use one instance
 * per thread, or one per emission.
 */
public abstract class CEmitter {
    /** The name of the error-record parameter. */
    protected static final String RECORD = "jdc_err";
    /** The name of the failure flag (a local {@code int} in kernels, an {@code int*} in device functions). */
    protected static final String FLAG = "jdc_failed";
    /** The name of the block variable of a dispatch loop (dialects without {@code goto}). */
    protected static final String BLOCK = "jdc_block";

    /** The dialect's syntax. */
    protected final CDialect dialect;

    private KernelIR ir;
    private final EnumSet<Helper> helpers = EnumSet.noneOf(Helper.class);
    private final Map<String, String> extraHelpers = new LinkedHashMap<>();
    private final Map<String, IrFunction> functions = new HashMap<>();
    private final Map<String, String> functionNames = new HashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final Map<Integer, String> constantNames = new HashMap<>();
    private boolean claimUsed;
    private boolean doubleUsed;
    private Fn fn;

    /** An emitter for {@code dialect}. */
    protected CEmitter(CDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    // ------------------------------------------------------------------------------------------
    // Hooks every dialect supplies

    /**
     * Text placed at the very top of the file, after the header comment: pragmas, includes,
     * extension enables. Called after every function was emitted, so {@link #usesDouble()} and
     * the dialect's own bookkeeping are complete.
     */
    protected abstract String prologue(KernelIR kernel);

    /** The type of a pointer to array elements of {@code element} in {@code space}, e.g. {@code "__global float*"}. */
    protected abstract String pointerType(Scalar element, AddressSpace space);

    /** The type of the pointer to the error record, e.g. {@code "__global jdc_error_record*"}. */
    protected abstract String errorRecordPointerType();

    /**
     * The kernel function's complete signature without the opening brace, e.g.
     * {@code "__kernel void saxpy(float p_a, __global float* p_x, int p_x_len, __global jdc_error_record* jdc_err)"}.
     */
    protected abstract String kernelSignature(String name, List<KernelParameter> parameters);

    /** An {@code int} expression for a work-item query, e.g. {@code "(int)get_global_id(0)"}. */
    protected abstract String workItemExpression(WorkItemQuery query, int dimension);

    /** A statement: a work-group barrier with group-local and global memory fences, e.g. {@code "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);"}. */
    protected abstract String barrierStatement();

    /** The declaration of a group-local array at the kernel's top, e.g. {@code "__local float jdc_local0[256];"}. */
    protected abstract String localArrayDeclaration(Scalar element, String name, int length);

    /**
     * The qualifier of constant tables declared at file scope, e.g. {@code "__constant"} (OpenCL C)
     * or {@code "constant"} (MSL). {@link #pointerType} must accept {@link AddressSpace#CONSTANT}
     * for them. The default rejects kernels with constant tables: a dialect supports them by
     * overriding this.
     */
    protected String constantArrayQualifier() {
        throw fail("reads a constant table (a static final array), which the " + dialect.name()
                + " emitter does not declare (it does not override constantArrayQualifier())");
    }

    /**
     * The declaration of a per-work-item array at the top of a function, e.g.
     * {@code "double jdc_priv0[20];"} (the default: function-scope arrays are private in OpenCL C,
     * MSL and CUDA C). {@link #pointerType} must accept {@link AddressSpace#PRIVATE}.
     */
    protected String privateArrayDeclaration(Scalar element, String name, int length) {
        return dialect.scalarType(element) + " " + name + "[" + length + "];";
    }

    /**
     * An expression performing an atomic operation on {@code array[index]}: {@code ADD},
     * {@code MIN}, {@code MAX} yield the old value, {@code CAS} (operands: expected, update)
     * yields {@code int} 1 if it stored, else 0. The index is in bounds (checked before, if at all).
     *
     * @param element  {@code INT}, {@code LONG} or (for {@code ADD}) {@code FLOAT}
     * @param space    where the array lives
     * @param array    the array pointer's C name
     * @param index    the index expression
     * @param operands the operand expressions
     */
    protected abstract String atomicExpression(AtomicOp op, Scalar element, AddressSpace space, String array,
            String index, List<String> operands);

    /** An expression atomically adding 1 to the {@code int} lvalue {@code target} of the error record (result unused). */
    protected abstract String recordAtomicIncrement(String target);

    /** An expression atomically replacing the record's {@code int} lvalue {@code target} by {@code desired} if it equals {@code expected}, yielding the old value. */
    protected abstract String recordAtomicCompareExchange(String target, String expected, String desired);

    // ------------------------------------------------------------------------------------------
    // Overridable defaults

    /**
     * Statements placed first in the kernel's body, before any declaration the emitter makes,
     * e.g. copying scalar arguments out of a parameter block or defining the variables that
     * {@link #extraCallArguments()} name. Empty by default.
     *
     * @param parameters the kernel's parameters in ABI order, as passed to {@link #kernelSignature}
     */
    protected List<String> kernelEntryStatements(List<KernelParameter> parameters) {
        return List.of();
    }

    /** The header comment. */
    protected String headerComment(KernelIR kernel) {
        return "/* Generated by JDotCompute from kernel '" + CNames.commentText(kernel.kernelName()) + "' (checks "
                + kernel.checks() + ", " + dialect.name() + "). Do not edit. */\n";
    }

    /** The declaration of {@code jdc_error_record}; by default {@link ErrorRecord#C_STRUCT}. */
    protected String errorRecordDeclaration() {
        return ErrorRecord.C_STRUCT;
    }

    /**
     * The definition of {@code int jdc_claim(record, site)}: counts the failure, claims the
     * state (0 to 1) and, when it wins, writes the site and the global id and returns 1.
     */
    protected String claimFunction() {
        String fs = dialect.functionSpecifiers();
        String i = dialect.scalarType(INT);
        return fs + " " + i + " jdc_claim(" + errorRecordPointerType() + " rec, " + i + " site" + contextDeclarations()
                + ") {\n"
                + "    " + recordAtomicIncrement("rec->count") + ";\n"
                + "    if (" + recordAtomicCompareExchange("rec->state", "0", "1") + " != 0) {\n"
                + "        return 0;\n"
                + "    }\n"
                + "    rec->site = site;\n"
                + "    rec->gid[0] = " + workItemExpression(WorkItemQuery.GLOBAL_ID, 0) + ";\n"
                + "    rec->gid[1] = " + workItemExpression(WorkItemQuery.GLOBAL_ID, 1) + ";\n"
                + "    rec->gid[2] = " + workItemExpression(WorkItemQuery.GLOBAL_ID, 2) + ";\n"
                + "    return 1;\n"
                + "}\n";
    }

    /** A call of {@code jdc_claim} for {@code siteId} on the record pointer {@code record}. */
    protected String claimCall(String record, int siteId) {
        return "jdc_claim(" + record + ", " + siteId + contextArguments() + ")";
    }

    /** {@code ", "} and the {@link #extraDeviceFunctionParameters()}, or {@code ""}: {@code jdc_claim} reads the global id too. */
    private String contextDeclarations() {
        List<String> extra = extraDeviceFunctionParameters();
        return extra.isEmpty() ? "" : ", " + String.join(", ", extra);
    }

    /** {@code ", "} and the {@link #extraCallArguments()}, or {@code ""}. */
    private String contextArguments() {
        List<String> extra = extraCallArguments();
        return extra.isEmpty() ? "" : ", " + String.join(", ", extra);
    }

    /**
     * Extra parameters every device function declares after its own (and after the hidden
     * {@code jdc_err}/{@code jdc_failed}), e.g. MSL's thread position, which a device function
     * cannot query; each a complete C parameter declaration whose name starts with {@link CNames#RESERVED_PREFIX}
     * (user names never do). {@code jdc_claim}, which records the global id, takes them too.
     * Default: none.
     */
    protected List<String> extraDeviceFunctionParameters() {
        return List.of();
    }

    /**
     * The arguments for {@link #extraDeviceFunctionParameters()} at every call of a device
     * function, in the same order. Default: none.
     */
    protected List<String> extraCallArguments() {
        return List.of();
    }

    /** The C name of device function {@code f}: {@code dev_} + its IR name. */
    protected String deviceFunctionName(IrFunction f) {
        return "dev_" + f.name();
    }

    // ------------------------------------------------------------------------------------------
    // Emission

    /**
     * Emits {@code kernel}.
     *
     * @throws IllegalArgumentException if the IR is inconsistent (a type mismatch, an unknown
     *                                  callee, a site id outside the site table, a {@code Throw} in
     *                                  a {@code CONTINUE} function, an array-returning function…);
     *                                  the message names the function and block
     */
    public final EmittedKernel emit(KernelIR kernel) {
        Objects.requireNonNull(kernel, "kernel");
        reset(kernel);
        CNameScope fileScope = new CNameScope(dialect);
        for (IrFunction f : kernel.deviceFunctions()) {
            if (functions.put(f.name(), f) != null) {
                throw new IllegalArgumentException("two device functions are named " + f.name());
            }
            functionNames.put(f.name(), fileScope.declare(deviceFunctionName(f)));
            boolean needs = f.mayFail() || f.failureMode() == FailureMode.CONTINUE || callsHidden(f);
            if (needs) {
                hidden.add(f.name());
            }
        }
        String entryPoint = fileScope.declare(kernel.kernel().name());
        String tables = constantTables(kernel, fileScope);
        CWriter body = new CWriter();
        for (IrFunction f : kernel.deviceFunctions()) {
            emitFunction(f, functionNames.get(f.name()), body, null);
            body.line("");
        }
        List<KernelParameter> parameters = new ArrayList<>();
        emitFunction(kernel.kernel(), entryPoint, body, parameters);

        StringBuilder out = new StringBuilder(body.toString().length() + 2048);
        out.append(headerComment(kernel));
        String prologue = prologue(kernel);
        if (!prologue.isEmpty()) {
            out.append(prologue);
            if (!prologue.endsWith("\n")) {
                out.append('\n');
            }
        }
        String claim = claimUsed ? claimFunction() : ""; // before the helpers: it may require some
        out.append('\n').append(errorRecordDeclaration()).append('\n');
        out.append(JavaPreamble.definitions(dialect, helpers));
        for (String h : extraHelpers.values()) {
            out.append(h).append('\n');
        }
        if (claimUsed) {
            out.append(claim).append('\n');
        }
        out.append(tables);
        out.append(body);
        return new EmittedKernel(entryPoint, out.toString(), parameters);
    }

    private void reset(KernelIR kernel) {
        ir = kernel;
        helpers.clear();
        extraHelpers.clear();
        functions.clear();
        functionNames.clear();
        hidden.clear();
        constantNames.clear();
        claimUsed = false;
        doubleUsed = kernel.uses(org.jdotcompute.spi.ir.IrFeature.FP64);
        fn = null;
        startEmission(kernel);
    }

    /** Called at the start of every {@link #emit}: a dialect resets its own per-emission state here. */
    protected void startEmission(KernelIR kernel) {
    }

    /**
     * The declarations of the kernel's constant tables, each followed by a blank line; records the
     * expression each is referred to by.
     */
    private String constantTables(KernelIR kernel, CNameScope fileScope) {
        StringBuilder sb = new StringBuilder();
        for (ConstantArrayDecl c : kernel.constantArrays()) {
            String name = CNames.RESERVED_PREFIX + "const" + c.id();
            fileScope.claim(name);
            int length = Math.max(1, c.length()); // C has no empty arrays; the hidden length stays 0
            Scalar e = c.element();
            boolean finite = true;
            for (Const v : c.values()) {
                finite &= e == FLOAT ? Float.isFinite(v.floatValue()) : e != DOUBLE || Double.isFinite(v.doubleValue());
            }
            List<String> literals = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                Const v = i < c.length() ? c.values().get(i) : new Const(e.stackKind(), 0);
                literals.add(finite ? CLiterals.of(dialect, v)
                        : e == FLOAT ? CLiterals.intBits(v.intValue()) : CLiterals.longBits(dialect, v.longValue()));
            }
            sb.append("/* ").append(CNames.commentText(c.origin())).append(": a snapshot of its ").append(c.length())
                    .append(" value(s) */\n");
            String values = wrap(literals);
            if (finite) {
                sb.append(constantArrayQualifier()).append(' ').append(dialect.scalarType(e)).append(' ').append(name)
                        .append('[').append(length).append("] = {").append(values).append("};\n\n");
                constantNames.put(c.id(), name);
            } else {
                Scalar bits = e == FLOAT ? INT : LONG;
                sb.append(constantArrayQualifier()).append(" union { ").append(dialect.scalarType(bits)).append(" bits[")
                        .append(length).append("]; ").append(dialect.scalarType(e)).append(" values[").append(length)
                        .append("]; } ").append(name).append(" = {{").append(values).append("}};\n\n");
                constantNames.put(c.id(), name + ".values");
            }
        }
        return sb.toString();
    }

    /** Comma-separated, eight to a line. */
    private static String wrap(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(i % 8 == 0 ? ",\n    " : ", ");
            } else if (items.size() > 8) {
                sb.append("\n    ");
            }
            sb.append(items.get(i));
        }
        if (items.size() > 8) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private boolean callsHidden(IrFunction f) {
        for (Block b : f.blocks()) {
            for (Stmt s : b.statements()) {
                if (s instanceof Stmt.Call c && hidden.contains(c.function())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The IR being emitted. */
    protected final KernelIR kernelIR() {
        return ir;
    }

    /** The function being emitted (the kernel or a device function); only valid while a function is emitted. */
    protected final IrFunction currentFunction() {
        if (fn == null) {
            throw new IllegalStateException("no function is being emitted");
        }
        return fn.f;
    }

    /** Whether the emitted code uses {@code double} (the kernel's FP64 feature, or a helper or conversion the emitter chose). */
    protected final boolean usesDouble() {
        return doubleUsed;
    }

    /** Records that the emitted code uses {@code double}, e.g. for a division done in double precision. */
    protected final void markDoubleUsed() {
        doubleUsed = true;
    }

    /** Marks {@code helper} as used and returns its function name. */
    protected final String use(Helper helper) {
        helpers.add(helper);
        if (helper.needsDouble()) {
            doubleUsed = true;
        }
        return helper.functionName();
    }

    /** The helpers used so far. */
    protected final Set<Helper> usedHelpers() {
        return helpers.clone();
    }

    /**
     * Adds a dialect helper function (emitted once, after the Java helpers, in first-use order)
     * and returns {@code name}. Names must start with {@link CNames#RESERVED_PREFIX}.
     */
    protected final String requireHelper(String name, String definition) {
        if (!name.startsWith(CNames.RESERVED_PREFIX)) {
            throw new IllegalArgumentException("helper name " + name + " must start with " + CNames.RESERVED_PREFIX);
        }
        extraHelpers.putIfAbsent(name, definition);
        return name;
    }

    // ------------------------------------------------------------------------------------------
    // Functions

    /** Per-function state. */
    private static final class Fn {
        final IrFunction f;
        final Map<Integer, String> names = new HashMap<>();
        final Map<Integer, String> lengths = new HashMap<>();
        final Map<Integer, LocalArrayDecl> localArrays = new HashMap<>();
        final Map<Integer, String> localArrayNames = new HashMap<>();
        final Map<Integer, PrivateArrayDecl> privateArrays = new HashMap<>();
        final Map<Integer, String> privateArrayNames = new HashMap<>();
        String flag; // the flag lvalue, or null when the function has none
        String flagPointer; // what to pass to a callee's jdc_failed parameter
        String record; // the record pointer, or null
        boolean dispatch; // blocks are cases of a dispatch loop (no goto)
        Block block;

        Fn(IrFunction f) {
            this.f = f;
        }
    }

    private void emitFunction(IrFunction f, String cName, CWriter out, List<KernelParameter> kernelParameters) {
        fn = new Fn(f);
        CNameScope scope = new CNameScope(dialect);
        scope.claim(RECORD);
        scope.claim(FLAG);
        boolean isKernel = kernelParameters != null;
        if (!isKernel && f.returnType() instanceof IrType.Array) {
            throw fail("returns an array (" + f.returnType() + "); device functions return primitives or void");
        }
        List<String> params = new ArrayList<>();
        for (Var p : f.parameters()) {
            String name = scope.declare(p.name());
            fn.names.put(p.id(), name);
            switch (p.type()) {
                case IrType.Prim prim -> {
                    if (isKernel) {
                        kernelParameters.add(new KernelParameter.ScalarParameter(name, kernelParameters.size(), prim.scalar()));
                    } else {
                        params.add(dialect.scalarType(prim.scalar()) + " " + name);
                    }
                }
                case IrType.Array array -> {
                    String length = scope.declare(p.name() + "_len");
                    fn.lengths.put(p.id(), length);
                    if (isKernel) {
                        if (array.space() != AddressSpace.GLOBAL) {
                            throw fail("kernel parameter " + p.name() + " is a " + array + "; kernel arrays live in global memory");
                        }
                        kernelParameters.add(new KernelParameter.ArrayParameter(name, kernelParameters.size(), array.element()));
                        kernelParameters.add(new KernelParameter.LengthParameter(length, kernelParameters.size(), name));
                    } else {
                        params.add(pointerType(array.element(), array.space()) + " " + name);
                        params.add(dialect.scalarType(INT) + " " + length);
                    }
                }
                case IrType.Void v -> throw fail("parameter " + p.name() + " is void");
            }
        }
        boolean hasHidden = !isKernel && hidden.contains(f.name());
        if (isKernel) {
            kernelParameters.add(new KernelParameter.ErrorRecordParameter(RECORD, kernelParameters.size()));
            fn.record = RECORD;
            boolean needsFlag = (f.failureMode() == FailureMode.CONTINUE && f.mayFail()) || callsHidden(f);
            if (needsFlag) {
                fn.flag = FLAG;
                fn.flagPointer = "&" + FLAG;
            }
        } else if (hasHidden) {
            params.add(errorRecordPointerType() + " " + RECORD);
            params.add(dialect.privateIntPointer() + " " + FLAG);
            fn.record = RECORD;
            fn.flag = "(*" + FLAG + ")";
            fn.flagPointer = FLAG;
        } else if (f.mayFail()) {
            throw fail("may fail but has no error record"); // cannot happen: mayFail implies hidden
        }
        if (!isKernel) {
            params.addAll(extraDeviceFunctionParameters());
        }

        out.line("/* Java: " + CNames.commentText(f.javaName()) + " */");
        if (isKernel) {
            out.open(kernelSignature(cName, kernelParameters));
            for (String statement : kernelEntryStatements(kernelParameters)) {
                out.line(statement);
            }
        } else {
            out.open(dialect.functionSpecifiers() + " " + typeName(f.returnType()) + " " + cName + "("
                    + (params.isEmpty() ? "void" : String.join(", ", params)) + ")");
        }
        // declarations
        for (LocalArrayDecl la : f.localArrays()) {
            if (fn.localArrays.put(la.id(), la) != null) {
                throw fail("declares local array " + la.id() + " twice");
            }
            String name = CNames.RESERVED_PREFIX + "local" + la.id();
            scope.claim(name);
            fn.localArrayNames.put(la.id(), name);
            out.line(localArrayDeclaration(la.element(), name, la.length()));
        }
        for (PrivateArrayDecl pa : f.privateArrays()) {
            if (fn.privateArrays.put(pa.id(), pa) != null) {
                throw fail("declares private array " + pa.id() + " twice");
            }
            String name = CNames.RESERVED_PREFIX + "priv" + pa.id();
            scope.claim(name);
            fn.privateArrayNames.put(pa.id(), name);
            out.line(privateArrayDeclaration(pa.element(), name, pa.length()));
        }
        for (Var v : f.locals()) {
            if (fn.names.containsKey(v.id())) {
                throw fail("variable id " + v.id() + " (" + v.name() + ") is declared twice");
            }
            String name = scope.declare(v.name());
            fn.names.put(v.id(), name);
            switch (v.type()) {
                case IrType.Prim prim -> out.line(dialect.scalarType(prim.scalar()) + " " + name + " = "
                        + CLiterals.zero(dialect, prim.scalar()) + ";");
                case IrType.Array array -> {
                    String length = scope.declare(v.name() + "_len");
                    fn.lengths.put(v.id(), length);
                    out.line(pointerType(array.element(), array.space()) + " " + name + " = 0;");
                    out.line(dialect.scalarType(INT) + " " + length + " = 0;");
                }
                case IrType.Void t -> throw fail("local " + v.name() + " is void");
            }
        }
        if (isKernel && fn.flag != null) {
            out.line(dialect.scalarType(INT) + " " + FLAG + " = 0;");
        }
        if (isKernel && !f.localArrays().isEmpty()) {
            zeroLocalArrays(f, out);
        }
        // blocks
        List<Block> blocks = f.blocks();
        Set<Integer> ids = new HashSet<>();
        for (Block b : blocks) {
            if (!ids.add(b.id())) {
                throw fail("has two blocks with id " + b.id());
            }
        }
        Set<Integer> targets = new HashSet<>();
        for (int k = 0; k < blocks.size(); k++) {
            Integer next = k + 1 < blocks.size() ? blocks.get(k + 1).id() : null;
            for (int t : jumpTargets(blocks.get(k).terminator(), next)) {
                if (!ids.contains(t)) {
                    fn.block = blocks.get(k);
                    throw fail("jumps to block " + t + ", which does not exist");
                }
                targets.add(t);
            }
        }
        fn.dispatch = !dialect.supportsGoto() && !targets.isEmpty();
        if (fn.dispatch) {
            scope.claim(BLOCK);
            out.line(dialect.scalarType(INT) + " " + BLOCK + " = " + CLiterals.intLiteral(blocks.getFirst().id()) + ";");
            out.open("for (;;)");
            out.open("switch (" + BLOCK + ")");
        }
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            fn.block = b;
            Integer next = k + 1 < blocks.size() ? blocks.get(k + 1).id() : null;
            if (fn.dispatch && (k == 0 || targets.contains(b.id()))) {
                out.label("case " + CLiterals.intLiteral(b.id()));
            } else if (targets.contains(b.id())) {
                out.label(label(b.id()));
            }
            for (Stmt s : b.statements()) {
                emitStatement(s, out);
            }
            emitTerminator(b.terminator(), next, out);
        }
        if (fn.dispatch) {
            out.close();
            out.close();
        }
        out.close();
        fn = null;
    }

    /**
     * Zeroes the kernel's group-local arrays, the work-items of the group sharing the stores (each
     * takes the elements at its linear local id plus multiples of the group size), then waits at a
     * barrier, so that every work-item sees zeroed arrays as Java's {@code ctx.localX(n)} promises.
     * Runs first, before anything can leave the kernel, so every work-item reaches the barrier.
     */
    private void zeroLocalArrays(IrFunction f, CWriter out) {
        String i = dialect.scalarType(INT);
        out.line("/* Java's group-local arrays start zeroed; group-local memory does not. */");
        out.line(i + " jdc_lid = " + workItemExpression(WorkItemQuery.LOCAL_ID, 0) + " + "
                + workItemExpression(WorkItemQuery.LOCAL_SIZE, 0) + " * (" + workItemExpression(WorkItemQuery.LOCAL_ID, 1)
                + " + " + workItemExpression(WorkItemQuery.LOCAL_SIZE, 1) + " * "
                + workItemExpression(WorkItemQuery.LOCAL_ID, 2) + ");");
        out.line(i + " jdc_lsize = " + workItemExpression(WorkItemQuery.LOCAL_SIZE, 0) + " * "
                + workItemExpression(WorkItemQuery.LOCAL_SIZE, 1) + " * " + workItemExpression(WorkItemQuery.LOCAL_SIZE, 2)
                + ";");
        for (LocalArrayDecl la : f.localArrays()) {
            out.line("for (" + i + " jdc_i = jdc_lid; jdc_i < " + la.length() + "; jdc_i += jdc_lsize) { "
                    + fn.localArrayNames.get(la.id()) + "[jdc_i] = 0; }");
        }
        out.line(barrierStatement());
    }

    /** A jump to block {@code target}: {@code goto B3;}, or {@code jdc_block = 3; continue;} in a dispatch loop. */
    private String jump(int target) {
        return fn.dispatch ? BLOCK + " = " + CLiterals.intLiteral(target) + "; continue;" : "goto " + label(target) + ";";
    }

    /** {@link #jump} as the body of an {@code if}: braced when it is two statements. */
    private String conditionalJump(int target) {
        return fn.dispatch ? "{ " + jump(target) + " }" : jump(target);
    }

    /** The label of block {@code id}: {@code B<id>}. */
    protected static String label(int id) {
        return "B" + (id < 0 ? "m" + -(long) id : Integer.toString(id));
    }

    private static List<Integer> jumpTargets(Terminator t, Integer next) {
        return switch (t) {
            case Terminator.Goto g -> Objects.equals(g.target(), next) ? List.of() : List.of(g.target());
            case Terminator.Branch b -> {
                if (b.ifTrue() == b.ifFalse()) {
                    yield Objects.equals(b.ifTrue(), next) ? List.of() : List.of(b.ifTrue());
                }
                if (Objects.equals(b.ifFalse(), next)) {
                    yield List.of(b.ifTrue());
                }
                if (Objects.equals(b.ifTrue(), next)) {
                    yield List.of(b.ifFalse());
                }
                yield List.of(b.ifTrue(), b.ifFalse());
            }
            case Terminator.Switch s -> s.successors();
            case Terminator.Return r -> List.of();
            case Terminator.Throw th -> List.of();
        };
    }

    // ------------------------------------------------------------------------------------------
    // Statements

    private void emitStatement(Stmt s, CWriter out) {
        switch (s) {
            case Stmt.Assign a -> {
                if (a.dst().type() instanceof IrType.Array) {
                    if (!(a.src() instanceof Var src) || !a.src().type().equals(a.dst().type())) {
                        throw fail("assigns " + a.src() + " of type " + a.src().type() + " to array " + a.dst().name()
                                + " of type " + a.dst().type());
                    }
                    out.line(name(a.dst()) + " = " + name(src) + ";");
                    out.line(length(a.dst()) + " = " + length(src) + ";");
                } else {
                    Scalar k = prim(a.dst());
                    requireKind(a.src(), k, "assignment to " + a.dst().name());
                    out.line(name(a.dst()) + " = " + operand(a.src()) + ";");
                }
            }
            case Stmt.Binary b -> {
                Scalar k = prim(b.dst());
                requireKind(b.a(), k, b.op() + " operand a");
                requireKind(b.b(), b.op().isShift() ? INT : k, b.op() + " operand b");
                if (b.op().integralOnly() && !k.isIntegral()) {
                    throw fail(b.op() + " on " + k);
                }
                out.line(name(b.dst()) + " = " + binaryExpression(b.op(), k, b.a(), b.b()) + ";");
            }
            case Stmt.Negate n -> {
                Scalar k = prim(n.dst());
                requireKind(n.a(), k, "negation");
                out.line(name(n.dst()) + " = " + negateExpression(k, n.a()) + ";");
            }
            case Stmt.Convert c -> {
                requireKind(c.a(), c.from().stackKind(), "conversion from " + c.from());
                Scalar expected = c.to().stackKind();
                if (prim(c.dst()) != expected) {
                    throw fail("converts to " + c.to() + " into " + c.dst().name() + " of type " + c.dst().type());
                }
                out.line(name(c.dst()) + " = " + convertExpression(c.from(), c.to(), c.a()) + ";");
            }
            case Stmt.Compare3 c -> {
                if (prim(c.dst()) != INT) {
                    throw fail("stores a three-way comparison in " + c.dst().name() + " of type " + c.dst().type());
                }
                Scalar k = scalarOf(c.a());
                requireKind(c.b(), k, "three-way comparison");
                out.line(name(c.dst()) + " = " + compare3Expression(k, c.a(), c.b(), c.nanResult()) + ";");
            }
            case Stmt.Load l -> {
                IrType.Array array = array(l.array());
                requireKind(l.index(), INT, "array index");
                if (prim(l.dst()) != array.element().stackKind()) {
                    throw fail("loads a " + array.element() + " into " + l.dst().name() + " of type " + l.dst().type());
                }
                String load = loadExpression(array.element(), name(l.array()), operand(l.index()));
                out.line(name(l.dst()) + " = " + suppressed(load, array.element()) + ";");
            }
            case Stmt.Store st -> {
                IrType.Array array = array(st.array());
                if (array.space() == AddressSpace.CONSTANT) {
                    throw fail("stores into the constant table " + st.array().name());
                }
                requireKind(st.index(), INT, "array index");
                requireKind(st.value(), array.element().stackKind(), "stored value");
                String store = name(st.array()) + "[" + operand(st.index()) + "] = "
                        + storeExpression(array.element(), st.value()) + ";";
                out.line(suppressing() ? "if (!" + fn.flag + ") " + "{ " + store + " }" : store);
            }
            case Stmt.Length l -> {
                array(l.array());
                if (prim(l.dst()) != INT) {
                    throw fail("stores an array length in " + l.dst().name() + " of type " + l.dst().type());
                }
                out.line(name(l.dst()) + " = " + length(l.array()) + ";");
            }
            case Stmt.CheckIndex ci -> {
                array(ci.array());
                requireKind(ci.index(), INT, "checked index");
                String u = dialect.unsignedType(INT);
                String condition = "(" + u + ")" + operand(ci.index()) + " >= (" + u + ")" + length(ci.array());
                emitFailure(ci.siteId(), condition, List.of(INT, INT), List.of(operand(ci.index()), length(ci.array())),
                        out);
            }
            case Stmt.CheckDivisor cd -> {
                Scalar k = scalarOf(cd.divisor());
                if (k != INT && k != LONG) {
                    throw fail("checks a " + k + " divisor");
                }
                emitFailure(cd.siteId(), operand(cd.divisor()) + " == 0", List.of(), List.of(), out);
            }
            case Stmt.Call c -> emitCall(c, out);
            case Stmt.Intrinsic in -> {
                for (int k = 0; k < in.args().size(); k++) {
                    requireKind(in.args().get(k), in.op().parameters().get(k), in.op() + " argument " + k);
                }
                if (prim(in.dst()) != in.op().result()) {
                    throw fail(in.op() + " yields " + in.op().result() + ", stored in " + in.dst().name() + " of type "
                            + in.dst().type());
                }
                out.line(name(in.dst()) + " = " + intrinsicExpression(in.op(), in.args()) + ";");
            }
            case Stmt.WorkItem w -> {
                if (prim(w.dst()) != INT) {
                    throw fail("stores " + w.query() + " in " + w.dst().name() + " of type " + w.dst().type());
                }
                out.line(name(w.dst()) + " = " + workItemExpression(w.query(), w.dimension()) + ";");
            }
            case Stmt.Barrier b -> out.line(barrierStatement());
            case Stmt.LocalArray la -> {
                LocalArrayDecl decl = fn.localArrays.get(la.arrayId());
                if (decl == null) {
                    throw fail("uses local array " + la.arrayId() + ", which the kernel does not declare");
                }
                IrType.Array type = array(la.dst());
                if (type.element() != decl.element() || type.space() != AddressSpace.LOCAL) {
                    throw fail("stores local array " + la.arrayId() + " (" + decl.element() + "[" + decl.length()
                            + "]) in " + la.dst().name() + " of type " + la.dst().type());
                }
                out.line(name(la.dst()) + " = " + fn.localArrayNames.get(la.arrayId()) + ";");
                out.line(length(la.dst()) + " = " + decl.length() + ";");
            }
            case Stmt.ConstantArray ca -> {
                String table = constantNames.get(ca.arrayId());
                if (table == null) {
                    throw fail("uses constant array " + ca.arrayId() + ", which the kernel does not declare");
                }
                ConstantArrayDecl decl = ir.constantArrays().get(ca.arrayId());
                if (!array(ca.dst()).equals(decl.type())) {
                    throw fail("stores constant array " + ca.arrayId() + " (" + decl.type() + ") in " + ca.dst().name()
                            + " of type " + ca.dst().type());
                }
                out.line(name(ca.dst()) + " = " + table + ";");
                out.line(length(ca.dst()) + " = " + decl.length() + ";");
            }
            case Stmt.PrivateArray pa -> {
                PrivateArrayDecl decl = fn.privateArrays.get(pa.arrayId());
                if (decl == null) {
                    throw fail("uses private array " + pa.arrayId() + ", which " + fn.f.name() + " does not declare");
                }
                if (!array(pa.dst()).equals(decl.type())) {
                    throw fail("stores private array " + pa.arrayId() + " (" + decl.type() + ") in " + pa.dst().name()
                            + " of type " + pa.dst().type());
                }
                String storage = fn.privateArrayNames.get(pa.arrayId());
                String i = dialect.scalarType(INT);
                out.line("for (" + i + " jdc_i = 0; jdc_i < " + decl.length() + "; jdc_i++) { " + storage
                        + "[jdc_i] = 0; }");
                out.line(name(pa.dst()) + " = " + storage + ";");
                out.line(length(pa.dst()) + " = " + decl.length() + ";");
            }
            case Stmt.Atomic at -> {
                IrType.Array type = array(at.array());
                if (type.space() == AddressSpace.CONSTANT || type.space() == AddressSpace.PRIVATE) {
                    throw fail("atomic " + at.op() + " on the " + type + " array " + at.array().name());
                }
                requireKind(at.index(), INT, "atomic index");
                Scalar e = type.element();
                boolean ok = switch (at.op()) {
                    case ADD -> e == INT || e == LONG || e == FLOAT;
                    case MIN, MAX, CAS -> e == INT || e == LONG;
                };
                if (!ok) {
                    throw fail("atomic " + at.op() + " on a " + e + " array");
                }
                List<String> ops = new ArrayList<>();
                for (Operand o : at.operands()) {
                    requireKind(o, e, "atomic operand");
                    ops.add(operand(o));
                }
                Scalar result = at.op() == AtomicOp.CAS ? INT : e;
                if (prim(at.dst()) != result) {
                    throw fail("atomic " + at.op() + " yields " + result + ", stored in " + at.dst().name());
                }
                String expr = atomicExpression(at.op(), e, type.space(), name(at.array()), operand(at.index()), ops);
                out.line(name(at.dst()) + " = " + suppressed(expr, result) + ";");
            }
            case Stmt.ReportFailure rf -> {
                if (fn.f.failureMode() != FailureMode.CONTINUE) {
                    throw fail("reports a failure with ReportFailure, which only CONTINUE functions may do");
                }
                emitFailure(rf.siteId(), null, kinds(rf.values()), operands(rf.values()), out);
            }
        }
    }

    private boolean suppressing() {
        return fn.f.failureMode() == FailureMode.CONTINUE && fn.flag != null;
    }

    private String suppressed(String expression, Scalar kind) {
        return suppressing() ? fn.flag + " ? " + CLiterals.zero(dialect, kind) + " : " + expression : expression;
    }

    private void emitCall(Stmt.Call c, CWriter out) {
        IrFunction callee = functions.get(c.function());
        if (callee == null) {
            throw fail("calls " + c.function() + ", which is not among the kernel's device functions (callees must come first)");
        }
        if (c.args().size() != callee.parameters().size()) {
            throw fail("calls " + c.function() + " with " + c.args().size() + " argument(s); it takes "
                    + callee.parameters().size());
        }
        List<String> args = new ArrayList<>();
        for (int k = 0; k < c.args().size(); k++) {
            Operand a = c.args().get(k);
            IrType expected = callee.parameters().get(k).type();
            if (!a.type().equals(expected)) {
                throw fail("passes " + a + " of type " + a.type() + " as argument " + k + " of " + c.function()
                        + ", which takes " + expected);
            }
            if (expected instanceof IrType.Array) {
                Var v = (Var) a;
                args.add(name(v));
                args.add(length(v));
            } else {
                args.add(operand(a));
            }
        }
        if (hidden.contains(callee.name())) {
            if (fn.record == null || fn.flagPointer == null) {
                throw fail("calls " + c.function() + ", which needs the error record, without having one");
            }
            args.add(fn.record);
            args.add(fn.flagPointer);
        }
        args.addAll(extraCallArguments());
        String call = functionNames.get(callee.name()) + "(" + String.join(", ", args) + ")";
        Optional<Var> dst = c.dst();
        if (dst.isPresent() && !dst.get().type().equals(callee.returnType())) {
            throw fail("stores the " + callee.returnType() + " result of " + c.function() + " in " + dst.get().name()
                    + " of type " + dst.get().type());
        }
        boolean skipWhenFailed = suppressing() && callee.failureMode() == FailureMode.RETURN;
        if (skipWhenFailed) {
            if (dst.isPresent()) {
                out.line(name(dst.get()) + " = " + fn.flag + " ? " + CLiterals.zero(dialect, prim(dst.get())) + " : "
                        + call + ";");
            } else {
                out.line("if (!" + fn.flag + ") { " + call + "; }");
            }
            return;
        }
        out.line(dst.map(v -> name(v) + " = ").orElse("") + call + ";");
        if (callee.mayFail() && fn.f.failureMode() == FailureMode.RETURN) {
            out.open("if (" + fn.flag + ")");
            out.line(returnStatement());
            out.close();
        }
    }

    /**
     * Emits a failure: in RETURN mode {@code if (condition) { claim; leave }}, in CONTINUE mode
     * {@code if (!flag && condition) { claim; flag = 1; }}.
     */
    private void emitFailure(int siteId, String condition, List<Scalar> values, List<String> valueExprs, CWriter out) {
        List<DeviceErrorSite> sites = ir.sites();
        if (siteId < 0 || siteId >= sites.size()) {
            throw fail("records site " + siteId + ", outside the site table of " + sites.size() + " site(s)");
        }
        DeviceErrorSite site = sites.get(siteId);
        if (values.size() != site.dynamicValueCount()) {
            throw fail("records " + values.size() + " value(s) for site " + siteId + " (" + site.exceptionClass()
                    + " at " + site.sourceFile() + ":" + site.sourceLine() + "), which takes " + site.dynamicValueCount());
        }
        if (values.size() > ErrorRecord.MAX_VALUES) {
            throw fail("records " + values.size() + " values; the error record holds " + ErrorRecord.MAX_VALUES);
        }
        if (fn.record == null) {
            throw fail("records a failure but has no error record (is mayFail set?)");
        }
        claimUsed = true;
        boolean cont = fn.f.failureMode() == FailureMode.CONTINUE;
        if (cont && fn.flag == null) {
            throw fail("is a CONTINUE function that records a failure without a failure flag (is mayFail set?)");
        }
        String guard = cont ? (condition == null ? "!" + fn.flag : "!" + fn.flag + " && " + condition) : condition;
        if (guard != null) {
            out.open("if (" + guard + ")");
        }
        out.line("/* site " + siteId + ": " + CNames.commentText(site.exceptionClass() + " at " + site.sourceFile() + ":"
                + site.sourceLine()) + " */");
        if (values.isEmpty()) {
            out.line(claimCall(fn.record, siteId) + ";");
        } else {
            out.open("if (" + claimCall(fn.record, siteId) + ")");
            for (int k = 0; k < values.size(); k++) {
                out.line(fn.record + "->values[" + k + "] = " + encodeValue(values.get(k), valueExprs.get(k)) + ";");
            }
            out.close();
        }
        if (cont) {
            out.line(fn.flag + " = 1;");
        } else {
            if (!fn.f.kernel()) {
                out.line(fn.flag + " = 1;");
            }
            out.line(returnStatement());
        }
        if (guard != null) {
            out.close();
        }
    }

    private List<Scalar> kinds(List<Operand> operands) {
        List<Scalar> kinds = new ArrayList<>();
        for (Operand o : operands) {
            kinds.add(scalarOf(o));
        }
        return kinds;
    }

    private List<String> operands(List<Operand> operands) {
        List<String> exprs = new ArrayList<>();
        for (Operand o : operands) {
            exprs.add(operand(o));
        }
        return exprs;
    }

    /** A dynamic value as the record's raw 64 bits (see {@code org.jdotcompute.spi.device}). */
    protected String encodeValue(Scalar kind, String expression) {
        String l = dialect.scalarType(LONG);
        return switch (kind) {
            case INT -> "(" + l + ")" + expression;
            case LONG -> expression;
            case FLOAT -> "(" + l + ")" + dialect.bitcast(FLOAT, INT, expression);
            case DOUBLE -> dialect.bitcast(DOUBLE, LONG, expression);
            default -> throw new AssertionError(kind);
        };
    }

    private String returnStatement() {
        IrType r = fn.f.returnType();
        if (r instanceof IrType.Prim p) {
            return "return " + CLiterals.zero(dialect, p.scalar()) + ";";
        }
        return "return;";
    }

    // ------------------------------------------------------------------------------------------
    // Terminators

    private void emitTerminator(Terminator t, Integer next, CWriter out) {
        switch (t) {
            case Terminator.Goto g -> {
                if (!Objects.equals(g.target(), next)) {
                    out.line(jump(g.target()));
                }
            }
            case Terminator.Branch b -> {
                Scalar k = scalarOf(b.a());
                requireKind(b.b(), k, "comparison");
                String cond = operand(b.a()) + " " + b.op().symbol() + " " + operand(b.b());
                if (b.ifTrue() == b.ifFalse()) {
                    if (!Objects.equals(b.ifTrue(), next)) {
                        out.line(jump(b.ifTrue()));
                    }
                } else if (Objects.equals(b.ifFalse(), next)) {
                    out.line("if (" + cond + ") " + conditionalJump(b.ifTrue()));
                } else if (Objects.equals(b.ifTrue(), next)) {
                    out.line("if (!(" + cond + ")) " + conditionalJump(b.ifFalse()));
                } else {
                    out.line("if (" + cond + ") " + conditionalJump(b.ifTrue()));
                    out.line(jump(b.ifFalse()));
                }
            }
            case Terminator.Switch s -> {
                requireKind(s.key(), INT, "switch key");
                out.open("switch (" + operand(s.key()) + ")");
                Set<Integer> keys = new HashSet<>();
                for (Terminator.Switch.Case c : s.cases()) {
                    if (!keys.add(c.key())) {
                        throw fail("has two switch cases for key " + c.key());
                    }
                    out.line("case " + CLiterals.intLiteral(c.key()) + ": " + jump(c.target()));
                }
                out.line("default: " + jump(s.defaultTarget()));
                out.close();
            }
            case Terminator.Return r -> {
                IrType type = fn.f.returnType();
                if (r.value().isPresent()) {
                    if (!(type instanceof IrType.Prim p)) {
                        throw fail("returns a value from a void function");
                    }
                    requireKind(r.value().get(), p.scalar(), "return value");
                    out.line("return " + operand(r.value().get()) + ";");
                } else {
                    if (!(type instanceof IrType.Void)) {
                        throw fail("returns no value from a function returning " + type);
                    }
                    out.line("return;");
                }
            }
            case Terminator.Throw th -> {
                if (fn.f.failureMode() != FailureMode.RETURN) {
                    throw fail("ends with Throw, which CONTINUE functions may not do (use ReportFailure and a jump)");
                }
                emitFailure(th.siteId(), null, kinds(th.values()), operands(th.values()), out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Expressions (overridable)

    /** An operand: a variable's C name or an exact literal. */
    protected String operand(Operand o) {
        return switch (o) {
            case Var v -> {
                if (v.type() instanceof IrType.Array) {
                    throw fail("uses array " + v.name() + " as a value");
                }
                yield name(v);
            }
            case Const c -> CLiterals.of(dialect, c);
        };
    }

    /** {@code (unsigned)operand}, for wrapping arithmetic. */
    protected String unsigned(Scalar kind, Operand o) {
        return "(" + dialect.unsignedType(kind) + ")" + operand(o);
    }

    /** {@code a op b} with Java semantics; {@code kind} is the operands' (and result's) stack kind. */
    protected String binaryExpression(BinaryOp op, Scalar kind, Operand a, Operand b) {
        String t = dialect.scalarType(kind);
        if (kind == FLOAT || kind == DOUBLE) {
            return switch (op) {
                case ADD -> operand(a) + " + " + operand(b);
                case SUB -> operand(a) + " - " + operand(b);
                case MUL -> operand(a) + " * " + operand(b);
                case DIV -> operand(a) + " / " + operand(b);
                case REM -> dialect.mathFunction("fmod", kind) + "(" + operand(a) + ", " + operand(b) + ")";
                default -> throw fail(op + " on " + kind);
            };
        }
        int bits = kind == LONG ? 64 : 32;
        return switch (op) {
            case ADD -> "(" + t + ")(" + unsigned(kind, a) + " + " + unsigned(kind, b) + ")";
            case SUB -> "(" + t + ")(" + unsigned(kind, a) + " - " + unsigned(kind, b) + ")";
            case MUL -> "(" + t + ")(" + unsigned(kind, a) + " * " + unsigned(kind, b) + ")";
            case DIV -> safeDivisor(b) ? operand(a) + " / " + operand(b)
                    : use(kind == LONG ? Helper.LDIV : Helper.IDIV) + "(" + operand(a) + ", " + operand(b) + ")";
            case REM -> safeDivisor(b) ? operand(a) + " % " + operand(b)
                    : use(kind == LONG ? Helper.LREM : Helper.IREM) + "(" + operand(a) + ", " + operand(b) + ")";
            case AND -> operand(a) + " & " + operand(b);
            case OR -> operand(a) + " | " + operand(b);
            case XOR -> operand(a) + " ^ " + operand(b);
            case SHL -> "(" + t + ")(" + unsigned(kind, a) + " << " + shiftCount(b, bits) + ")";
            case SHR -> operand(a) + " >> " + shiftCount(b, bits);
            case USHR -> "(" + t + ")(" + unsigned(kind, a) + " >> " + shiftCount(b, bits) + ")";
        };
    }

    private static boolean safeDivisor(Operand b) {
        return b instanceof Const c && c.bits() != 0 && c.bits() != -1;
    }

    private String shiftCount(Operand count, int bits) {
        if (count instanceof Const c) {
            return Integer.toString(c.intValue() & (bits - 1));
        }
        return "(" + operand(count) + " & " + (bits - 1) + ")";
    }

    /** {@code -a}: wrapping for integers, a sign flip for floats. */
    protected String negateExpression(Scalar kind, Operand a) {
        if (kind.isFloating()) {
            return "-" + operand(a);
        }
        return "(" + dialect.scalarType(kind) + ")-" + unsigned(kind, a);
    }

    /** Java's conversion of {@code a} from {@code from} to {@code to}; see {@link Stmt.Convert}. */
    protected String convertExpression(Scalar from, Scalar to, Operand a) {
        String x = operand(a);
        if (from == to) {
            return x;
        }
        return switch (from) {
            case INT -> switch (to) {
                case BYTE, CHAR, SHORT -> "(" + dialect.scalarType(INT) + ")(" + dialect.scalarType(to) + ")" + x;
                case LONG, FLOAT, DOUBLE -> "(" + dialect.scalarType(to) + ")" + x;
                default -> throw fail("converts INT to " + to);
            };
            case LONG -> switch (to) {
                case INT, FLOAT, DOUBLE -> "(" + dialect.scalarType(to) + ")" + x;
                default -> throw fail("converts LONG to " + to);
            };
            case FLOAT -> switch (to) {
                case INT -> use(Helper.F2I) + "(" + x + ")";
                case LONG -> use(Helper.F2L) + "(" + x + ")";
                case DOUBLE -> "(" + dialect.scalarType(DOUBLE) + ")" + x;
                default -> throw fail("converts FLOAT to " + to);
            };
            case DOUBLE -> switch (to) {
                case INT -> use(Helper.D2I) + "(" + x + ")";
                case LONG -> use(Helper.D2L) + "(" + x + ")";
                case FLOAT -> "(" + dialect.scalarType(FLOAT) + ")" + x;
                default -> throw fail("converts DOUBLE to " + to);
            };
            default -> throw fail("converts from " + from + ", which is not a stack kind");
        };
    }

    /** {@code a < b ? -1 : a == b ? 0 : a > b ? 1 : nanResult}. */
    protected String compare3Expression(Scalar kind, Operand a, Operand b, int nanResult) {
        String x = operand(a);
        String y = operand(b);
        if (kind.isIntegral()) {
            return "(" + x + " < " + y + " ? -1 : (" + x + " == " + y + " ? 0 : 1))";
        }
        return "(" + x + " < " + y + " ? -1 : (" + x + " == " + y + " ? 0 : (" + x + " > " + y + " ? 1 : "
                + CLiterals.intLiteral(nanResult) + ")))";
    }

    /** A load of {@code array[index]} widened to its stack kind (sub-int elements sign- or zero-extend by their C type). */
    protected String loadExpression(Scalar element, String array, String index) {
        String access = array + "[" + index + "]";
        return switch (element) {
            case BOOLEAN, BYTE, CHAR, SHORT -> "(" + dialect.scalarType(INT) + ")" + access;
            default -> access;
        };
    }

    /** {@code value} narrowed to an array element of {@code element}: booleans keep bit 0, like the JVM's {@code bastore}. */
    protected String storeExpression(Scalar element, Operand value) {
        String v = operand(value);
        return switch (element) {
            case BOOLEAN -> "(" + dialect.scalarType(Scalar.BOOLEAN) + ")(" + v + " & 1)";
            case BYTE, CHAR, SHORT -> "(" + dialect.scalarType(element) + ")" + v;
            default -> v;
        };
    }

    /** A call of the C99 math function {@code name} with {@code args} of {@code kind}. */
    protected String math(String name, Scalar kind, List<Operand> args) {
        List<String> a = new ArrayList<>();
        for (Operand o : args) {
            a.add(operand(o));
        }
        return dialect.mathFunction(name, kind) + "(" + String.join(", ", a) + ")";
    }

    /** {@code op(args)} with Java's semantics; see {@link IntrinsicOp}. */
    protected String intrinsicExpression(IntrinsicOp op, List<Operand> args) {
        Operand a = args.getFirst();
        String x = operand(a);
        String y = args.size() > 1 ? operand(args.get(1)) : "";
        String i = dialect.scalarType(INT);
        String u = dialect.unsignedType(INT);
        String l = dialect.scalarType(LONG);
        String ul = dialect.unsignedType(LONG);
        return switch (op) {
            case SIN -> math("sin", DOUBLE, args);
            case COS -> math("cos", DOUBLE, args);
            case TAN -> math("tan", DOUBLE, args);
            case ASIN -> math("asin", DOUBLE, args);
            case ACOS -> math("acos", DOUBLE, args);
            case ATAN -> math("atan", DOUBLE, args);
            case ATAN2 -> math("atan2", DOUBLE, args);
            case SINH -> math("sinh", DOUBLE, args);
            case COSH -> math("cosh", DOUBLE, args);
            case TANH -> math("tanh", DOUBLE, args);
            case EXP -> math("exp", DOUBLE, args);
            case EXPM1 -> math("expm1", DOUBLE, args);
            case LOG -> math("log", DOUBLE, args);
            case LOG10 -> math("log10", DOUBLE, args);
            case LOG1P -> math("log1p", DOUBLE, args);
            case CBRT -> math("cbrt", DOUBLE, args);
            case POW -> use(Helper.POW) + "(" + x + ", " + y + ")";
            case HYPOT -> math("hypot", DOUBLE, args);
            case SQRT -> math("sqrt", DOUBLE, args);
            case FLOOR -> math("floor", DOUBLE, args);
            case CEIL -> math("ceil", DOUBLE, args);
            case RINT -> math("rint", DOUBLE, args);
            case ROUND_D -> use(Helper.ROUNDD) + "(" + x + ")";
            case ROUND_F -> use(Helper.ROUNDF) + "(" + x + ")";
            case FMA_D -> math("fma", DOUBLE, args);
            case FMA_F -> math("fma", FLOAT, args);
            case ABS_I -> "(" + x + " < 0 ? (" + i + ")-(" + u + ")" + x + " : " + x + ")";
            case ABS_L -> "(" + x + " < 0 ? (" + l + ")-(" + ul + ")" + x + " : " + x + ")";
            case ABS_F -> dialect.bitcast(INT, FLOAT, "(" + dialect.bitcast(FLOAT, INT, x) + " & 0x7fffffff)");
            case ABS_D -> dialect.bitcast(LONG, DOUBLE, "(" + dialect.bitcast(DOUBLE, LONG, x) + " & "
                    + CLiterals.longBits(dialect, Long.MAX_VALUE) + ")");
            case MIN_I, MIN_L -> "(" + x + " <= " + y + " ? " + x + " : " + y + ")";
            case MAX_I, MAX_L -> "(" + x + " >= " + y + " ? " + x + " : " + y + ")";
            case MIN_F -> use(Helper.FMIN) + "(" + x + ", " + y + ")";
            case MAX_F -> use(Helper.FMAX) + "(" + x + ", " + y + ")";
            case MIN_D -> use(Helper.DMIN) + "(" + x + ", " + y + ")";
            case MAX_D -> use(Helper.DMAX) + "(" + x + ", " + y + ")";
            case SIGNUM_F -> use(Helper.FSIGNUM) + "(" + x + ")";
            case SIGNUM_D -> use(Helper.DSIGNUM) + "(" + x + ")";
            case COPY_SIGN_F -> dialect.bitcast(INT, FLOAT, "((" + dialect.bitcast(FLOAT, INT, x) + " & 0x7fffffff) | ("
                    + dialect.bitcast(FLOAT, INT, y) + " & " + CLiterals.intBits(Integer.MIN_VALUE) + "))");
            case COPY_SIGN_D -> dialect.bitcast(LONG, DOUBLE, "((" + dialect.bitcast(DOUBLE, LONG, x) + " & "
                    + CLiterals.longBits(dialect, Long.MAX_VALUE) + ") | (" + dialect.bitcast(DOUBLE, LONG, y) + " & "
                    + CLiterals.longBits(dialect, Long.MIN_VALUE) + "))");
            case FLOAT_TO_RAW_INT_BITS -> dialect.bitcast(FLOAT, INT, x);
            case FLOAT_TO_INT_BITS -> "(" + x + " != " + x + " ? 0x7fc00000 : " + dialect.bitcast(FLOAT, INT, x) + ")";
            case INT_BITS_TO_FLOAT -> dialect.bitcast(INT, FLOAT, x);
            case DOUBLE_TO_RAW_LONG_BITS -> dialect.bitcast(DOUBLE, LONG, x);
            case DOUBLE_TO_LONG_BITS -> "(" + x + " != " + x + " ? " + CLiterals.longBits(dialect, 0x7ff8000000000000L)
                    + " : " + dialect.bitcast(DOUBLE, LONG, x) + ")";
            case LONG_BITS_TO_DOUBLE -> dialect.bitcast(LONG, DOUBLE, x);
            case BIT_COUNT_I -> use(Helper.POPCOUNT32) + "(" + x + ")";
            case BIT_COUNT_L -> use(Helper.POPCOUNT64) + "(" + x + ")";
            case LEADING_ZEROS_I -> use(Helper.CLZ32) + "(" + x + ")";
            case LEADING_ZEROS_L -> use(Helper.CLZ64) + "(" + x + ")";
            case TRAILING_ZEROS_I -> use(Helper.CTZ32) + "(" + x + ")";
            case TRAILING_ZEROS_L -> use(Helper.CTZ64) + "(" + x + ")";
            case IS_NAN_F, IS_NAN_D -> "(" + x + " != " + x + " ? 1 : 0)";
            case IS_INFINITE_F -> "((" + dialect.bitcast(FLOAT, INT, x) + " & 0x7fffffff) == 0x7f800000 ? 1 : 0)";
            case IS_INFINITE_D -> "((" + dialect.bitcast(DOUBLE, LONG, x) + " & " + CLiterals.longBits(dialect, Long.MAX_VALUE)
                    + ") == " + CLiterals.longBits(dialect, 0x7ff0000000000000L) + " ? 1 : 0)";
        };
    }

    // ------------------------------------------------------------------------------------------
    // Names and types

    /** The C type of an IR type. */
    protected String typeName(IrType type) {
        return switch (type) {
            case IrType.Prim p -> dialect.scalarType(p.scalar());
            case IrType.Array a -> pointerType(a.element(), a.space());
            case IrType.Void v -> "void";
        };
    }

    /** The C name of variable {@code v} in the function being emitted. */
    protected final String name(Var v) {
        String n = fn.names.get(v.id());
        if (n == null) {
            throw fail("uses variable " + v.name() + " (id " + v.id() + "), which is neither a parameter nor a local");
        }
        return n;
    }

    /** The C name of the hidden length of array variable {@code v}. */
    protected final String length(Var v) {
        String n = fn.lengths.get(v.id());
        if (n == null) {
            throw fail("uses the length of " + v.name() + ", which is not an array variable");
        }
        return n;
    }

    private Scalar prim(Var v) {
        if (!(v.type() instanceof IrType.Prim p)) {
            throw fail("needs a primitive variable but " + v.name() + " is " + v.type());
        }
        name(v); // declared?
        return p.scalar();
    }

    private IrType.Array array(Var v) {
        if (!(v.type() instanceof IrType.Array a)) {
            throw fail("needs an array but " + v.name() + " is " + v.type());
        }
        name(v);
        return a;
    }

    private Scalar scalarOf(Operand o) {
        if (!(o.type() instanceof IrType.Prim p)) {
            throw fail("needs a primitive operand but " + o + " is " + o.type());
        }
        return p.scalar();
    }

    private void requireKind(Operand o, Scalar kind, String what) {
        Scalar actual = scalarOf(o);
        if (actual != kind) {
            throw fail("has " + what + " " + o + " of type " + o.type() + " where " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " is required");
        }
    }

    /** An {@link IllegalArgumentException} naming the function and block being emitted. */
    protected final IllegalArgumentException fail(String what) {
        String where = fn == null ? "kernel " + (ir == null ? "?" : ir.kernelName())
                : "function " + fn.f.name() + (fn.block == null ? "" : " block " + fn.block.id());
        return new IllegalArgumentException(dialect.name() + " emitter: " + where + " " + what);
    }
}
