package org.jdotcompute.spi.compiler;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.MethodParameterInfo;
import java.lang.classfile.attribute.MethodParametersAttribute;
import java.lang.classfile.Attributes;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LocalVariable;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.NopInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.DeviceErrorSite.Argument;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import org.jdotcompute.spi.device.ErrorRecord;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.CompareOp;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.ConstantArrayDecl;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.PrivateArrayDecl;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Translates one method's bytecode into a {@link RawFunction}: splits it into basic blocks at
 * branch targets, infers the type of every local and stack slot by abstract interpretation
 * (re-translating a block whenever its entry state changes, until a fixpoint), and emits
 * three-address statements. Stack values live in one variable per (depth, type) at block
 * boundaries; within a block they are tracked symbolically, so most loads cost no copy. Not
 * thread-safe; one instance per function of one translation.
 */
final class FunctionTranslator {
    static final String CONTEXT = "org/jdotcompute/api/KernelContext";
    static final String ATOMICS = "org/jdotcompute/api/Atomics";
    /** The largest array a kernel or device function may allocate with {@code new}, in bytes. */
    static final int MAX_PRIVATE_ARRAY_BYTES = 8192;
    private static final String STRING_DESC = "Ljava/lang/String;";
    private static final String CONTEXT_DESC = "L" + CONTEXT + ";";

    private final Translation session;
    private final Class<?> owner;
    private final MethodModel method;
    private final String irName;
    private final boolean kernel;
    private final SourcePos home;
    private final SourcePos calledFrom;
    private final String callSite;
    private final String ownerName;
    private final String methodName;
    private final String sourceFile;
    private final MethodTypeDesc type;

    private final List<Instruction> insns = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final Map<Label, Integer> labels = new HashMap<>();
    private final Map<Integer, String> lvtNames = new HashMap<>();
    private int[] blockStart;
    private int[] blockEnd;
    private int[] blockAt;

    private final Map<String, Var> vars = new LinkedHashMap<>();
    private final List<Var> params = new ArrayList<>();
    private final Map<Integer, AType> paramSlots = new HashMap<>();
    private final Map<Integer, Var> paramVars = new HashMap<>();
    private AType[] entryLocals;
    private IrType returnType;
    private final Map<String, Integer> stableIds = new HashMap<>();
    private final Map<Integer, LocalArrayDecl> localArrays = new LinkedHashMap<>();
    private final Map<Integer, Integer> localArrayBlock = new HashMap<>();
    private final Map<Integer, PrivateArrayDecl> privateArrays = new LinkedHashMap<>();
    private final Map<Integer, Integer> privateArrayBlock = new HashMap<>();
    /** Code of the JDK's fdlibm port, whose table and work-array indices are in bounds by construction. */
    private final boolean trusted;
    private final Set<String> callees = new LinkedHashSet<>();
    private boolean barrier;
    private boolean failurePoints;

    /**
     * @param session    the kernel's translation
     * @param owner      the declaring class
     * @param classModel its class file
     * @param method     the method
     * @param irName     the IR function name
     * @param kernel     whether this is the kernel entry point
     * @param spaces     the address space of each array parameter, in order
     * @param home       where failures in this function are reported (JDK code), or {@code null}
     * @param calledFrom the user code that led here, for messages, or {@code null}
     * @param callSite   where this function is called ({@code File.java:line}), for messages, or {@code ""}
     */
    FunctionTranslator(Translation session, Class<?> owner, ClassModel classModel, MethodModel method, String irName,
            boolean kernel, List<AddressSpace> spaces, SourcePos home, SourcePos calledFrom, String callSite) {
        this.session = session;
        this.owner = owner;
        this.method = method;
        this.irName = irName;
        this.kernel = kernel;
        this.home = home;
        this.calledFrom = calledFrom;
        this.callSite = callSite;
        this.ownerName = owner.getName();
        this.methodName = method.methodName().stringValue();
        this.sourceFile = classModel.findAttribute(Attributes.sourceFile())
                .map(a -> a.sourceFile().stringValue()).orElse("Unknown Source");
        this.type = method.methodTypeSymbol();
        this.trusted = Translation.isFdlibm(owner);
        declareParameters(spaces);
    }

    /** {@code binary.ClassName.method(descriptor)}. */
    String javaName() {
        return ownerName + "." + methodName + method.methodType().stringValue();
    }

    private SourcePos pos(int line) {
        return new SourcePos(ownerName, methodName, sourceFile, line);
    }

    /** Where a failure at {@code line} is reported: here, or at the user's call for JDK code. */
    private SourcePos sitePos(int line) {
        return home != null ? home : pos(line);
    }

    // ------------------------------------------------------------------ rejections

    private Rejection reject(int line, String what, String hint) {
        return new Rejection(what + " is not supported in kernels (" + where(line) + ")"
                + (hint.isEmpty() ? "" : "; " + hint));
    }

    private Rejection rejectRaw(String reason) {
        return new Rejection(reason);
    }

    /** {@code File.java:line}, plus the user's call for code reached through JDK methods. */
    String where(int line) {
        String w = pos(line).where();
        if (calledFrom != null) {
            w += ", in " + ownerName + "." + methodName + " called from " + calledFrom.where();
        }
        return w;
    }

    // ------------------------------------------------------------------ set-up

    private void declareParameters(List<AddressSpace> spaces) {
        List<ClassDesc> ps = type.parameterList();
        List<String> names = parameterNames(ps.size());
        int slot = 0;
        int array = 0;
        for (int i = 0; i < ps.size(); i++) {
            String d = ps.get(i).descriptorString();
            AType t;
            if (d.equals(CONTEXT_DESC)) {
                t = AType.CTX;
            } else if (d.length() == 1) {
                t = new AType.Prim(scalarOf(d.charAt(0)).stackKind());
            } else if (d.length() == 2 && d.charAt(0) == '[') {
                AddressSpace space = array < spaces.size() ? spaces.get(array) : AddressSpace.GLOBAL;
                array++;
                t = new AType.Arr(scalarOf(d.charAt(1)), space);
            } else {
                throw rejectRaw("parameter " + i + " of " + javaLabel() + " has type " + ps.get(i).displayName()
                        + ", which is not supported in kernels (" + declaredAt() + "); kernels and device"
                        + " functions take primitives, one-dimensional primitive arrays and the KernelContext");
            }
            paramSlots.put(slot, t);
            if (t.isValue()) {
                String base = names.get(i) == null ? "p" + i : "p_" + sanitize(names.get(i));
                String name = base;
                for (int k = 2; vars.containsKey(name); k++) {
                    name = base + "_" + k;
                }
                Var v = new Var(vars.size(), name, t.irType());
                vars.put(name, v);
                params.add(v);
                paramVars.put(slot, v);
            }
            slot += t.category();
        }
        String r = type.returnType().descriptorString();
        if (r.equals("V")) {
            returnType = IrType.VOID;
        } else if (r.length() == 1) {
            returnType = IrType.of(scalarOf(r.charAt(0)));
        } else {
            throw rejectRaw("device function " + javaLabel() + " returns " + type.returnType().displayName()
                    + ", which is not supported in kernels (" + declaredAt() + "); device functions return"
                    + " void or a primitive (write array results into an array parameter)");
        }
    }

    /** The call site, or the source file when there is none (the kernel itself). */
    private String declaredAt() {
        return callSite.isEmpty() ? pos(-1).sourceFile() : "called at " + callSite;
    }

    private String javaLabel() {
        return ownerName + "." + methodName;
    }

    private List<String> parameterNames(int count) {
        List<String> names = new ArrayList<>(java.util.Collections.nCopies(count, (String) null));
        Optional<MethodParametersAttribute> mp = method.findAttribute(Attributes.methodParameters());
        if (mp.isPresent() && mp.get().parameters().size() == count) {
            List<MethodParameterInfo> infos = mp.get().parameters();
            for (int i = 0; i < count; i++) {
                names.set(i, infos.get(i).name().map(n -> n.stringValue()).orElse(null));
            }
        }
        return names;
    }

    static String sanitize(String javaName) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return sb.toString();
    }

    static Scalar scalarOf(char descriptor) {
        return switch (descriptor) {
            case 'Z' -> Scalar.BOOLEAN;
            case 'B' -> Scalar.BYTE;
            case 'C' -> Scalar.CHAR;
            case 'S' -> Scalar.SHORT;
            case 'I' -> Scalar.INT;
            case 'J' -> Scalar.LONG;
            case 'F' -> Scalar.FLOAT;
            case 'D' -> Scalar.DOUBLE;
            default -> throw new IllegalArgumentException("not a primitive descriptor: " + descriptor);
        };
    }

    private static Scalar scalarOf(TypeKind k) {
        return switch (k) {
            case BOOLEAN -> Scalar.BOOLEAN;
            case BYTE -> Scalar.BYTE;
            case CHAR -> Scalar.CHAR;
            case SHORT -> Scalar.SHORT;
            case INT -> Scalar.INT;
            case LONG -> Scalar.LONG;
            case FLOAT -> Scalar.FLOAT;
            case DOUBLE -> Scalar.DOUBLE;
            default -> throw new IllegalArgumentException("not a primitive kind: " + k);
        };
    }

    private static ArgumentType argumentType(char descriptor) {
        return switch (descriptor) {
            case 'Z' -> ArgumentType.BOOLEAN;
            case 'B' -> ArgumentType.BYTE;
            case 'C' -> ArgumentType.CHAR;
            case 'S' -> ArgumentType.SHORT;
            case 'I' -> ArgumentType.INT;
            case 'J' -> ArgumentType.LONG;
            case 'F' -> ArgumentType.FLOAT;
            case 'D' -> ArgumentType.DOUBLE;
            default -> throw new IllegalArgumentException("not a primitive descriptor: " + descriptor);
        };
    }

    // ------------------------------------------------------------------ translation

    /** Translates the method. */
    RawFunction translate() {
        CodeModel code = method.code().orElseThrow(() -> rejectRaw("the method " + javaLabel() + " has no bytecode"
                + " (it is native or abstract), which is not supported in kernels (" + where(-1) + ")"));
        readCode(code);
        int maxLocals = code instanceof CodeAttribute ca ? ca.maxLocals() : 0;
        for (Instruction ins : insns) {
            if (ins instanceof LoadInstruction l) {
                maxLocals = Math.max(maxLocals, l.slot() + 2);
            } else if (ins instanceof StoreInstruction s) {
                maxLocals = Math.max(maxLocals, s.slot() + 2);
            } else if (ins instanceof IncrementInstruction inc) {
                maxLocals = Math.max(maxLocals, inc.slot() + 1);
            }
        }
        entryLocals = new AType[Math.max(maxLocals, 1 + paramSlots.keySet().stream().mapToInt(i -> i + 1).max().orElse(0))];
        Arrays.fill(entryLocals, AType.TOP);
        paramSlots.forEach((slot, t) -> entryLocals[slot] = t);
        splitBlocks();

        int n = blockStart.length;
        Frame[] entries = new Frame[n];
        RawFunction.RawBlock[] done = new RawFunction.RawBlock[n];
        entries[0] = new Frame(List.of(entryLocals), List.of());
        TreeSet<Integer> work = new TreeSet<>();
        work.add(0);
        while (!work.isEmpty()) {
            int b = work.pollFirst();
            BlockResult r = new BlockState(b, entries[b]).run();
            done[b] = r.block();
            for (Map.Entry<Integer, Frame> e : r.exits().entrySet()) {
                int s = e.getKey();
                Frame merged = entries[s] == null ? e.getValue() : merge(entries[s], e.getValue(), s);
                if (!merged.equals(entries[s])) {
                    entries[s] = merged;
                    work.add(s);
                }
            }
        }
        List<RawFunction.RawBlock> blocks = new ArrayList<>();
        for (RawFunction.RawBlock b : done) {
            if (b != null) {
                blocks.add(b);
            }
        }
        if (kernel) {
            checkLocalArraySites(blocks);
        }
        checkPrivateArraySites(blocks);
        return new RawFunction(irName, kernel, javaName(), params, returnType, usedVariables(blocks),
                List.copyOf(localArrays.values()), blocks, barrier, callees, failurePoints,
                List.copyOf(privateArrays.values()));
    }

    private void readCode(CodeModel code) {
        int line = -1;
        for (CodeElement e : code) {
            switch (e) {
                case LabelTarget lt -> labels.put(lt.label(), insns.size());
                case LineNumber ln -> line = ln.line();
                case LocalVariable lv -> lvtNames.putIfAbsent(lv.slot(), lv.name().stringValue());
                case Instruction ins -> {
                    insns.add(ins);
                    lines.add(line);
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i) instanceof MonitorInstruction) {
                throw reject(lines.get(i), "synchronized", "use org.jdotcompute.api.Atomics for shared updates and"
                        + " ctx.barrier() to order a work-group");
            }
        }
        if (!code.exceptionHandlers().isEmpty()) {
            Integer start = labels.get(code.exceptionHandlers().getFirst().tryStart());
            throw reject(start == null || start >= lines.size() ? -1 : lines.get(start), "try/catch/finally in "
                    + javaLabel(), "let the exception propagate; the host receives it as the cause of a"
                    + " DeviceKernelException");
        }
    }

    private int target(Label l) {
        Integer i = labels.get(l);
        if (i == null) {
            throw new IllegalStateException("branch to an unknown label in " + javaName());
        }
        return i;
    }

    private void splitBlocks() {
        BitSet leaders = new BitSet();
        leaders.set(0);
        for (int i = 0; i < insns.size(); i++) {
            Instruction ins = insns.get(i);
            switch (ins) {
                case BranchInstruction b -> {
                    leaders.set(target(b.target()));
                    leaders.set(i + 1);
                }
                case TableSwitchInstruction t -> {
                    leaders.set(target(t.defaultTarget()));
                    t.cases().forEach(c -> leaders.set(target(c.target())));
                    leaders.set(i + 1);
                }
                case LookupSwitchInstruction t -> {
                    leaders.set(target(t.defaultTarget()));
                    t.cases().forEach(c -> leaders.set(target(c.target())));
                    leaders.set(i + 1);
                }
                case ReturnInstruction r -> leaders.set(i + 1);
                case ThrowInstruction t -> leaders.set(i + 1);
                default -> {
                }
            }
        }
        if (leaders.length() > insns.size()) {
            leaders.clear(insns.size(), leaders.length());
        }
        int n = leaders.cardinality();
        blockStart = new int[n];
        blockEnd = new int[n];
        blockAt = new int[insns.size() + 1];
        Arrays.fill(blockAt, -1);
        int k = 0;
        for (int i = leaders.nextSetBit(0); i >= 0; i = leaders.nextSetBit(i + 1)) {
            blockStart[k] = i;
            blockAt[i] = k;
            k++;
        }
        for (int b = 0; b < n; b++) {
            blockEnd[b] = b + 1 < n ? blockStart[b + 1] : insns.size();
        }
    }

    private int blockOf(int insn) {
        if (insn >= insns.size() || blockAt[insn] < 0) {
            throw rejectRaw("the bytecode of " + javaLabel() + " falls off the end of the method (" + where(-1)
                    + "); it was not produced by javac and is not supported in kernels");
        }
        return blockAt[insn];
    }

    private Frame merge(Frame a, Frame b, int block) {
        if (a.stack().size() != b.stack().size()) {
            throw rejectRaw("the operand stack has different depths where paths join in " + javaLabel() + " ("
                    + where(lines.get(blockStart[block])) + "); this bytecode is not supported in kernels");
        }
        List<AType> stack = new ArrayList<>();
        for (int i = 0; i < a.stack().size(); i++) {
            AType x = a.stack().get(i);
            AType y = b.stack().get(i);
            if (!x.equals(y)) {
                throw rejectRaw("a conditional expression yields a " + x + " on one path and a " + y + " on another ("
                        + where(lines.get(blockStart[block])) + "), which is not supported in kernels; "
                        + (x instanceof AType.Arr && y instanceof AType.Arr
                                ? "arrays of different memories (parameters, group-local arrays, static final tables,"
                                        + " arrays allocated with 'new') cannot be mixed in one expression; use an if"
                                        + " statement"
                                : "use an if statement with one throw (or one value) per branch"));
            }
            stack.add(x);
        }
        List<AType> locals = new ArrayList<>();
        for (int i = 0; i < a.locals().size(); i++) {
            AType x = a.locals().get(i);
            locals.add(x.equals(b.locals().get(i)) ? x : AType.TOP);
        }
        return new Frame(locals, stack);
    }

    /** The variables the blocks use, parameters first. */
    private List<Var> usedVariables(List<RawFunction.RawBlock> blocks) {
        Set<Var> used = new HashSet<>(params);
        for (RawFunction.RawBlock b : blocks) {
            for (Stmt s : b.statements()) {
                org.jdotcompute.spi.ir.IrOperands.reads(s).forEach(o -> {
                    if (o instanceof Var v) {
                        used.add(v);
                    }
                });
                org.jdotcompute.spi.ir.IrOperands.written(s).ifPresent(used::add);
            }
            if (b.terminator() != null) {
                org.jdotcompute.spi.ir.IrOperands.reads(b.terminator()).forEach(o -> {
                    if (o instanceof Var v) {
                        used.add(v);
                    }
                });
            } else {
                b.thrown().values().forEach(o -> {
                    if (o instanceof Var v) {
                        used.add(v);
                    }
                });
            }
        }
        return vars.values().stream().filter(used::contains).toList();
    }

    private Var var(String name, IrType t) {
        Var v = vars.get(name);
        if (v == null) {
            v = new Var(vars.size(), name, t);
            vars.put(name, v);
        } else if (!v.type().equals(t)) {
            throw new IllegalStateException("front-end bug: variable " + name + " is " + v.type() + ", not " + t);
        }
        return v;
    }

    private Var localVar(int slot, AType t) {
        Var p = paramVars.get(slot);
        if (p != null && paramSlots.get(slot).equals(t)) {
            return p;
        }
        return var("l" + slot + "_" + t.suffix(), t.irType());
    }

    private Var stackVar(int depth, AType t) {
        return var("s" + depth + "_" + t.suffix(), t.irType());
    }

    /** A variable that only the instruction {@code insn} writes (its {@code k}-th value). */
    private Var stableVar(char prefix, int insn, int k, AType t) {
        String key = prefix + ":" + insn + ":" + k;
        Integer id = stableIds.get(key);
        if (id == null) {
            id = stableIds.size();
            stableIds.put(key, id);
        }
        return var(prefix + "" + id + "_" + t.suffix(), t.irType());
    }

    /** A block's state on entry: the types of the locals and of the operand stack. */
    record Frame(List<AType> locals, List<AType> stack) {
        Frame {
            locals = List.copyOf(locals);
            stack = List.copyOf(stack);
        }
    }

    private record BlockResult(RawFunction.RawBlock block, Map<Integer, Frame> exits) {
    }

    /** One operand stack entry: its type and, for values, the operand holding it. */
    private static final class Entry {
        final AType type;
        Operand op;

        Entry(AType type, Operand op) {
            this.type = type;
            this.op = op;
        }
    }

    // ------------------------------------------------------------------ one block

    private final class BlockState {
        private final int block;
        private final AType[] locals;
        private final ArrayList<Entry> stack = new ArrayList<>();
        private final List<Stmt> out = new ArrayList<>();
        private int temps;
        private int produced = -1;
        private int line;

        BlockState(int block, Frame entry) {
            this.block = block;
            this.locals = entry.locals().toArray(AType[]::new);
            for (int d = 0; d < entry.stack().size(); d++) {
                AType t = entry.stack().get(d);
                stack.add(new Entry(t, t.isValue() ? stackVar(d, t) : null));
            }
        }

        BlockResult run() {
            int end = blockEnd[block];
            for (int i = blockStart[block]; i < end; i++) {
                line = lines.get(i);
                Instruction ins = insns.get(i);
                Ending ending = step(i, ins, i + 1 < end ? insns.get(i + 1) : null);
                if (ending != null) {
                    return finish(ending);
                }
                if (fusedNext) {
                    fusedNext = false;
                    i++;
                }
            }
            return finish(new Ending(new Terminator.Goto(blockOf(end)), null));
        }

        private boolean fusedNext;

        // --- stack helpers

        private void emit(Stmt s) {
            out.add(s);
            produced = -1;
        }

        private Entry pop() {
            if (stack.isEmpty()) {
                throw new IllegalStateException("front-end bug: operand stack underflow in " + javaName());
            }
            return stack.removeLast();
        }

        private Operand popValue(Scalar kind) {
            Entry e = pop();
            if (!(e.type instanceof AType.Prim p) || p.kind() != kind) {
                throw new IllegalStateException("front-end bug: expected " + kind + " on the stack of " + javaName()
                        + " at line " + line + ", found " + e.type);
            }
            return e.op;
        }

        private Var popArray() {
            Entry e = pop();
            if (!(e.type instanceof AType.Arr)) {
                throw new IllegalStateException("front-end bug: expected an array on the stack of " + javaName()
                        + " at line " + line + ", found " + e.type);
            }
            return (Var) e.op;
        }

        private void push(AType t, Operand op) {
            stack.add(new Entry(t, op));
        }

        /** Pushes a new value computed by the next emitted statement into its stack variable. */
        private Var pushResult(AType t) {
            Var v = stackVar(stack.size(), t);
            ensureUnreferenced(v);
            stack.add(new Entry(t, v));
            return v;
        }

        /** Emits {@code s}, which writes the value just pushed by {@link #pushResult}. */
        private void emitResult(Stmt s) {
            out.add(s);
            produced = out.size() - 1;
        }

        /** Before {@code v} is written: copies it into a temporary for every entry that still reads it. */
        private void ensureUnreferenced(Var v) {
            for (Entry e : stack) {
                if (v.equals(e.op)) {
                    Var t = temp(e.type);
                    emit(new Stmt.Assign(t, v));
                    e.op = t;
                }
            }
        }

        private Var temp(AType t) {
            return var("t" + (temps++) + "_" + t.suffix(), t.irType());
        }

        private Const intConst(Operand op) {
            return op instanceof Const c && c.kind() == Scalar.INT ? c : null;
        }

        // --- the instructions

        private Ending step(int i, Instruction ins, Instruction next) {
            switch (ins) {
                case LoadInstruction l -> load(l);
                case StoreInstruction s -> store(s);
                case IncrementInstruction inc -> {
                    Var v = localVar(inc.slot(), new AType.Prim(Scalar.INT));
                    ensureUnreferenced(v);
                    emit(new Stmt.Binary(v, BinaryOp.ADD, v, Const.ofInt(inc.constant())));
                }
                case ConstantInstruction c -> constant(i, c);
                case OperatorInstruction o -> {
                    return operator(i, o, next);
                }
                case ConvertInstruction c -> convert(c);
                case StackInstruction s -> stackOp(s);
                case ArrayLoadInstruction a -> arrayLoad(a);
                case ArrayStoreInstruction a -> arrayStore(a);
                case BranchInstruction b -> {
                    return branch(b.opcode(), b.target(), i);
                }
                case TableSwitchInstruction t -> {
                    return switchOp(t.cases(), t.defaultTarget());
                }
                case LookupSwitchInstruction t -> {
                    return switchOp(t.cases(), t.defaultTarget());
                }
                case ReturnInstruction r -> {
                    return ret(r);
                }
                case ThrowInstruction t -> {
                    return athrow();
                }
                case InvokeInstruction inv -> invoke(i, inv);
                case InvokeDynamicInstruction indy -> invokeDynamic(i, indy);
                case NewObjectInstruction n -> newObject(i, n);
                case NewPrimitiveArrayInstruction n -> privateArray(i, n.typeKind());
                case NewReferenceArrayInstruction n -> throw reject(line, "allocation 'new "
                        + n.componentType().asSymbol().displayName() + "[]'", "kernels use primitive arrays only;"
                        + " pass them as kernel parameters");
                case NewMultiArrayInstruction n -> throw reject(line, "allocation of the multi-dimensional array 'new "
                        + n.arrayType().asSymbol().displayName() + "'", "flatten it into a one-dimensional array"
                        + " parameter and index it as a[row * width + column]");
                case FieldInstruction f -> field(f);
                case TypeCheckInstruction t -> throw reject(line, (t.opcode() == Opcode.INSTANCEOF ? "instanceof '"
                        : "the cast to '") + t.type().asSymbol().displayName() + "'", "kernels work on primitives"
                        + " and primitive arrays only");
                case NopInstruction n -> {
                }
                case DiscontinuedInstruction d -> throw reject(line, "the obsolete instruction " + d.opcode(),
                        "recompile the class with a current javac");
                default -> throw reject(line, "the instruction " + ins.opcode(), "");
            }
            return null;
        }

        private void load(LoadInstruction l) {
            AType t = locals[l.slot()];
            if (t == AType.TOP) {
                throw rejectRaw("the local variable in slot " + l.slot() + describeSlot(l.slot()) + " of "
                        + javaLabel() + " holds values of different kinds on different paths (" + where(line)
                        + "), e.g. a group-local array on one path and an array parameter on another (or a static"
                        + " final table, or an array allocated with 'new'), which is not supported in kernels; use a"
                        + " separate variable for each");
            }
            if (t.isValue()) {
                push(t, localVar(l.slot(), t));
            } else {
                push(t, null);
            }
        }

        private String describeSlot(int slot) {
            String n = lvtNames.get(slot);
            return n == null ? "" : " ('" + n + "')";
        }

        private void store(StoreInstruction s) {
            Entry e = pop();
            int slot = s.slot();
            if (e.type.isValue()) {
                Var v = localVar(slot, e.type);
                ensureUnreferenced(v);
                assign(v, e);
            }
            locals[slot] = e.type;
            if (e.type.category() == 2) {
                locals[slot + 1] = AType.TOP;
            }
            if (slot > 0 && locals[slot - 1].category() == 2) {
                locals[slot - 1] = AType.TOP;
            }
        }

        /** {@code v = e}, retargeting the statement that just computed {@code e} where possible. */
        private void assign(Var v, Entry e) {
            if (produced >= 0 && produced == out.size() - 1 && e.op instanceof Var sv
                    && sv.equals(org.jdotcompute.spi.ir.IrOperands.written(out.get(produced)).orElse(null))
                    && stack.stream().noneMatch(x -> sv.equals(x.op))) {
                out.set(produced, withDestination(out.get(produced), v));
                produced = -1;
                return;
            }
            emit(new Stmt.Assign(v, e.op));
        }

        private void constant(int i, ConstantInstruction c) {
            ConstantDesc v = c.constantValue();
            switch (v) {
                case Integer x -> push(new AType.Prim(Scalar.INT), Const.ofInt(x));
                case Long x -> push(new AType.Prim(Scalar.LONG), Const.ofLong(x));
                case Float x -> push(new AType.Prim(Scalar.FLOAT), Const.ofFloat(x));
                case Double x -> push(new AType.Prim(Scalar.DOUBLE), Const.ofDouble(x));
                case String s -> {
                    if (s.indexOf(DeviceErrorSite.PLACEHOLDER) >= 0) {
                        throw reject(line, "a string constant containing U+0001", "the device error protocol"
                                + " reserves that character for message placeholders");
                    }
                    push(new AType.Str(i, s, List.of(), List.of()), null);
                }
                default -> {
                    if (c.opcode() == Opcode.ACONST_NULL) {
                        throw reject(line, "null", "kernels have no object references; pass arrays as parameters");
                    }
                    throw reject(line, "the constant " + v, "kernels use primitive constants only");
                }
            }
        }

        private Ending operator(int i, OperatorInstruction o, Instruction next) {
            Opcode op = o.opcode();
            switch (op) {
                case ARRAYLENGTH -> {
                    Var a = popArray();
                    Var dst = pushResult(new AType.Prim(Scalar.INT));
                    emitResult(new Stmt.Length(dst, a));
                    return null;
                }
                case INEG, LNEG, FNEG, DNEG -> {
                    Scalar k = scalarOf(o.typeKind());
                    Operand a = popValue(k);
                    Var dst = pushResult(new AType.Prim(k));
                    emitResult(new Stmt.Negate(dst, a));
                    return null;
                }
                case LCMP, FCMPL, FCMPG, DCMPL, DCMPG -> {
                    Scalar k = op == Opcode.LCMP ? Scalar.LONG
                            : op == Opcode.FCMPL || op == Opcode.FCMPG ? Scalar.FLOAT : Scalar.DOUBLE;
                    Operand b = popValue(k);
                    Operand a = popValue(k);
                    int nan = op == Opcode.FCMPG || op == Opcode.DCMPG ? 1 : -1;
                    if (next instanceof BranchInstruction br && zeroCompare(br.opcode()) != null) {
                        fusedNext = true;
                        CompareOp cmp = zeroCompare(br.opcode());
                        int taken = blockOf(target(br.target()));
                        int fall = blockOf(i + 2);
                        boolean takenOnNaN = k != Scalar.LONG && holds(cmp, nan);
                        if (takenOnNaN && cmp != CompareOp.NE) {
                            return branchEnding(negate(cmp), a, b, fall, taken);
                        }
                        return branchEnding(cmp, a, b, taken, fall);
                    }
                    Var dst = pushResult(new AType.Prim(Scalar.INT));
                    emitResult(new Stmt.Compare3(dst, a, b, nan));
                    return null;
                }
                default -> {
                }
            }
            BinaryOp bop = switch (op) {
                case IADD, LADD, FADD, DADD -> BinaryOp.ADD;
                case ISUB, LSUB, FSUB, DSUB -> BinaryOp.SUB;
                case IMUL, LMUL, FMUL, DMUL -> BinaryOp.MUL;
                case IDIV, LDIV, FDIV, DDIV -> BinaryOp.DIV;
                case IREM, LREM, FREM, DREM -> BinaryOp.REM;
                case IAND, LAND -> BinaryOp.AND;
                case IOR, LOR -> BinaryOp.OR;
                case IXOR, LXOR -> BinaryOp.XOR;
                case ISHL, LSHL -> BinaryOp.SHL;
                case ISHR, LSHR -> BinaryOp.SHR;
                case IUSHR, LUSHR -> BinaryOp.USHR;
                default -> throw reject(line, "the instruction " + op, "");
            };
            Scalar k = scalarOf(o.typeKind());
            Operand b = popValue(bop.isShift() ? Scalar.INT : k);
            Operand a = popValue(k);
            if ((bop == BinaryOp.DIV || bop == BinaryOp.REM) && k.isIntegral() && session.checks().checksDivision()
                    && !(b instanceof Const c && c.bits() != 0)) {
                emit(new Stmt.CheckDivisor(divisionSite(), b));
            }
            Var dst = pushResult(new AType.Prim(k));
            emitResult(new Stmt.Binary(dst, bop, a, b));
            return null;
        }

        private void convert(ConvertInstruction c) {
            Scalar from = scalarOf(c.fromType());
            Scalar to = scalarOf(c.toType());
            Operand a = popValue(from);
            Var dst = pushResult(new AType.Prim(to.stackKind()));
            emitResult(new Stmt.Convert(dst, from, to, a));
        }

        private void stackOp(StackInstruction s) {
            switch (s.opcode()) {
                case POP -> pop();
                case POP2 -> {
                    if (pop().type.category() == 1) {
                        pop();
                    }
                }
                case DUP -> {
                    Entry e = stack.getLast();
                    push(e.type, e.op);
                }
                case DUP_X1 -> {
                    Entry v1 = pop();
                    Entry v2 = pop();
                    pushAll(v1, v2, v1);
                }
                case DUP_X2 -> {
                    Entry v1 = pop();
                    Entry v2 = pop();
                    if (v2.type.category() == 2) {
                        pushAll(v1, v2, v1);
                    } else {
                        Entry v3 = pop();
                        pushAll(v1, v3, v2, v1);
                    }
                }
                case DUP2 -> {
                    Entry v1 = pop();
                    if (v1.type.category() == 2) {
                        pushAll(v1, v1);
                    } else {
                        Entry v2 = pop();
                        pushAll(v2, v1, v2, v1);
                    }
                }
                case DUP2_X1 -> {
                    Entry v1 = pop();
                    if (v1.type.category() == 2) {
                        Entry v2 = pop();
                        pushAll(v1, v2, v1);
                    } else {
                        Entry v2 = pop();
                        Entry v3 = pop();
                        pushAll(v2, v1, v3, v2, v1);
                    }
                }
                case DUP2_X2 -> {
                    Entry v1 = pop();
                    if (v1.type.category() == 2) {
                        Entry v2 = pop();
                        if (v2.type.category() == 2) {
                            pushAll(v1, v2, v1);
                        } else {
                            Entry v3 = pop();
                            pushAll(v1, v3, v2, v1);
                        }
                    } else {
                        Entry v2 = pop();
                        Entry v3 = pop();
                        if (v3.type.category() == 2) {
                            pushAll(v2, v1, v3, v2, v1);
                        } else {
                            Entry v4 = pop();
                            pushAll(v2, v1, v4, v3, v2, v1);
                        }
                    }
                }
                case SWAP -> {
                    Entry v1 = pop();
                    Entry v2 = pop();
                    pushAll(v1, v2);
                }
                default -> throw reject(line, "the instruction " + s.opcode(), "");
            }
            produced = -1;
        }

        private void pushAll(Entry... entries) {
            for (Entry e : entries) {
                push(e.type, e.op);
            }
        }

        private void arrayLoad(ArrayLoadInstruction a) {
            if (a.typeKind() == TypeKind.REFERENCE) {
                throw reject(line, "an array of objects or a multi-dimensional array", "flatten it into a"
                        + " one-dimensional primitive array parameter");
            }
            Operand index = popValue(Scalar.INT);
            Var array = popArray();
            checkIndex(array, index);
            Scalar element = ((IrType.Array) array.type()).element();
            Var dst = pushResult(new AType.Prim(element.stackKind()));
            emitResult(new Stmt.Load(dst, array, index));
        }

        private void arrayStore(ArrayStoreInstruction a) {
            if (a.typeKind() == TypeKind.REFERENCE) {
                throw reject(line, "an array of objects or a multi-dimensional array", "flatten it into a"
                        + " one-dimensional primitive array parameter");
            }
            Entry value = pop();
            Operand index = popValue(Scalar.INT);
            Var array = popArray();
            if (((IrType.Array) array.type()).space() == AddressSpace.CONSTANT) {
                throw constantWrite("writing to");
            }
            checkIndex(array, index);
            emit(new Stmt.Store(array, index, value.op));
        }

        private Rejection constantWrite(String what) {
            return reject(line, what + " a static final array", "the device reads a static final array as a constant"
                    + " table, a snapshot of its values taken when the kernel is compiled, and never writes it; copy"
                    + " the values into an array parameter (or a 'new' array) to change them");
        }

        private void checkIndex(Var array, Operand index) {
            if (session.checks().checksBounds() && !trusted) {
                SourcePos p = sitePos(line);
                int site = session.sites().add(DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                        "Index \u0001 out of bounds for length \u0001", List.of(ArgumentType.INT, ArgumentType.INT),
                        session.kernelName(), p.className(), p.methodName(), p.sourceFile(), p.line()));
                failurePoints = true;
                emit(new Stmt.CheckIndex(site, array, index));
            }
        }

        private int divisionSite() {
            SourcePos p = sitePos(line);
            failurePoints = true;
            return session.sites().add(DeviceErrorSite.ofMessage("java.lang.ArithmeticException", "/ by zero",
                    List.of(), session.kernelName(), p.className(), p.methodName(), p.sourceFile(), p.line()));
        }

        private Ending branch(Opcode op, Label target, int i) {
            int taken = blockOf(target(target));
            if (op == Opcode.GOTO || op == Opcode.GOTO_W) {
                return new Ending(new Terminator.Goto(taken), null);
            }
            int fall = blockOf(i + 1);
            CompareOp z = zeroCompare(op);
            if (z != null) {
                Operand a = popValue(Scalar.INT);
                return branchEnding(z, a, Const.ofInt(0), taken, fall);
            }
            CompareOp c = switch (op) {
                case IF_ICMPEQ -> CompareOp.EQ;
                case IF_ICMPNE -> CompareOp.NE;
                case IF_ICMPLT -> CompareOp.LT;
                case IF_ICMPGE -> CompareOp.GE;
                case IF_ICMPGT -> CompareOp.GT;
                case IF_ICMPLE -> CompareOp.LE;
                default -> null;
            };
            if (c == null) {
                throw reject(line, "comparing references or testing for null (" + op + ")", "kernel arrays are"
                        + " never null; compare primitive values or lengths instead");
            }
            Operand b = popValue(Scalar.INT);
            Operand a = popValue(Scalar.INT);
            return branchEnding(c, a, b, taken, fall);
        }

        private Ending branchEnding(CompareOp op, Operand a, Operand b, int ifTrue, int ifFalse) {
            if (a instanceof Const x && b instanceof Const y) {
                // A constant condition (e.g. a JDK assert, folded away): only one successor is reachable.
                return new Ending(new Terminator.Goto(constantCompare(op, x, y) ? ifTrue : ifFalse), null);
            }
            List<Operand> live = materialize(List.of(a, b));
            return new Ending(new Terminator.Branch(op, live.get(0), live.get(1), ifTrue, ifFalse), null);
        }

        private Ending switchOp(List<SwitchCase> cases, Label dflt) {
            Operand key = popValue(Scalar.INT);
            List<Terminator.Switch.Case> cs = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (SwitchCase c : cases) {
                if (seen.add(c.caseValue())) {
                    cs.add(new Terminator.Switch.Case(c.caseValue(), blockOf(target(c.target()))));
                }
            }
            if (key instanceof Const c) {
                int target = blockOf(target(dflt));
                for (Terminator.Switch.Case sc : cs) {
                    if (sc.key() == c.intValue()) {
                        target = sc.target();
                    }
                }
                return new Ending(new Terminator.Goto(target), null);
            }
            Operand k = materialize(List.of(key)).getFirst();
            return new Ending(new Terminator.Switch(k, cs, blockOf(target(dflt))), null);
        }

        private Ending ret(ReturnInstruction r) {
            if (r.typeKind() == TypeKind.VOID) {
                return new Ending(new Terminator.Return(Optional.empty()), null);
            }
            Entry e = pop();
            if (!e.type.isValue() || !(e.type instanceof AType.Prim)) {
                throw reject(line, "returning a " + e.type + " from a device function", "return a primitive or"
                        + " write into an array parameter");
            }
            return new Ending(new Terminator.Return(Optional.of(e.op)), null);
        }

        private Ending athrow() {
            Entry e = pop();
            if (!(e.type instanceof AType.Exc exc)) {
                throw reject(line, "throwing a " + e.type + " that was not created by 'throw new X(...)' in the"
                        + " same method", "write the throw as 'throw new IllegalArgumentException(\"...\" + value)'");
            }
            if (session.checks().checksThrows()) {
                failurePoints = true; // its site is where the user's code called (JDK code): not shareable
            }
            return new Ending(null, exc);
        }

        // --- calls

        private void invoke(int i, InvokeInstruction inv) {
            String cls = inv.owner().asInternalName();
            String name = inv.name().stringValue();
            MethodTypeDesc desc = inv.typeSymbol();
            String descriptor = inv.type().stringValue();
            switch (inv.opcode()) {
                case INVOKEINTERFACE -> {
                    if (cls.equals(CONTEXT)) {
                        context(i, name, descriptor);
                    } else {
                        throw reject(line, "the interface call '" + display(cls) + "." + name + "'",
                                "kernels call static methods only");
                    }
                }
                case INVOKEVIRTUAL -> throw reject(line, "the virtual call '" + display(cls) + "." + name + "'",
                        cls.equals("java/lang/String") || cls.equals("java/lang/StringBuilder")
                                ? "strings are supported only as exception messages ('throw new X(\"...\" + value)')"
                                : "kernels call static methods only");
                case INVOKESPECIAL -> {
                    if (name.equals("<init>")) {
                        constructor(i, cls, desc);
                    } else {
                        throw reject(line, "the instance method call '" + display(cls) + "." + name + "'",
                                "make it a static method");
                    }
                }
                case INVOKESTATIC -> {
                    if (cls.equals(ATOMICS)) {
                        atomic(name, descriptor);
                        return;
                    }
                    Optional<IntrinsicOp> op = Intrinsics.find(cls, name, descriptor);
                    if (op.isPresent()) {
                        intrinsic(op.get());
                    } else {
                        call(cls, name, desc);
                    }
                }
                default -> throw reject(line, "the instruction " + inv.opcode(), "");
            }
        }

        private void context(int i, String name, String descriptor) {
            WorkItemQuery q = switch (name) {
                case "globalId" -> WorkItemQuery.GLOBAL_ID;
                case "localId" -> WorkItemQuery.LOCAL_ID;
                case "groupId" -> WorkItemQuery.GROUP_ID;
                case "globalSize" -> WorkItemQuery.GLOBAL_SIZE;
                case "localSize" -> WorkItemQuery.LOCAL_SIZE;
                case "numGroups" -> WorkItemQuery.NUM_GROUPS;
                default -> null;
            };
            if (q != null && descriptor.equals("(I)I")) {
                Operand d = popValue(Scalar.INT);
                popContext();
                Const c = intConst(d);
                if (c == null || c.intValue() < 0 || c.intValue() > 2) {
                    throw rejectRaw("ctx." + name + "(dim) needs a constant dimension 0, 1 or 2 (" + where(line)
                            + "), got " + (c == null ? "a computed value" : String.valueOf(c.intValue()))
                            + "; write ctx." + name + "(0), ctx." + name + "(1) or ctx." + name + "(2)");
                }
                Var dst = pushResult(new AType.Prim(Scalar.INT));
                emitResult(new Stmt.WorkItem(dst, q, c.intValue()));
                return;
            }
            if (name.equals("barrier") && descriptor.equals("()V")) {
                popContext();
                barrier = true;
                emit(new Stmt.Barrier());
                return;
            }
            Scalar element = switch (name) {
                case "localFloats" -> Scalar.FLOAT;
                case "localDoubles" -> Scalar.DOUBLE;
                case "localInts" -> Scalar.INT;
                case "localLongs" -> Scalar.LONG;
                case "localShorts" -> Scalar.SHORT;
                case "localBytes" -> Scalar.BYTE;
                default -> null;
            };
            if (element == null) {
                throw reject(line, "the KernelContext method '" + name + "'", "");
            }
            Operand n = popValue(Scalar.INT);
            popContext();
            if (!kernel) {
                throw rejectRaw("ctx." + name + "(n) in the device function " + javaLabel() + " (" + where(line)
                        + ") is not supported in kernels: group-local arrays can only be made in the kernel method"
                        + " itself; call ctx." + name + "(n) in the kernel and pass the array to " + methodName);
            }
            Const c = intConst(n);
            if (c == null || c.intValue() <= 0) {
                throw rejectRaw("ctx." + name + "(n) needs a positive compile-time constant length (" + where(line)
                        + "), got " + (c == null ? "a computed value" : String.valueOf(c.intValue()))
                        + "; use a literal or a static final int constant");
            }
            LocalArrayDecl decl = localArrays.computeIfAbsent(i,
                    k -> new LocalArrayDecl(localArrays.size(), element, c.intValue()));
            localArrayBlock.put(i, block);
            Var dst = pushResult(new AType.Arr(element, AddressSpace.LOCAL));
            emitResult(new Stmt.LocalArray(dst, decl.id()));
        }

        private void popContext() {
            Entry e = pop();
            if (!(e.type instanceof AType.Ctx)) {
                throw new IllegalStateException("front-end bug: expected the KernelContext, found " + e.type);
            }
        }

        private void atomic(String name, String descriptor) {
            AtomicOp op = switch (name) {
                case "add" -> AtomicOp.ADD;
                case "min" -> AtomicOp.MIN;
                case "max" -> AtomicOp.MAX;
                case "compareAndSet" -> AtomicOp.CAS;
                default -> throw reject(line, "Atomics." + name, "use Atomics.add, min, max or compareAndSet");
            };
            List<Operand> operands = new ArrayList<>();
            int count = op == AtomicOp.CAS ? 2 : 1;
            for (int k = 0; k < count; k++) {
                operands.addFirst(pop().op);
            }
            Operand index = popValue(Scalar.INT);
            Var array = popArray();
            AddressSpace space = ((IrType.Array) array.type()).space();
            if (space == AddressSpace.CONSTANT) {
                throw constantWrite("Atomics." + name + " on");
            }
            if (space == AddressSpace.PRIVATE) {
                throw reject(line, "Atomics." + name + " on an array the code allocated with 'new'", "such an array"
                        + " belongs to one work-item, so use plain reads and writes; atomics work on array parameters"
                        + " and group-local arrays");
            }
            checkIndex(array, index);
            Scalar element = ((IrType.Array) array.type()).element();
            if (!descriptor.startsWith("([" + descriptorChar(element))) {
                throw new IllegalStateException("front-end bug: Atomics." + name + descriptor + " on " + array.type());
            }
            Var dst = pushResult(new AType.Prim(op == AtomicOp.CAS ? Scalar.INT : element));
            emitResult(new Stmt.Atomic(dst, op, array, index, operands));
        }

        private void intrinsic(IntrinsicOp op) {
            List<Operand> args = new ArrayList<>();
            for (int k = op.parameters().size() - 1; k >= 0; k--) {
                args.addFirst(popValue(op.parameters().get(k)));
            }
            Var dst = pushResult(new AType.Prim(op.result()));
            emitResult(new Stmt.Intrinsic(dst, op, args));
        }

        private void call(String cls, String name, MethodTypeDesc desc) {
            if (cls.equals("java/lang/String")) {
                throw reject(line, "the String method 'java.lang.String." + name + "'", "strings are supported only"
                        + " as exception messages built with '+' from primitives and strings");
            }
            List<ClassDesc> ps = desc.parameterList();
            List<Operand> args = new ArrayList<>();
            List<AddressSpace> spaces = new ArrayList<>();
            for (int k = ps.size() - 1; k >= 0; k--) {
                Entry e = pop();
                String d = ps.get(k).descriptorString();
                if (d.equals(CONTEXT_DESC)) {
                    if (!(e.type instanceof AType.Ctx)) {
                        throw new IllegalStateException("front-end bug: expected the KernelContext, found " + e.type);
                    }
                    continue;
                }
                if (!e.type.isValue()) {
                    throw reject(line, "passing a " + e.type + " to '" + display(cls) + "." + name + "'",
                            e.type instanceof AType.Str ? "strings are supported only as exception messages" : "");
                }
                if (e.type instanceof AType.Arr a) {
                    spaces.addFirst(a.space());
                }
                args.addFirst(e.op);
            }
            SourcePos here = pos(line);
            Translation.Callee callee = session.callee(owner, cls, name, desc, spaces, home != null ? home : here,
                    calledFrom != null ? calledFrom : here, where(line));
            callees.add(callee.name());
            barrier |= callee.barrier();
            failurePoints |= callee.hasFailurePoints();
            Optional<Var> dst = Optional.empty();
            if (!callee.returnType().equals(IrType.VOID)) {
                dst = Optional.of(pushResult(AType.of(callee.returnType())));
            }
            Stmt s = new Stmt.Call(dst, callee.name(), args);
            if (dst.isPresent()) {
                emitResult(s);
            } else {
                emit(s);
            }
        }

        // --- exceptions and strings

        private void newObject(int i, NewObjectInstruction n) {
            String cls = n.className().asInternalName();
            String binary = cls.replace('/', '.');
            if (!session.isSupportedException(binary, owner)) {
                if (session.isThrowable(binary, owner)) {
                    throw reject(line, "throwing " + display(cls), "kernels may throw IllegalArgumentException,"
                            + " IllegalStateException, ArithmeticException, ArrayIndexOutOfBoundsException,"
                            + " IndexOutOfBoundsException, UnsupportedOperationException and subclasses of"
                            + " org.jdotcompute.api.exceptions.ComputeException");
                }
                throw reject(line, "allocation 'new " + display(cls) + "'", cls.startsWith("java/lang/String")
                        ? "strings are supported only as exception messages built with '+'"
                        : "pass data in primitive arrays and compute with primitives");
            }
            push(new AType.Uninit(binary, i), null);
        }

        private void constructor(int i, String cls, MethodTypeDesc desc) {
            List<ClassDesc> ps = desc.parameterList();
            Entry[] args = new Entry[ps.size()];
            for (int k = ps.size() - 1; k >= 0; k--) {
                args[k] = pop();
            }
            Entry receiver = pop();
            if (!(receiver.type instanceof AType.Uninit u) || !u.className().equals(cls.replace('/', '.'))) {
                throw reject(line, "the constructor call '" + display(cls) + ".<init>'", "");
            }
            List<Argument> arguments = new ArrayList<>();
            List<Operand> values = new ArrayList<>();
            List<ArgumentType> types = new ArrayList<>();
            List<Class<?>> javaTypes = new ArrayList<>();
            for (int k = 0; k < ps.size(); k++) {
                String d = ps.get(k).descriptorString();
                Entry e = args[k];
                if (d.equals(STRING_DESC)) {
                    if (!(e.type instanceof AType.Str s)) {
                        throw reject(line, "an exception message of type " + e.type, "");
                    }
                    arguments.add(Argument.string(s.template()));
                    values.addAll(s.values());
                    types.addAll(s.types());
                    javaTypes.add(String.class);
                } else if (d.length() == 1) {
                    ArgumentType at = argumentType(d.charAt(0));
                    arguments.add(Argument.primitive(at));
                    values.add(stable('e', i, k, e));
                    types.add(at);
                    javaTypes.add(at.javaType());
                } else {
                    throw reject(line, "the exception constructor " + display(cls) + "(" + paramList(ps) + ")",
                            "use a constructor that takes a String message and primitive values");
                }
            }
            if (values.size() > ErrorRecord.MAX_VALUES) {
                throw rejectRaw("the exception thrown at " + where(line) + " carries " + values.size()
                        + " dynamic values, but a device failure records at most " + ErrorRecord.MAX_VALUES
                        + ", so this is not supported in kernels; put fewer computed values into the message");
            }
            session.checkConstructor(u.className(), javaTypes, owner, where(line));
            AType.Exc exc = new AType.Exc(u.className(), arguments, values, types, sitePos(line), i);
            for (int d = 0; d < stack.size(); d++) {
                if (stack.get(d).type.equals(u)) {
                    stack.set(d, new Entry(exc, null));
                }
            }
            for (int s = 0; s < locals.length; s++) {
                if (locals[s].equals(u)) {
                    locals[s] = exc;
                }
            }
        }

        private String paramList(List<ClassDesc> ps) {
            return String.join(", ", ps.stream().map(ClassDesc::displayName).toList());
        }

        /** The operand as a constant or as a copy in a variable that only this instruction writes. */
        private Operand stable(char prefix, int insn, int k, Entry e) {
            if (e.op instanceof Const) {
                return e.op;
            }
            Var v = stableVar(prefix, insn, k, e.type);
            emit(new Stmt.Assign(v, e.op));
            return v;
        }

        private void invokeDynamic(int i, InvokeDynamicInstruction indy) {
            var bsm = indy.bootstrapMethod();
            String bsmOwner = bsm.owner().descriptorString();
            String bsmName = bsm.methodName();
            if (!bsmOwner.equals("Ljava/lang/invoke/StringConcatFactory;")
                    || !(bsmName.equals("makeConcatWithConstants") || bsmName.equals("makeConcat"))) {
                throw reject(line, "invokedynamic (" + indy.name().stringValue() + " via " + bsm.owner().displayName()
                        + "." + bsmName + ": a lambda, method reference, pattern switch or similar)",
                        "kernels call static methods only");
            }
            List<ClassDesc> ps = indy.typeSymbol().parameterList();
            Entry[] operands = new Entry[ps.size()];
            for (int k = ps.size() - 1; k >= 0; k--) {
                operands[k] = pop();
            }
            List<ConstantDesc> bsmArgs = indy.bootstrapArgs();
            String recipe = bsmName.equals("makeConcat") ? "\u0001".repeat(ps.size()) : (String) bsmArgs.getFirst();
            StringBuilder template = new StringBuilder();
            List<Operand> values = new ArrayList<>();
            List<ArgumentType> types = new ArrayList<>();
            int next = 0;
            int nextConstant = 1;
            for (int c = 0; c < recipe.length(); c++) {
                char ch = recipe.charAt(c);
                if (ch == '\u0001') {
                    int k = next++;
                    Entry e = operands[k];
                    String d = ps.get(k).descriptorString();
                    if (d.equals(STRING_DESC)) {
                        if (!(e.type instanceof AType.Str s)) {
                            throw reject(line, "concatenating a " + e.type, "");
                        }
                        template.append(s.template());
                        values.addAll(s.values());
                        types.addAll(s.types());
                    } else if (d.length() == 1) {
                        if (e.op instanceof Const constant) {
                            template.append(show(d.charAt(0), constant));
                        } else {
                            template.append(DeviceErrorSite.PLACEHOLDER);
                            values.add(stable('m', i, k, e));
                            types.add(argumentType(d.charAt(0)));
                        }
                    } else {
                        throw reject(line, "concatenating an object of type " + ps.get(k).displayName()
                                + " into a string", "only primitives and strings can be part of an exception message");
                    }
                } else if (ch == '\u0002') {
                    String constant = String.valueOf(bsmArgs.get(nextConstant++));
                    if (constant.indexOf(DeviceErrorSite.PLACEHOLDER) >= 0) {
                        throw reject(line, "a string constant containing U+0001", "the device error protocol"
                                + " reserves that character for message placeholders");
                    }
                    template.append(constant);
                } else {
                    template.append(ch);
                }
            }
            push(new AType.Str(i, template.toString(), values, types), null);
        }

        private static String show(char descriptor, Const c) {
            return switch (descriptor) {
                case 'Z' -> String.valueOf(c.intValue() != 0);
                case 'C' -> String.valueOf((char) c.intValue());
                case 'B', 'S', 'I' -> String.valueOf(c.intValue());
                case 'J' -> String.valueOf(c.longValue());
                case 'F' -> String.valueOf(c.floatValue());
                case 'D' -> String.valueOf(c.doubleValue());
                default -> throw new IllegalArgumentException(String.valueOf(descriptor));
            };
        }

        /**
         * Reading a static field: a JDK class's {@code $assertionsDisabled}, which is true unless the
         * JVM runs with {@code -esa} (so JDK asserts fold away), or a {@code static final}
         * one-dimensional primitive array, which becomes a constant table; all else is rejected.
         */
        private void field(FieldInstruction f) {
            if (f.opcode() == Opcode.GETSTATIC && f.name().stringValue().equals("$assertionsDisabled")
                    && Translation.isJdk(owner)) {
                push(new AType.Prim(Scalar.INT), Const.ofInt(1));
                return;
            }
            String d = f.typeSymbol().descriptorString();
            if (f.opcode() == Opcode.GETSTATIC && d.length() == 2 && d.charAt(0) == '[' && d.charAt(1) != 'L'
                    && d.charAt(1) != '[') {
                ConstantArrayDecl table = session.constantArray(owner, f.owner().asInternalName(),
                        f.name().stringValue(), d, where(line));
                Var dst = pushResult(new AType.Arr(table.element(), AddressSpace.CONSTANT));
                emitResult(new Stmt.ConstantArray(dst, table.id()));
                return;
            }
            throw fieldRejection(f);
        }

        /**
         * {@code new T[n]} with a constant {@code n}: a per-work-item array, one per allocation site,
         * zeroed each time the site runs (sites in loops are rejected afterwards).
         */
        private void privateArray(int i, TypeKind kind) {
            Operand n = popValue(Scalar.INT);
            Scalar element = scalarOf(kind);
            Const c = intConst(n);
            String what = "allocation 'new " + kind.upperBound().displayName() + "[" + (c == null ? "n" : c.intValue())
                    + "]'";
            if (c == null || c.intValue() <= 0) {
                throw reject(line, what + (c == null ? " with a computed length" : ""), "a kernel allocates only"
                        + " arrays of positive compile-time constant length (a literal or a static final int), in"
                        + " per-work-item memory; pass larger or variable arrays as kernel parameters"
                        + allocationHint(kind));
            }
            if ((long) c.intValue() * element.byteSize() > MAX_PRIVATE_ARRAY_BYTES) {
                throw reject(line, what + " of " + (long) c.intValue() * element.byteSize() + " bytes", "arrays a"
                        + " kernel allocates live in per-work-item memory and may have at most "
                        + MAX_PRIVATE_ARRAY_BYTES + " bytes; pass the array as a kernel parameter" + allocationHint(kind));
            }
            PrivateArrayDecl decl = privateArrays.computeIfAbsent(i,
                    k -> new PrivateArrayDecl(privateArrays.size(), element, c.intValue()));
            privateArrayBlock.put(i, block);
            Var dst = pushResult(new AType.Arr(element, AddressSpace.PRIVATE));
            emitResult(new Stmt.PrivateArray(dst, decl.id()));
        }

        private static String allocationHint(TypeKind k) {
            return switch (k) {
                case FLOAT -> ", or use ctx.localFloats(n)";
                case DOUBLE -> ", or use ctx.localDoubles(n)";
                case INT -> ", or use ctx.localInts(n)";
                case LONG -> ", or use ctx.localLongs(n)";
                case SHORT -> ", or use ctx.localShorts(n)";
                case BYTE -> ", or use ctx.localBytes(n)";
                default -> "";
            };
        }

        private Rejection fieldRejection(FieldInstruction f) {
            String name = display(f.owner().asInternalName()) + "." + f.name().stringValue();
            return switch (f.opcode()) {
                case GETSTATIC -> f.name().stringValue().equals("$assertionsDisabled")
                        ? reject(line, "an assert statement", "write 'if (!condition) throw new"
                                + " IllegalStateException(\"...\");' instead")
                        : reject(line, "reading the static field '" + name + "'", "pass the value as a kernel"
                                + " parameter, or make the field a compile-time constant (static final primitive or"
                                + " String initialised with a constant expression), which javac inlines, or a static"
                                + " final one-dimensional primitive array, which kernels read as a constant table");
                case PUTSTATIC -> reject(line, "writing the static field '" + name + "'", "write results into an"
                        + " array parameter");
                default -> reject(line, "the field access '" + name + "'", "kernels have no objects; pass"
                        + " primitives and primitive arrays as parameters");
            };
        }

        // --- block end

        /**
         * Moves every stack value into its canonical variable for the successors, keeping the
         * {@code live} operands (read by the terminator) intact; returns them, possibly replaced.
         */
        private List<Operand> materialize(List<Operand> live) {
            Set<Var> written = new HashSet<>();
            for (int d = 0; d < stack.size(); d++) {
                Entry e = stack.get(d);
                if (e.type.isValue() && !stackVar(d, e.type).equals(e.op)) {
                    written.add(stackVar(d, e.type));
                }
            }
            List<Operand> result = new ArrayList<>(live);
            for (int k = 0; k < result.size(); k++) {
                if (result.get(k) instanceof Var v && written.contains(v)) {
                    Var t = temp(AType.of(v.type()));
                    emit(new Stmt.Assign(t, v));
                    result.set(k, t);
                }
            }
            for (int d = 0; d < stack.size(); d++) {
                Entry e = stack.get(d);
                if (e.type.isValue() && e.op instanceof Var v && written.contains(v) && !stackVar(d, e.type).equals(v)) {
                    Var t = temp(e.type);
                    emit(new Stmt.Assign(t, v));
                    e.op = t;
                }
            }
            for (int d = 0; d < stack.size(); d++) {
                Entry e = stack.get(d);
                if (e.type.isValue()) {
                    Var canonical = stackVar(d, e.type);
                    if (!canonical.equals(e.op)) {
                        emit(new Stmt.Assign(canonical, e.op));
                        e.op = canonical;
                    }
                }
            }
            return result;
        }

        private BlockResult finish(Ending ending) {
            Terminator term = ending.terminator();
            if (term instanceof Terminator.Goto) {
                materialize(List.of());
            }
            Map<Integer, Frame> exits = new LinkedHashMap<>();
            if (term != null) {
                List<AType> stackTypes = stack.stream().map(e -> e.type).toList();
                for (int s : term.successors()) {
                    exits.put(s, new Frame(Arrays.asList(locals), stackTypes));
                }
            }
            return new BlockResult(new RawFunction.RawBlock(block, out, term, ending.thrown()), exits);
        }
    }

    /** How a block ends: a terminator, or a throw. */
    private record Ending(Terminator terminator, AType.Exc thrown) {
    }

    /** {@code s} writing {@code dst} instead of its destination. */
    static Stmt withDestination(Stmt s, Var dst) {
        return switch (s) {
            case Stmt.Assign a -> new Stmt.Assign(dst, a.src());
            case Stmt.Binary b -> new Stmt.Binary(dst, b.op(), b.a(), b.b());
            case Stmt.Negate n -> new Stmt.Negate(dst, n.a());
            case Stmt.Convert c -> new Stmt.Convert(dst, c.from(), c.to(), c.a());
            case Stmt.Compare3 c -> new Stmt.Compare3(dst, c.a(), c.b(), c.nanResult());
            case Stmt.Load l -> new Stmt.Load(dst, l.array(), l.index());
            case Stmt.Length l -> new Stmt.Length(dst, l.array());
            case Stmt.Call c -> new Stmt.Call(Optional.of(dst), c.function(), c.args());
            case Stmt.Intrinsic x -> new Stmt.Intrinsic(dst, x.op(), x.args());
            case Stmt.WorkItem w -> new Stmt.WorkItem(dst, w.query(), w.dimension());
            case Stmt.LocalArray l -> new Stmt.LocalArray(dst, l.arrayId());
            case Stmt.ConstantArray c -> new Stmt.ConstantArray(dst, c.arrayId());
            case Stmt.PrivateArray p -> new Stmt.PrivateArray(dst, p.arrayId());
            case Stmt.Atomic a -> new Stmt.Atomic(dst, a.op(), a.array(), a.index(), a.operands());
            default -> throw new IllegalArgumentException(s + " writes no variable");
        };
    }

    private static String display(String internalName) {
        return internalName.replace('/', '.');
    }

    private static char descriptorChar(Scalar s) {
        return switch (s) {
            case BOOLEAN -> 'Z';
            case BYTE -> 'B';
            case CHAR -> 'C';
            case SHORT -> 'S';
            case INT -> 'I';
            case LONG -> 'J';
            case FLOAT -> 'F';
            case DOUBLE -> 'D';
        };
    }

    static CompareOp zeroCompare(Opcode op) {
        return switch (op) {
            case IFEQ -> CompareOp.EQ;
            case IFNE -> CompareOp.NE;
            case IFLT -> CompareOp.LT;
            case IFGE -> CompareOp.GE;
            case IFGT -> CompareOp.GT;
            case IFLE -> CompareOp.LE;
            default -> null;
        };
    }

    /** Whether {@code value OP 0} holds. */
    static boolean holds(CompareOp op, int value) {
        return switch (op) {
            case EQ -> value == 0;
            case NE -> value != 0;
            case LT -> value < 0;
            case GE -> value >= 0;
            case GT -> value > 0;
            case LE -> value <= 0;
        };
    }

    /** Evaluates a comparison of two constants of one kind (IEEE for floats). */
    static boolean constantCompare(CompareOp op, Const x, Const y) {
        int c;
        if (x.kind() == Scalar.FLOAT || x.kind() == Scalar.DOUBLE) {
            double a = x.kind() == Scalar.FLOAT ? x.floatValue() : x.doubleValue();
            double b = y.kind() == Scalar.FLOAT ? y.floatValue() : y.doubleValue();
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return op == CompareOp.NE;
            }
            c = Double.compare(a == 0 ? 0 : a, b == 0 ? 0 : b);
        } else {
            c = Long.compare(x.bits(), y.bits());
        }
        return holds(op, c);
    }

    static CompareOp negate(CompareOp op) {
        return switch (op) {
            case EQ -> CompareOp.NE;
            case NE -> CompareOp.EQ;
            case LT -> CompareOp.GE;
            case GE -> CompareOp.LT;
            case GT -> CompareOp.LE;
            case LE -> CompareOp.GT;
        };
    }

    // ------------------------------------------------------------------ group-local arrays

    /**
     * Each {@code ctx.localX(n)} call site is one group-local array, while the CPU numbers calls
     * in execution order: so every site must run exactly once per work-item, in site order —
     * outside loops, and each dominated by the previous one.
     */
    private void checkLocalArraySites(List<RawFunction.RawBlock> blocks) {
        if (localArrays.isEmpty()) {
            return;
        }
        Map<Integer, List<Integer>> succ = new HashMap<>();
        for (RawFunction.RawBlock b : blocks) {
            succ.put(b.id(), b.terminator() == null ? List.of() : b.terminator().successors());
        }
        Map<Integer, Set<Integer>> dom = dominators(blocks, succ);
        List<Integer> sites = new ArrayList<>(localArrays.keySet());
        sites.sort(Integer::compare);
        int previous = -1;
        for (int insn : sites) {
            int b = localArrayBlock.get(insn);
            boolean inLoop = reachable(succ, succ.getOrDefault(b, List.of()), b);
            boolean ordered = previous < 0 || (localArrayBlock.get(previous).intValue() == b ? previous < insn
                    : dom.getOrDefault(b, Set.of()).contains(localArrayBlock.get(previous)));
            if (inLoop || !ordered) {
                throw rejectRaw("the group-local array made at " + (inLoop ? where(lines.get(insn))
                        + " is made inside a loop" : where(lines.get(previous)) + " is made on a conditional path"
                        + " before the one at " + where(lines.get(insn)))
                        + ", which is not supported in kernels: each ctx.localX(n) call site is one array shared by"
                        + " the work-group, so call every ctx.localX(n) exactly once, unconditionally, at the top of"
                        + " the kernel");
            }
            previous = insn;
        }
    }

    /**
     * Each {@code new T[n]} site is one per-work-item array, zeroed whenever the site runs; a site in
     * a loop would hand out the same storage to references that Java keeps apart, so it is rejected.
     */
    private void checkPrivateArraySites(List<RawFunction.RawBlock> blocks) {
        if (privateArrays.isEmpty()) {
            return;
        }
        Map<Integer, List<Integer>> succ = new HashMap<>();
        for (RawFunction.RawBlock b : blocks) {
            succ.put(b.id(), b.terminator() == null ? List.of() : b.terminator().successors());
        }
        for (int insn : new TreeSet<>(privateArrays.keySet())) {
            int b = privateArrayBlock.get(insn);
            if (reachable(succ, succ.getOrDefault(b, List.of()), b)) {
                throw rejectRaw("the allocation 'new " + privateArrays.get(insn).element().name().toLowerCase(
                        java.util.Locale.ROOT) + "[" + privateArrays.get(insn).length() + "]' at " + where(lines.get(insn))
                        + " is inside a loop, which is not supported in kernels: each allocation site is one"
                        + " per-work-item array, zeroed each time the site runs; allocate the array once before the"
                        + " loop (and clear it in the loop if needed)");
            }
        }
    }

    private static boolean reachable(Map<Integer, List<Integer>> succ, List<Integer> from, int target) {
        ArrayDeque<Integer> work = new ArrayDeque<>(from);
        Set<Integer> seen = new HashSet<>();
        while (!work.isEmpty()) {
            int b = work.pop();
            if (b == target) {
                return true;
            }
            if (seen.add(b)) {
                work.addAll(succ.getOrDefault(b, List.of()));
            }
        }
        return false;
    }

    /** The dominators of each block (iterative data flow; functions are small). */
    static Map<Integer, Set<Integer>> dominators(List<RawFunction.RawBlock> blocks, Map<Integer, List<Integer>> succ) {
        Map<Integer, List<Integer>> pred = new HashMap<>();
        for (RawFunction.RawBlock b : blocks) {
            for (int s : succ.get(b.id())) {
                pred.computeIfAbsent(s, k -> new ArrayList<>()).add(b.id());
            }
        }
        Set<Integer> all = new HashSet<>();
        blocks.forEach(b -> all.add(b.id()));
        Map<Integer, Set<Integer>> dom = new HashMap<>();
        int entry = blocks.getFirst().id();
        for (RawFunction.RawBlock b : blocks) {
            dom.put(b.id(), b.id() == entry ? new HashSet<>(Set.of(entry)) : new HashSet<>(all));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (RawFunction.RawBlock b : blocks) {
                if (b.id() == entry) {
                    continue;
                }
                Set<Integer> d = null;
                for (int p : pred.getOrDefault(b.id(), List.of())) {
                    if (d == null) {
                        d = new HashSet<>(dom.get(p));
                    } else {
                        d.retainAll(dom.get(p));
                    }
                }
                if (d == null) {
                    d = new HashSet<>();
                }
                d.add(b.id());
                if (!d.equals(dom.get(b.id()))) {
                    dom.put(b.id(), d);
                    changed = true;
                }
            }
        }
        return dom;
    }
}
