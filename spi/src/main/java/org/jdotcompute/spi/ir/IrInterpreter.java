package org.jdotcompute.spi.ir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.device.DeviceErrors;
import org.jdotcompute.spi.device.ErrorRecord;

/**
 * The reference interpreter of the kernel IR: the executable definition of its semantics, for
 * backend authors (an emitter is correct when its kernels behave like this) and the oracle of
 * the front end's tests.
 *
 * <p><b>Execution model.</b> Work-groups run one after another (dimension 0 fastest). Within a
 * group, every work-item runs until it reaches a barrier or finishes, in local-id order; when
 * every work-item of the group waits at the same barrier statement, they all pass it. A group in
 * which some work-items finish while others wait at a barrier, or in which work-items wait at
 * different barriers, is an error ({@link IllegalStateException}): on a device it is undefined
 * behaviour (usually a hang). Without a local size in the range, each work-item is a group of
 * one; kernels with barriers or group-local arrays need an explicit local size. Group-local
 * arrays start zeroed for every group. A {@link Stmt.PrivateArray} makes a fresh zeroed array each
 * time it runs, as {@code new} does. Constant tables are arrays holding
 * {@link ConstantArrayDecl#values()}, the same for every work-item and launch.
 *
 * <p><b>Semantics</b> are exactly those of the {@link org.jdotcompute.spi.ir package
 * documentation}: Java arithmetic (unchecked integer division by zero yields 0), conversions,
 * IEEE comparisons, {@code BOOLEAN} stores narrowed with {@code & 1}. Transcendental
 * {@link IntrinsicOp}s use {@link StrictMath}, the reference their ULP bounds are measured
 * against. An array access outside the array that no {@code CheckIndex} guards is undefined on a
 * device and throws {@link IllegalStateException} here.
 *
 * <p><b>Failures</b> follow the device protocol ({@code org.jdotcompute.spi.device}): a failing
 * work-item increments the record's {@code count} and, if {@code state} is still 0, claims it and
 * writes the site, its global id and the dynamic values (raw bits, sign-extended as the layout
 * says). A work-item records at most one failure. In {@link FailureMode#RETURN} functions the
 * work-item then ends (each caller leaves as soon as its callee returns with the failure flag
 * set). In {@link FailureMode#CONTINUE} functions it carries on with the flag set: loads yield 0,
 * stores and atomics do nothing (an atomic yields 0), further checks and reports record nothing,
 * and calls of {@code RETURN} functions (which cannot fail) are skipped, yielding 0. Work-items run
 * one at a time, so the first failing work-item in execution order wins.
 *
 * <p>Thread-safe: an instance holds only the verified IR; each {@link #execute} call has its own
 * state. Arrays passed to {@code execute} are read and written in place.
 */
public final class IrInterpreter {
    /** The backend name the interpreter reports failures under. */
    public static final String BACKEND_NAME = "IR interpreter";

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final KernelIR ir;
    private final Map<String, Fn> functions = new HashMap<>();
    private final Object[] constants;

    /**
     * @param ir the kernel
     * @throws IllegalArgumentException if {@code ir} fails {@link IrVerifier#verify}
     */
    public IrInterpreter(KernelIR ir) {
        this.ir = Objects.requireNonNull(ir, "ir");
        IrVerifier.verify(ir);
        for (IrFunction f : ir.functions()) {
            functions.put(f.name(), new Fn(f));
        }
        constants = new Object[ir.constantArrays().size()];
        for (ConstantArrayDecl c : ir.constantArrays()) {
            Object array = java.lang.reflect.Array.newInstance(c.element().javaType(), c.length());
            for (int i = 0; i < c.length(); i++) {
                store(array, i, c.bits(i), null);
            }
            constants[c.id()] = array;
        }
    }

    /** The kernel this interpreter runs. */
    public KernelIR ir() {
        return ir;
    }

    /**
     * Runs the kernel over {@code range} with a fresh, zeroed error record.
     *
     * @param arguments one per kernel parameter: a boxed primitive of the parameter's Java type
     *                  ({@code Integer}, {@code Short}, {@code Byte}, {@code Character} or
     *                  {@code Boolean} for {@code INT}; {@code Long}; {@code Float}; {@code Double})
     *                  or a primitive array of exactly the element type
     * @throws IllegalArgumentException if the arguments or the range do not suit the kernel
     * @throws IllegalStateException    for undefined behaviour (an unguarded out-of-bounds access,
     *                                  work-items diverging at barriers)
     */
    public Execution execute(Range range, List<?> arguments) {
        MemorySegment record = Arena.ofAuto().allocate(ErrorRecord.BYTES, 8);
        return execute(range, arguments, record);
    }

    /**
     * Runs the kernel, recording failures in {@code errorRecord} (at least
     * {@link ErrorRecord#BYTES} bytes; not cleared first, so a failure already recorded wins).
     *
     * @see #execute(Range, List)
     */
    public Execution execute(Range range, List<?> arguments, MemorySegment errorRecord) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(errorRecord, "errorRecord");
        if (errorRecord.byteSize() < ErrorRecord.BYTES) {
            throw new IllegalArgumentException("the error record has " + errorRecord.byteSize() + " bytes, it needs "
                    + ErrorRecord.BYTES);
        }
        Fn kernel = functions.get(ir.kernel().name());
        Object[] args = arguments(arguments);
        boolean grouped = ir.uses(IrFeature.BARRIER) || ir.uses(IrFeature.LOCAL_MEMORY);
        if (grouped && !range.hasLocal()) {
            throw new IllegalArgumentException("kernel " + ir.kernelName() + " uses barriers or group-local arrays, so"
                    + " the range " + range + " needs a local size; use Range.withLocal(...)");
        }
        int[] global = {range.global(0), range.global(1), range.global(2)};
        int[] local = range.hasLocal() ? new int[] {range.local(0), range.local(1), range.local(2)} : new int[] {1, 1, 1};
        int[] groups = {global[0] / local[0], global[1] / local[1], global[2] / local[2]};
        Launch launch = new Launch(global, local, groups, errorRecord);
        for (int gz = 0; gz < groups[2]; gz++) {
            for (int gy = 0; gy < groups[1]; gy++) {
                for (int gx = 0; gx < groups[0]; gx++) {
                    runGroup(launch, kernel, args, new int[] {gx, gy, gz});
                }
            }
        }
        return new Execution(ir, errorRecord);
    }

    /**
     * The outcome of one launch. Safe to read from any thread once {@code execute} has returned.
     *
     * @param ir          the kernel
     * @param errorRecord the device error record it wrote
     */
    public record Execution(KernelIR ir, MemorySegment errorRecord) {
        public Execution {
            Objects.requireNonNull(ir, "ir");
            Objects.requireNonNull(errorRecord, "errorRecord");
        }

        /** Whether a work-item failed. */
        public boolean failed() {
            return ErrorRecord.failed(errorRecord);
        }

        /**
         * The failure as the host would report it: decoded with {@link DeviceErrors#decode}.
         *
         * @param loader the class loader that sees the kernel's exception classes
         */
        public Optional<DeviceKernelException> failure(ClassLoader loader) {
            return DeviceErrors.decode(BACKEND_NAME, errorRecord, ir.sites(), loader);
        }
    }

    // ------------------------------------------------------------------ set-up

    private Object[] arguments(List<?> arguments) {
        List<Var> params = ir.kernel().parameters();
        if (arguments.size() != params.size()) {
            throw new IllegalArgumentException("kernel " + ir.kernelName() + " takes " + params.size()
                    + " argument(s), got " + arguments.size());
        }
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            Object a = arguments.get(i);
            IrType t = params.get(i).type();
            Object v = switch (t) {
                case IrType.Prim p -> switch (p.scalar()) {
                    case INT -> switch (a) {
                        case Integer x -> (long) x;
                        case Short x -> (long) x;
                        case Byte x -> (long) x;
                        case Character x -> (long) x;
                        case Boolean x -> x ? 1L : 0L;
                        case null, default -> null;
                    };
                    case LONG -> a instanceof Long x ? x : null;
                    case FLOAT -> a instanceof Float x ? (long) Float.floatToRawIntBits(x) : null;
                    case DOUBLE -> a instanceof Double x ? Double.doubleToRawLongBits(x) : null;
                    default -> null;
                };
                case IrType.Array arr -> a != null && a.getClass() == java.lang.reflect.Array.newInstance(
                        arr.element().javaType(), 0).getClass() ? a : null;
                case IrType.Void x -> null;
            };
            if (v == null) {
                throw new IllegalArgumentException("argument " + i + " ('" + params.get(i).name() + "') of kernel "
                        + ir.kernelName() + " must be a " + t + ", got "
                        + (a == null ? "null" : a.getClass().getSimpleName() + " " + a));
            }
            values[i] = v;
        }
        return values;
    }

    /** A function prepared for execution. */
    private static final class Fn {
        final IrFunction f;
        final Map<Integer, Block> blocks = new HashMap<>();
        final Map<Integer, PrivateArrayDecl> privateArrays = new HashMap<>();
        final int slots;

        Fn(IrFunction f) {
            this.f = f;
            f.blocks().forEach(b -> blocks.put(b.id(), b));
            f.privateArrays().forEach(d -> privateArrays.put(d.id(), d));
            int max = -1;
            for (Var v : f.parameters()) {
                max = Math.max(max, v.id());
            }
            for (Var v : f.locals()) {
                max = Math.max(max, v.id());
            }
            slots = max + 1;
        }
    }

    private record Launch(int[] global, int[] local, int[] groups, MemorySegment record) {
    }

    /** One call's state. */
    private static final class Frame {
        final Fn fn;
        final long[] prims;
        final Object[] refs;
        final Var result;
        Block block;
        int pc;

        Frame(Fn fn, Var result) {
            this.fn = fn;
            this.prims = new long[fn.slots];
            this.refs = new Object[fn.slots];
            this.result = result;
            this.block = fn.f.entry();
        }
    }

    /** One work-item's state. */
    private static final class Item {
        final int[] globalId;
        final int[] localId;
        final ArrayDeque<Frame> frames = new ArrayDeque<>();
        boolean failed;
        boolean done;
        String barrier;

        Item(int[] globalId, int[] localId) {
            this.globalId = globalId;
            this.localId = localId;
        }
    }

    private void runGroup(Launch launch, Fn kernel, Object[] args, int[] group) {
        int[] local = launch.local();
        Object[] localArrays = new Object[kernel.f.localArrays().size()];
        for (LocalArrayDecl d : kernel.f.localArrays()) {
            localArrays[d.id()] = java.lang.reflect.Array.newInstance(d.element().javaType(), d.length());
        }
        List<Item> items = new ArrayList<>();
        for (int z = 0; z < local[2]; z++) {
            for (int y = 0; y < local[1]; y++) {
                for (int x = 0; x < local[0]; x++) {
                    Item item = new Item(new int[] {group[0] * local[0] + x, group[1] * local[1] + y,
                            group[2] * local[2] + z}, new int[] {x, y, z});
                    Frame f = new Frame(kernel, null);
                    List<Var> params = kernel.f.parameters();
                    for (int i = 0; i < params.size(); i++) {
                        if (args[i] instanceof Long bits) {
                            f.prims[params.get(i).id()] = bits;
                        } else {
                            f.refs[params.get(i).id()] = args[i];
                        }
                    }
                    item.frames.push(f);
                    items.add(item);
                }
            }
        }
        Group g = new Group(launch, group, localArrays);
        while (true) {
            for (Item item : items) {
                while (!item.done && item.barrier == null) {
                    step(g, item);
                }
            }
            String barrier = null;
            int waiting = 0;
            for (Item item : items) {
                if (item.barrier != null) {
                    waiting++;
                    if (barrier != null && !barrier.equals(item.barrier)) {
                        throw new IllegalStateException("work-items of group " + java.util.Arrays.toString(group)
                                + " of kernel " + ir.kernelName() + " wait at different barriers (" + barrier + " and "
                                + item.barrier + "): undefined behaviour on a device");
                    }
                    barrier = item.barrier;
                }
            }
            if (waiting == 0) {
                return;
            }
            if (waiting != items.size()) {
                throw new IllegalStateException((items.size() - waiting) + " work-item(s) of group "
                        + java.util.Arrays.toString(group) + " of kernel " + ir.kernelName() + " finished while "
                        + waiting + " wait at the barrier " + barrier + ": every work-item of a group must reach the"
                        + " same barriers (undefined behaviour on a device)");
            }
            items.forEach(i -> i.barrier = null);
        }
    }

    private record Group(Launch launch, int[] groupId, Object[] localArrays) {
    }

    // ------------------------------------------------------------------ one step

    private void step(Group g, Item item) {
        Frame f = item.frames.peek();
        List<Stmt> stmts = f.block.statements();
        if (f.pc < stmts.size()) {
            Stmt s = stmts.get(f.pc++);
            exec(g, item, f, s);
        } else {
            terminate(g, item, f, f.block.terminator());
        }
    }

    private static long bits(Frame f, Operand o) {
        return o instanceof Const c ? c.bits() : f.prims[((Var) o).id()];
    }

    private static int i32(Frame f, Operand o) {
        return (int) bits(f, o);
    }

    private static float f32(Frame f, Operand o) {
        return Float.intBitsToFloat((int) bits(f, o));
    }

    private static double f64(Frame f, Operand o) {
        return Double.longBitsToDouble(bits(f, o));
    }

    private static long ofFloat(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long ofDouble(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static Scalar kind(Operand o) {
        return ((IrType.Prim) o.type()).scalar();
    }

    private boolean suppressed(Item item, Frame f) {
        return item.failed && f.fn.f.failureMode() == FailureMode.CONTINUE;
    }

    private void exec(Group g, Item item, Frame f, Stmt s) {
        switch (s) {
            case Stmt.Assign a -> {
                if (a.dst().type() instanceof IrType.Array) {
                    f.refs[a.dst().id()] = f.refs[((Var) a.src()).id()];
                } else {
                    f.prims[a.dst().id()] = bits(f, a.src());
                }
            }
            case Stmt.Binary b -> f.prims[b.dst().id()] = binary(f, b);
            case Stmt.Negate n -> f.prims[n.dst().id()] = switch (kind(n.a())) {
                case INT -> -i32(f, n.a());
                case LONG -> -bits(f, n.a());
                case FLOAT -> ofFloat(-f32(f, n.a()));
                case DOUBLE -> ofDouble(-f64(f, n.a()));
                default -> throw new AssertionError(n);
            };
            case Stmt.Convert c -> f.prims[c.dst().id()] = convert(f, c);
            case Stmt.Compare3 c -> f.prims[c.dst().id()] = compare3(f, c);
            case Stmt.Load l -> {
                if (suppressed(item, f)) {
                    f.prims[l.dst().id()] = 0;
                } else {
                    f.prims[l.dst().id()] = load(f.refs[l.array().id()], i32(f, l.index()), l);
                }
            }
            case Stmt.Store st -> {
                if (!suppressed(item, f)) {
                    store(f.refs[st.array().id()], i32(f, st.index()), bits(f, st.value()), st);
                }
            }
            case Stmt.Length l -> f.prims[l.dst().id()] = java.lang.reflect.Array.getLength(f.refs[l.array().id()]);
            case Stmt.CheckIndex c -> {
                int index = i32(f, c.index());
                int length = java.lang.reflect.Array.getLength(f.refs[c.array().id()]);
                if (!item.failed && Integer.compareUnsigned(index, length) >= 0) {
                    fail(g, item, f, c.siteId(), new long[] {index, length});
                }
            }
            case Stmt.CheckDivisor c -> {
                if (!item.failed && bits(f, c.divisor()) == 0) {
                    fail(g, item, f, c.siteId(), new long[0]);
                }
            }
            case Stmt.Call c -> {
                Fn callee = functions.get(c.function());
                if (suppressed(item, f) && callee.f.failureMode() == FailureMode.RETURN) {
                    c.dst().ifPresent(d -> f.prims[d.id()] = 0);
                    return;
                }
                Frame next = new Frame(callee, c.dst().orElse(null));
                List<Var> params = callee.f.parameters();
                for (int i = 0; i < params.size(); i++) {
                    Operand arg = c.args().get(i);
                    if (params.get(i).type() instanceof IrType.Array) {
                        next.refs[params.get(i).id()] = f.refs[((Var) arg).id()];
                    } else {
                        next.prims[params.get(i).id()] = bits(f, arg);
                    }
                }
                item.frames.push(next);
            }
            case Stmt.Intrinsic x -> f.prims[x.dst().id()] = intrinsic(f, x);
            case Stmt.WorkItem w -> f.prims[w.dst().id()] = workItem(g, item, w);
            case Stmt.Barrier b -> item.barrier = f.fn.f.name() + " B" + f.block.id() + "#" + (f.pc - 1);
            case Stmt.LocalArray l -> f.refs[l.dst().id()] = g.localArrays()[l.arrayId()];
            case Stmt.ConstantArray c -> f.refs[c.dst().id()] = constants[c.arrayId()];
            case Stmt.PrivateArray p -> {
                PrivateArrayDecl d = f.fn.privateArrays.get(p.arrayId());
                f.refs[p.dst().id()] = java.lang.reflect.Array.newInstance(d.element().javaType(), d.length());
            }
            case Stmt.Atomic a -> {
                if (suppressed(item, f)) {
                    f.prims[a.dst().id()] = 0;
                } else {
                    f.prims[a.dst().id()] = atomic(f, a);
                }
            }
            case Stmt.ReportFailure r -> {
                if (!item.failed) {
                    long[] values = new long[r.values().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = bits(f, r.values().get(i));
                    }
                    fail(g, item, f, r.siteId(), values);
                }
            }
        }
    }

    private void terminate(Group g, Item item, Frame f, Terminator t) {
        switch (t) {
            case Terminator.Goto go -> jump(f, go.target());
            case Terminator.Branch b -> jump(f, branch(f, b) ? b.ifTrue() : b.ifFalse());
            case Terminator.Switch s -> {
                int key = i32(f, s.key());
                int target = s.defaultTarget();
                for (Terminator.Switch.Case c : s.cases()) {
                    if (c.key() == key) {
                        target = c.target();
                        break;
                    }
                }
                jump(f, target);
            }
            case Terminator.Return r -> {
                item.frames.pop();
                Frame caller = item.frames.peek();
                if (caller == null) {
                    item.done = true;
                    return;
                }
                if (item.failed && f.fn.f.failureMode() == FailureMode.RETURN) {
                    leave(item);
                    return;
                }
                if (f.result != null) {
                    caller.prims[f.result.id()] = bits(f, r.value().orElseThrow());
                }
            }
            case Terminator.Throw th -> {
                long[] values = new long[th.values().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = bits(f, th.values().get(i));
                }
                fail(g, item, f, th.siteId(), values);
            }
        }
    }

    private static void jump(Frame f, int target) {
        f.block = f.fn.blocks.get(target);
        f.pc = 0;
    }

    /** Records a failure; in a RETURN function the work-item then ends. */
    private void fail(Group g, Item item, Frame f, int site, long[] values) {
        if (!item.failed) {
            MemorySegment r = g.launch().record();
            r.set(INT_LE, ErrorRecord.COUNT, r.get(INT_LE, ErrorRecord.COUNT) + 1);
            if (r.get(INT_LE, ErrorRecord.STATE) == 0) { // the device's compare-and-swap from 0 to 1
                r.set(INT_LE, ErrorRecord.STATE, 1);
                r.set(INT_LE, ErrorRecord.SITE, site);
                for (int d = 0; d < 3; d++) {
                    r.set(INT_LE, ErrorRecord.GID + 4L * d, item.globalId[d]);
                }
                for (int i = 0; i < ErrorRecord.MAX_VALUES; i++) {
                    r.set(LONG_LE, ErrorRecord.VALUES + 8L * i, i < values.length ? values[i] : 0);
                }
            }
            item.failed = true;
        }
        if (f.fn.f.failureMode() == FailureMode.RETURN) {
            leave(item);
        }
    }

    /** The work-item leaves every function (RETURN mode: each caller sees the flag and leaves). */
    private static void leave(Item item) {
        item.frames.clear();
        item.done = true;
    }

    // ------------------------------------------------------------------ operations

    private static long binary(Frame f, Stmt.Binary b) {
        return switch (kind(b.a())) {
            case INT -> {
                int x = i32(f, b.a());
                int y = i32(f, b.b());
                yield switch (b.op()) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> y == 0 ? 0 : x / y;
                    case REM -> y == 0 ? 0 : x % y;
                    case AND -> x & y;
                    case OR -> x | y;
                    case XOR -> x ^ y;
                    case SHL -> x << y;
                    case SHR -> x >> y;
                    case USHR -> x >>> y;
                };
            }
            case LONG -> {
                long x = bits(f, b.a());
                long y = bits(f, b.b());
                yield switch (b.op()) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> y == 0 ? 0 : x / y;
                    case REM -> y == 0 ? 0 : x % y;
                    case AND -> x & y;
                    case OR -> x | y;
                    case XOR -> x ^ y;
                    case SHL -> x << (int) y;
                    case SHR -> x >> (int) y;
                    case USHR -> x >>> (int) y;
                };
            }
            case FLOAT -> {
                float x = f32(f, b.a());
                float y = f32(f, b.b());
                yield ofFloat(switch (b.op()) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case REM -> x % y;
                    default -> throw new AssertionError(b);
                });
            }
            case DOUBLE -> {
                double x = f64(f, b.a());
                double y = f64(f, b.b());
                yield ofDouble(switch (b.op()) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case REM -> x % y;
                    default -> throw new AssertionError(b);
                });
            }
            default -> throw new AssertionError(b);
        };
    }

    private static long convert(Frame f, Stmt.Convert c) {
        Operand a = c.a();
        return switch (c.from()) {
            case INT -> {
                int v = i32(f, a);
                yield switch (c.to()) {
                    case BYTE -> (byte) v;
                    case CHAR -> (char) v;
                    case SHORT -> (short) v;
                    case INT -> v;
                    case LONG -> (long) v;
                    case FLOAT -> ofFloat((float) v);
                    case DOUBLE -> ofDouble((double) v);
                    case BOOLEAN -> throw new AssertionError(c);
                };
            }
            case LONG -> {
                long v = bits(f, a);
                yield switch (c.to()) {
                    case INT -> (int) v;
                    case LONG -> v;
                    case FLOAT -> ofFloat((float) v);
                    case DOUBLE -> ofDouble((double) v);
                    default -> throw new AssertionError(c);
                };
            }
            case FLOAT -> {
                float v = f32(f, a);
                yield switch (c.to()) {
                    case INT -> (int) v;
                    case LONG -> (long) v;
                    case FLOAT -> ofFloat(v);
                    case DOUBLE -> ofDouble((double) v);
                    default -> throw new AssertionError(c);
                };
            }
            case DOUBLE -> {
                double v = f64(f, a);
                yield switch (c.to()) {
                    case INT -> (int) v;
                    case LONG -> (long) v;
                    case FLOAT -> ofFloat((float) v);
                    case DOUBLE -> ofDouble(v);
                    default -> throw new AssertionError(c);
                };
            }
            default -> throw new AssertionError(c);
        };
    }

    private static long compare3(Frame f, Stmt.Compare3 c) {
        return switch (kind(c.a())) {
            case INT -> Integer.compare(i32(f, c.a()), i32(f, c.b()));
            case LONG -> Long.compare(bits(f, c.a()), bits(f, c.b()));
            case FLOAT -> {
                float x = f32(f, c.a());
                float y = f32(f, c.b());
                yield x < y ? -1 : x == y ? 0 : x > y ? 1 : c.nanResult();
            }
            case DOUBLE -> {
                double x = f64(f, c.a());
                double y = f64(f, c.b());
                yield x < y ? -1 : x == y ? 0 : x > y ? 1 : c.nanResult();
            }
            default -> throw new AssertionError(c);
        };
    }

    private static boolean branch(Frame f, Terminator.Branch b) {
        return switch (kind(b.a())) {
            case INT, LONG -> {
                long x = kind(b.a()) == Scalar.INT ? i32(f, b.a()) : bits(f, b.a());
                long y = kind(b.a()) == Scalar.INT ? i32(f, b.b()) : bits(f, b.b());
                yield switch (b.op()) {
                    case EQ -> x == y;
                    case NE -> x != y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case GT -> x > y;
                    case GE -> x >= y;
                };
            }
            case FLOAT, DOUBLE -> {
                double x = kind(b.a()) == Scalar.FLOAT ? f32(f, b.a()) : f64(f, b.a());
                double y = kind(b.a()) == Scalar.FLOAT ? f32(f, b.b()) : f64(f, b.b());
                yield switch (b.op()) {
                    case EQ -> x == y;
                    case NE -> x != y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case GT -> x > y;
                    case GE -> x >= y;
                };
            }
            default -> throw new AssertionError(b);
        };
    }

    private IllegalStateException outOfBounds(Object array, int index, Stmt s) {
        return new IllegalStateException("kernel " + ir.kernelName() + " accesses index " + index + " of an array of"
                + " length " + java.lang.reflect.Array.getLength(array) + " without a bounds check ("
                + IrPrinter.stmt(s) + "): undefined behaviour on a device; translate with CheckMode.INDEX or FULL");
    }

    private long load(Object array, int i, Stmt s) {
        try {
            return switch (array) {
                case boolean[] a -> a[i] ? 1 : 0;
                case byte[] a -> a[i];
                case char[] a -> a[i];
                case short[] a -> a[i];
                case int[] a -> a[i];
                case long[] a -> a[i];
                case float[] a -> ofFloat(a[i]);
                case double[] a -> ofDouble(a[i]);
                default -> throw new AssertionError(array);
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfBounds(array, i, s);
        }
    }

    private void store(Object array, int i, long v, Stmt s) {
        try {
            switch (array) {
                case boolean[] a -> a[i] = (v & 1) != 0;
                case byte[] a -> a[i] = (byte) v;
                case char[] a -> a[i] = (char) v;
                case short[] a -> a[i] = (short) v;
                case int[] a -> a[i] = (int) v;
                case long[] a -> a[i] = v;
                case float[] a -> a[i] = Float.intBitsToFloat((int) v);
                case double[] a -> a[i] = Double.longBitsToDouble(v);
                default -> throw new AssertionError(array);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfBounds(array, i, s);
        }
    }

    private long atomic(Frame f, Stmt.Atomic a) {
        Object array = f.refs[a.array().id()];
        int i = i32(f, a.index());
        try {
            return switch (array) {
                case int[] arr -> {
                    int old = arr[i];
                    int v = i32(f, a.operands().getFirst());
                    switch (a.op()) {
                        case ADD -> arr[i] = old + v;
                        case MIN -> arr[i] = Math.min(old, v);
                        case MAX -> arr[i] = Math.max(old, v);
                        case CAS -> {
                            if (old == v) {
                                arr[i] = i32(f, a.operands().get(1));
                                yield 1;
                            }
                            yield 0;
                        }
                    }
                    yield old;
                }
                case long[] arr -> {
                    long old = arr[i];
                    long v = bits(f, a.operands().getFirst());
                    switch (a.op()) {
                        case ADD -> arr[i] = old + v;
                        case MIN -> arr[i] = Math.min(old, v);
                        case MAX -> arr[i] = Math.max(old, v);
                        case CAS -> {
                            if (old == v) {
                                arr[i] = bits(f, a.operands().get(1));
                                yield 1;
                            }
                            yield 0;
                        }
                    }
                    yield old;
                }
                case float[] arr -> {
                    float old = arr[i];
                    arr[i] = old + f32(f, a.operands().getFirst());
                    yield ofFloat(old);
                }
                default -> throw new AssertionError(array);
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfBounds(array, i, a);
        }
    }

    private static long workItem(Group g, Item item, Stmt.WorkItem w) {
        int d = w.dimension();
        Launch l = g.launch();
        return switch (w.query()) {
            case GLOBAL_ID -> item.globalId[d];
            case LOCAL_ID -> item.localId[d];
            case GROUP_ID -> g.groupId()[d];
            case GLOBAL_SIZE -> l.global()[d];
            case LOCAL_SIZE -> l.local()[d];
            case NUM_GROUPS -> l.groups()[d];
        };
    }

    private static long intrinsic(Frame f, Stmt.Intrinsic x) {
        List<Operand> a = x.args();
        return switch (x.op()) {
            case SIN -> ofDouble(StrictMath.sin(f64(f, a.get(0))));
            case COS -> ofDouble(StrictMath.cos(f64(f, a.get(0))));
            case TAN -> ofDouble(StrictMath.tan(f64(f, a.get(0))));
            case ASIN -> ofDouble(StrictMath.asin(f64(f, a.get(0))));
            case ACOS -> ofDouble(StrictMath.acos(f64(f, a.get(0))));
            case ATAN -> ofDouble(StrictMath.atan(f64(f, a.get(0))));
            case ATAN2 -> ofDouble(StrictMath.atan2(f64(f, a.get(0)), f64(f, a.get(1))));
            case SINH -> ofDouble(StrictMath.sinh(f64(f, a.get(0))));
            case COSH -> ofDouble(StrictMath.cosh(f64(f, a.get(0))));
            case TANH -> ofDouble(StrictMath.tanh(f64(f, a.get(0))));
            case EXP -> ofDouble(StrictMath.exp(f64(f, a.get(0))));
            case EXPM1 -> ofDouble(StrictMath.expm1(f64(f, a.get(0))));
            case LOG -> ofDouble(StrictMath.log(f64(f, a.get(0))));
            case LOG10 -> ofDouble(StrictMath.log10(f64(f, a.get(0))));
            case LOG1P -> ofDouble(StrictMath.log1p(f64(f, a.get(0))));
            case CBRT -> ofDouble(StrictMath.cbrt(f64(f, a.get(0))));
            case POW -> ofDouble(StrictMath.pow(f64(f, a.get(0)), f64(f, a.get(1))));
            case HYPOT -> ofDouble(StrictMath.hypot(f64(f, a.get(0)), f64(f, a.get(1))));
            case SQRT -> ofDouble(Math.sqrt(f64(f, a.get(0))));
            case FLOOR -> ofDouble(Math.floor(f64(f, a.get(0))));
            case CEIL -> ofDouble(Math.ceil(f64(f, a.get(0))));
            case RINT -> ofDouble(Math.rint(f64(f, a.get(0))));
            case ROUND_D -> Math.round(f64(f, a.get(0)));
            case ROUND_F -> Math.round(f32(f, a.get(0)));
            case FMA_D -> ofDouble(Math.fma(f64(f, a.get(0)), f64(f, a.get(1)), f64(f, a.get(2))));
            case FMA_F -> ofFloat(Math.fma(f32(f, a.get(0)), f32(f, a.get(1)), f32(f, a.get(2))));
            case ABS_I -> Math.abs(i32(f, a.get(0)));
            case ABS_L -> Math.abs(bits(f, a.get(0)));
            case ABS_F -> ofFloat(Math.abs(f32(f, a.get(0))));
            case ABS_D -> ofDouble(Math.abs(f64(f, a.get(0))));
            case MIN_I -> Math.min(i32(f, a.get(0)), i32(f, a.get(1)));
            case MAX_I -> Math.max(i32(f, a.get(0)), i32(f, a.get(1)));
            case MIN_L -> Math.min(bits(f, a.get(0)), bits(f, a.get(1)));
            case MAX_L -> Math.max(bits(f, a.get(0)), bits(f, a.get(1)));
            case MIN_F -> ofFloat(Math.min(f32(f, a.get(0)), f32(f, a.get(1))));
            case MAX_F -> ofFloat(Math.max(f32(f, a.get(0)), f32(f, a.get(1))));
            case MIN_D -> ofDouble(Math.min(f64(f, a.get(0)), f64(f, a.get(1))));
            case MAX_D -> ofDouble(Math.max(f64(f, a.get(0)), f64(f, a.get(1))));
            case SIGNUM_F -> ofFloat(Math.signum(f32(f, a.get(0))));
            case SIGNUM_D -> ofDouble(Math.signum(f64(f, a.get(0))));
            case COPY_SIGN_F -> ofFloat(Math.copySign(f32(f, a.get(0)), f32(f, a.get(1))));
            case COPY_SIGN_D -> ofDouble(Math.copySign(f64(f, a.get(0)), f64(f, a.get(1))));
            case FLOAT_TO_RAW_INT_BITS -> Float.floatToRawIntBits(f32(f, a.get(0)));
            case FLOAT_TO_INT_BITS -> Float.floatToIntBits(f32(f, a.get(0)));
            case INT_BITS_TO_FLOAT -> ofFloat(Float.intBitsToFloat(i32(f, a.get(0))));
            case DOUBLE_TO_RAW_LONG_BITS -> Double.doubleToRawLongBits(f64(f, a.get(0)));
            case DOUBLE_TO_LONG_BITS -> Double.doubleToLongBits(f64(f, a.get(0)));
            case LONG_BITS_TO_DOUBLE -> ofDouble(Double.longBitsToDouble(bits(f, a.get(0))));
            case BIT_COUNT_I -> Integer.bitCount(i32(f, a.get(0)));
            case BIT_COUNT_L -> Long.bitCount(bits(f, a.get(0)));
            case LEADING_ZEROS_I -> Integer.numberOfLeadingZeros(i32(f, a.get(0)));
            case LEADING_ZEROS_L -> Long.numberOfLeadingZeros(bits(f, a.get(0)));
            case TRAILING_ZEROS_I -> Integer.numberOfTrailingZeros(i32(f, a.get(0)));
            case TRAILING_ZEROS_L -> Long.numberOfTrailingZeros(bits(f, a.get(0)));
            case IS_NAN_F -> Float.isNaN(f32(f, a.get(0))) ? 1 : 0;
            case IS_NAN_D -> Double.isNaN(f64(f, a.get(0))) ? 1 : 0;
            case IS_INFINITE_F -> Float.isInfinite(f32(f, a.get(0))) ? 1 : 0;
            case IS_INFINITE_D -> Double.isInfinite(f64(f, a.get(0))) ? 1 : 0;
        };
    }
}
