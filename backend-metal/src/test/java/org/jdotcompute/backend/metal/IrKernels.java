package org.jdotcompute.backend.metal;

import static org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import static org.jdotcompute.api.exceptions.DeviceErrorSite.PLACEHOLDER;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.CompareOp;
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
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Kernels built by hand in the IR, standing in for the bytecode front end until it lands: each
 * is what the front end would produce for the Java method in its comment (modulo temporaries).
 */
final class IrKernels {
    private static final String OWNER = "demo.Kernels";
    private static final String FILE = "Kernels.java";

    private IrKernels() {
    }

    /** The kernels the MSL emitter must accept, by name. */
    static List<KernelIR> supported() {
        return List.of(saxpy(), groupSum(), atomics(), javaSemantics(), deviceCalls(), tables());
    }

    /** A kernel by name from {@link #supported()}. */
    static KernelIR named(String name) {
        return supported().stream().filter(k -> k.kernelName().equals(name)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------

    /** Builds the variables of one function; ids count from 0 over parameters and locals. */
    static final class Vars {
        final List<Var> parameters = new ArrayList<>();
        final List<Var> locals = new ArrayList<>();
        private int next;

        Var param(String name, IrType type) {
            Var v = new Var(next++, name, type);
            parameters.add(v);
            return v;
        }

        Var local(String name, IrType type) {
            Var v = new Var(next++, name, type);
            locals.add(v);
            return v;
        }
    }

    static IrType.Array global(Scalar element) {
        return new IrType.Array(element, AddressSpace.GLOBAL);
    }

    static IrType.Array local(Scalar element) {
        return new IrType.Array(element, AddressSpace.LOCAL);
    }

    static Block block(int id, Terminator terminator, Stmt... statements) {
        return new Block(id, List.of(statements), terminator);
    }

    static Terminator ret() {
        return new Terminator.Return(Optional.empty());
    }

    static Terminator ret(Operand value) {
        return new Terminator.Return(Optional.of(value));
    }

    static Terminator jump(int target) {
        return new Terminator.Goto(target);
    }

    static Terminator branch(CompareOp op, Operand a, Operand b, int ifTrue, int ifFalse) {
        return new Terminator.Branch(op, a, b, ifTrue, ifFalse);
    }

    static Const i(int v) {
        return Const.ofInt(v);
    }

    static Const f(float v) {
        return Const.ofFloat(v);
    }

    static DeviceErrorSite bounds(String kernel, String method, int line) {
        return DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + PLACEHOLDER + " out of bounds for length " + PLACEHOLDER, List.of(ArgumentType.INT,
                        ArgumentType.INT), kernel, OWNER, method, FILE, line);
    }

    static DeviceErrorSite divideByZero(String kernel, String method, int line) {
        return DeviceErrorSite.ofMessage("java.lang.ArithmeticException", "/ by zero", List.of(), kernel, OWNER, method,
                FILE, line);
    }

    static KernelIR kernel(String name, IrFunction kernel, List<IrFunction> deviceFunctions, List<DeviceErrorSite> sites,
            Set<IrFeature> features, CheckMode checks) {
        return new KernelIR(name, kernel, deviceFunctions, sites, features.isEmpty() ? Set.of() : EnumSet.copyOf(features),
                checks);
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Constant tables (an int table, a float table with a NaN: the union form) passed to and read
     * by a device function, and an array made with {@code new} filled in a loop (checks NONE):
     * <pre>
     * static final int[] POWERS = {1, 2, 4, 8};
     * static final float[] SCALES = {0.5f, Float.NaN, -0.0f, Float.POSITIVE_INFINITY};
     * static float pick(float[] table, int k) { return table[k &amp; 3]; }
     * static void tables(KernelContext ctx, int[] keys, float[] out) {
     *     int i = ctx.globalId(0);
     *     int[] digits = new int[4];
     *     for (int d = 0; d &lt; 4; d++) digits[d] = POWERS[(keys[i] &gt;&gt; d) &amp; 3];
     *     out[i] = pick(SCALES, keys[i]) * digits[3] + digits[0];
     * }
     * </pre>
     */
    static KernelIR tables() {
        String k = "Kernels.tables";
        IrType.Array floatTable = new IrType.Array(Scalar.FLOAT, AddressSpace.CONSTANT);
        Vars pv = new Vars();
        Var table = pv.param("p_table", floatTable);
        Var key = pv.param("p_k", IrType.INT);
        Var masked = pv.local("s0_i", IrType.INT);
        Var picked = pv.local("s1_f", IrType.FLOAT);
        IrFunction pick = new IrFunction("Kernels_pick", false, OWNER + ".pick([FI)F", pv.parameters, IrType.FLOAT,
                pv.locals, List.of(), List.of(block(0, ret(picked),
                        new Stmt.Binary(masked, BinaryOp.AND, key, i(3)),
                        new Stmt.Load(picked, table, masked))), FailureMode.RETURN, false);

        Vars v = new Vars();
        Var keys = v.param("p_keys", global(Scalar.INT));
        Var out = v.param("p_out", global(Scalar.FLOAT));
        Var idx = v.local("l_i", IrType.INT);
        Var digits = v.local("l_digits", new IrType.Array(Scalar.INT, AddressSpace.PRIVATE));
        Var d = v.local("l_d", IrType.INT);
        Var powers = v.local("s_powers", new IrType.Array(Scalar.INT, AddressSpace.CONSTANT));
        Var scales = v.local("s_scales", floatTable);
        Var key0 = v.local("s_key", IrType.INT);
        Var shifted = v.local("s_shifted", IrType.INT);
        Var power = v.local("s_power", IrType.INT);
        Var scale = v.local("s_scale", IrType.FLOAT);
        Var d3 = v.local("s_d3", IrType.INT);
        Var d0 = v.local("s_d0", IrType.INT);
        Var fd3 = v.local("s_fd3", IrType.FLOAT);
        Var fd0 = v.local("s_fd0", IrType.FLOAT);
        Var r = v.local("s_r", IrType.FLOAT);
        List<Block> blocks = List.of(
                block(0, jump(1),
                        new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.PrivateArray(digits, 0),
                        new Stmt.Assign(d, i(0))),
                block(1, branch(CompareOp.GE, d, i(4), 3, 2)),
                block(2, jump(1),
                        new Stmt.ConstantArray(powers, 0),
                        new Stmt.Load(key0, keys, idx),
                        new Stmt.Binary(shifted, BinaryOp.SHR, key0, d),
                        new Stmt.Binary(shifted, BinaryOp.AND, shifted, i(3)),
                        new Stmt.Load(power, powers, shifted),
                        new Stmt.Store(digits, d, power),
                        new Stmt.Binary(d, BinaryOp.ADD, d, i(1))),
                block(3, ret(),
                        new Stmt.ConstantArray(scales, 1),
                        new Stmt.Load(key0, keys, idx),
                        new Stmt.Call(Optional.of(scale), "Kernels_pick", List.of(scales, key0)),
                        new Stmt.Load(d3, digits, i(3)),
                        new Stmt.Convert(fd3, Scalar.INT, Scalar.FLOAT, d3),
                        new Stmt.Binary(r, BinaryOp.MUL, scale, fd3),
                        new Stmt.Load(d0, digits, i(0)),
                        new Stmt.Convert(fd0, Scalar.INT, Scalar.FLOAT, d0),
                        new Stmt.Binary(r, BinaryOp.ADD, r, fd0),
                        new Stmt.Store(out, idx, r)));
        IrFunction f = new IrFunction("tables", true, OWNER + ".tables(Lorg/jdotcompute/api/KernelContext;[I[F)V",
                v.parameters, IrType.VOID, v.locals, List.of(), blocks, FailureMode.RETURN, false,
                List.of(new PrivateArrayDecl(0, Scalar.INT, 4)));
        List<ConstantArrayDecl> constants = List.of(
                new ConstantArrayDecl(0, Scalar.INT, List.of(i(1), i(2), i(4), i(8)), OWNER + ".POWERS"),
                new ConstantArrayDecl(1, Scalar.FLOAT, List.of(f(0.5f), f(Float.NaN), f(-0.0f),
                        f(Float.POSITIVE_INFINITY)), OWNER + ".SCALES"));
        return new KernelIR(k, f, List.of(pick), List.of(), Set.of(), CheckMode.NONE, constants);
    }

    /**
     * <pre>
     * static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
     *     int i = ctx.globalId(0);
     *     if (i < y.length) y[i] = a * x[i] + y[i];
     * }
     * </pre>
     */
    static KernelIR saxpy() {
        String k = "Kernels.saxpy";
        Vars v = new Vars();
        Var a = v.param("p_a", IrType.FLOAT);
        Var x = v.param("p_x", global(Scalar.FLOAT));
        Var y = v.param("p_y", global(Scalar.FLOAT));
        Var idx = v.local("l_i", IrType.INT);
        Var n = v.local("s_n", IrType.INT);
        Var t0 = v.local("s_t0", IrType.FLOAT);
        Var t1 = v.local("s_t1", IrType.FLOAT);
        Var t2 = v.local("s_t2", IrType.FLOAT);
        List<Block> blocks = List.of(
                block(0, branch(CompareOp.GE, idx, n, 2, 1),
                        new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.Length(n, y)),
                block(1, jump(2),
                        new Stmt.CheckIndex(0, x, idx),
                        new Stmt.Load(t0, x, idx),
                        new Stmt.Binary(t1, BinaryOp.MUL, a, t0),
                        new Stmt.CheckIndex(1, y, idx),
                        new Stmt.Load(t2, y, idx),
                        new Stmt.Binary(t2, BinaryOp.ADD, t1, t2),
                        new Stmt.CheckIndex(2, y, idx),
                        new Stmt.Store(y, idx, t2)),
                block(2, ret()));
        IrFunction f = new IrFunction("saxpy", true, OWNER + ".saxpy(Lorg/jdotcompute/api/KernelContext;F[F[F)V",
                v.parameters, IrType.VOID, v.locals, List.of(), blocks, FailureMode.RETURN, true);
        return kernel(k, f, List.of(), List.of(bounds(k, "saxpy", 12), bounds(k, "saxpy", 12), bounds(k, "saxpy", 12)),
                EnumSet.of(IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /**
     * A work-group sum with a group-local array and barriers (failure mode CONTINUE):
     * <pre>
     * static void groupSum(KernelContext ctx, float[] in, float[] out) {
     *     float[] tile = ctx.localFloats(64);
     *     int lid = ctx.localId(0);
     *     tile[lid] = in[ctx.globalId(0)];
     *     ctx.barrier();
     *     for (int s = ctx.localSize(0) >> 1; s > 0; s >>>= 1) {
     *         if (lid < s) tile[lid] += tile[lid + s];
     *         ctx.barrier();
     *     }
     *     if (lid == 0) out[ctx.groupId(0)] = tile[0];
     * }
     * </pre>
     */
    static KernelIR groupSum() {
        String k = "Kernels.groupSum";
        Vars v = new Vars();
        Var in = v.param("p_in", global(Scalar.FLOAT));
        Var out = v.param("p_out", global(Scalar.FLOAT));
        Var tile = v.local("l_tile", local(Scalar.FLOAT));
        Var lid = v.local("l_lid", IrType.INT);
        Var gid = v.local("s_gid", IrType.INT);
        Var size = v.local("s_size", IrType.INT);
        Var grp = v.local("s_grp", IrType.INT);
        Var s = v.local("l_s", IrType.INT);
        Var k2 = v.local("s_k", IrType.INT);
        Var a = v.local("s_a", IrType.FLOAT);
        Var b = v.local("s_b", IrType.FLOAT);
        List<Block> blocks = List.of(
                block(0, jump(1),
                        new Stmt.LocalArray(tile, 0),
                        new Stmt.WorkItem(lid, WorkItemQuery.LOCAL_ID, 0),
                        new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.CheckIndex(0, in, gid),
                        new Stmt.Load(a, in, gid),
                        new Stmt.CheckIndex(1, tile, lid),
                        new Stmt.Store(tile, lid, a),
                        new Stmt.Barrier(),
                        new Stmt.WorkItem(size, WorkItemQuery.LOCAL_SIZE, 0),
                        new Stmt.Binary(s, BinaryOp.SHR, size, i(1))),
                block(1, branch(CompareOp.LE, s, i(0), 4, 2)),
                block(2, branch(CompareOp.GE, lid, s, 3, 5)),
                block(5, jump(3),
                        new Stmt.Binary(k2, BinaryOp.ADD, lid, s),
                        new Stmt.CheckIndex(2, tile, k2),
                        new Stmt.Load(b, tile, k2),
                        new Stmt.CheckIndex(3, tile, lid),
                        new Stmt.Load(a, tile, lid),
                        new Stmt.Binary(a, BinaryOp.ADD, a, b),
                        new Stmt.CheckIndex(4, tile, lid),
                        new Stmt.Store(tile, lid, a)),
                block(3, jump(1),
                        new Stmt.Barrier(),
                        new Stmt.Binary(s, BinaryOp.USHR, s, i(1))),
                block(4, branch(CompareOp.NE, lid, i(0), 6, 7)),
                block(7, jump(6),
                        new Stmt.CheckIndex(5, tile, i(0)),
                        new Stmt.Load(a, tile, i(0)),
                        new Stmt.WorkItem(grp, WorkItemQuery.GROUP_ID, 0),
                        new Stmt.CheckIndex(6, out, grp),
                        new Stmt.Store(out, grp, a)),
                block(6, ret()));
        IrFunction f = new IrFunction("groupSum", true, OWNER + ".groupSum(Lorg/jdotcompute/api/KernelContext;[F[F)V",
                v.parameters, IrType.VOID, v.locals, List.of(new LocalArrayDecl(0, Scalar.FLOAT, 64)), blocks,
                FailureMode.CONTINUE, true);
        List<DeviceErrorSite> sites = new ArrayList<>();
        for (int line = 30; line < 37; line++) {
            sites.add(bounds(k, "groupSum", line));
        }
        return kernel(k, f, List.of(), sites, EnumSet.of(IrFeature.BARRIER, IrFeature.LOCAL_MEMORY,
                IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /**
     * Every atomic the MSL backend supports, on global and group-local arrays (checks NONE):
     * <pre>
     * static void atomics(KernelContext ctx, int[] keys, int[] bins, float[] total, int[] flags) {
     *     int[] local = ctx.localInts(16);
     *     int i = ctx.globalId(0);
     *     int key = keys[i] &amp; 15;
     *     Atomics.add(local, key, 1);
     *     Atomics.add(bins, key, 1);
     *     Atomics.add(total, 0, (float) i);
     *     Atomics.compareAndSet(flags, key, 0, i);
     *     Atomics.max(flags, 0, i);
     *     Atomics.min(bins, 1, key);
     * }
     * </pre>
     */
    static KernelIR atomics() {
        String k = "Kernels.atomics";
        Vars v = new Vars();
        Var keys = v.param("p_keys", global(Scalar.INT));
        Var bins = v.param("p_bins", global(Scalar.INT));
        Var total = v.param("p_total", global(Scalar.FLOAT));
        Var flags = v.param("p_flags", global(Scalar.INT));
        Var counts = v.local("l_local", local(Scalar.INT));
        Var idx = v.local("l_i", IrType.INT);
        Var key = v.local("l_key", IrType.INT);
        Var old = v.local("s_old", IrType.INT);
        Var fi = v.local("s_f", IrType.FLOAT);
        Var oldF = v.local("s_oldf", IrType.FLOAT);
        List<Block> blocks = List.of(block(0, ret(),
                new Stmt.LocalArray(counts, 0),
                new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0),
                new Stmt.Load(key, keys, idx),
                new Stmt.Binary(key, BinaryOp.AND, key, i(15)),
                new Stmt.Atomic(old, AtomicOp.ADD, counts, key, List.of(i(1))),
                new Stmt.Atomic(old, AtomicOp.ADD, bins, key, List.of(i(1))),
                new Stmt.Convert(fi, Scalar.INT, Scalar.FLOAT, idx),
                new Stmt.Atomic(oldF, AtomicOp.ADD, total, i(0), List.of(fi)),
                new Stmt.Atomic(old, AtomicOp.CAS, flags, key, List.of(i(0), idx)),
                new Stmt.Atomic(old, AtomicOp.MAX, flags, i(0), List.of(idx)),
                new Stmt.Atomic(old, AtomicOp.MIN, bins, i(1), List.of(key)),
                new Stmt.Atomic(old, AtomicOp.CAS, counts, i(0), List.of(key, idx)),
                new Stmt.Atomic(oldF, AtomicOp.ADD, total, i(1), List.of(f(0.5f)))));
        IrFunction f = new IrFunction("atomics", true, OWNER + ".atomics(Lorg/jdotcompute/api/KernelContext;[I[I[F[I)V",
                v.parameters, IrType.VOID, v.locals, List.of(new LocalArrayDecl(0, Scalar.INT, 16)), blocks,
                FailureMode.RETURN, false);
        return kernel(k, f, List.of(), List.of(), EnumSet.of(IrFeature.ATOMIC_INT32, IrFeature.ATOMIC_FLOAT,
                IrFeature.LOCAL_MEMORY), CheckMode.NONE);
    }

    /**
     * Java arithmetic the emitter must keep exactly (checks FULL): division and remainder by
     * zero and of MIN_VALUE by -1, masked shifts, long arithmetic, three-way comparisons, float
     * remainder, saturating conversions, narrowing, Math intrinsics on floats and ints, a switch.
     */
    static KernelIR javaSemantics() {
        String k = "Kernels.javaSemantics";
        Vars v = new Vars();
        Var pa = v.param("p_a", global(Scalar.INT));
        Var pf = v.param("p_f", global(Scalar.FLOAT));
        Var pl = v.param("p_l", global(Scalar.LONG));
        Var out = v.param("p_out", global(Scalar.INT));
        Var sel = v.param("p_sel", IrType.INT);
        Var shift = v.param("p_shift", IrType.LONG);
        Var idx = v.local("l_i", IrType.INT);
        Var x = v.local("l_x", IrType.INT);
        Var y = v.local("l_y", IrType.INT);
        Var r = v.local("l_r", IrType.INT);
        Var lv = v.local("l_l", IrType.LONG);
        Var m = v.local("l_m", IrType.LONG);
        Var c = v.local("l_c", IrType.INT);
        Var z = v.local("l_z", IrType.INT);
        Var fv = v.local("l_f", IrType.FLOAT);
        Var g = v.local("l_g", IrType.FLOAT);
        Var h = v.local("l_h", IrType.FLOAT);
        Var n = v.local("s_n", IrType.INT);
        List<Block> blocks = List.of(
                block(0, new Terminator.Switch(sel, List.of(new Terminator.Switch.Case(1, 1),
                        new Terminator.Switch.Case(2, 2), new Terminator.Switch.Case(Integer.MIN_VALUE, 3)), 4),
                        new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.CheckIndex(0, pa, idx),
                        new Stmt.Load(x, pa, idx),
                        new Stmt.Length(n, pa),
                        new Stmt.Binary(y, BinaryOp.SUB, n, idx),
                        new Stmt.CheckDivisor(1, y),
                        new Stmt.Binary(r, BinaryOp.DIV, x, y),
                        new Stmt.CheckDivisor(2, y),
                        new Stmt.Binary(r, BinaryOp.REM, r, y),
                        new Stmt.Binary(r, BinaryOp.SHL, r, y),
                        new Stmt.Binary(r, BinaryOp.USHR, r, i(35)),
                        new Stmt.Binary(r, BinaryOp.XOR, r, i(-1)),
                        new Stmt.Negate(r, r),
                        new Stmt.Binary(r, BinaryOp.DIV, r, i(-1)),
                        new Stmt.Binary(r, BinaryOp.DIV, r, i(3)),
                        new Stmt.CheckIndex(3, pl, idx),
                        new Stmt.Load(lv, pl, idx),
                        new Stmt.Convert(m, Scalar.INT, Scalar.LONG, x),
                        new Stmt.Binary(m, BinaryOp.MUL, lv, m),
                        new Stmt.Binary(m, BinaryOp.SHR, m, x),
                        new Stmt.Binary(m, BinaryOp.ADD, m, shift),
                        new Stmt.Binary(m, BinaryOp.SUB, m, Const.ofLong(Long.MIN_VALUE)),
                        new Stmt.CheckDivisor(4, lv),
                        new Stmt.Binary(m, BinaryOp.REM, m, lv),
                        new Stmt.Compare3(c, lv, m, -1),
                        new Stmt.CheckIndex(5, pf, idx),
                        new Stmt.Load(fv, pf, idx),
                        new Stmt.Binary(g, BinaryOp.REM, fv, f(1.5f)),
                        new Stmt.Binary(g, BinaryOp.DIV, g, fv),
                        new Stmt.Convert(z, Scalar.FLOAT, Scalar.INT, g),
                        new Stmt.Convert(z, Scalar.INT, Scalar.BYTE, z),
                        new Stmt.Convert(z, Scalar.INT, Scalar.CHAR, z),
                        new Stmt.Convert(lv, Scalar.FLOAT, Scalar.LONG, fv),
                        new Stmt.Convert(x, Scalar.LONG, Scalar.INT, lv),
                        new Stmt.Convert(h, Scalar.LONG, Scalar.FLOAT, lv),
                        new Stmt.Intrinsic(h, IntrinsicOp.FMA_F, List.of(fv, h, f(1.0f))),
                        new Stmt.Intrinsic(z, IntrinsicOp.ROUND_F, List.of(h)),
                        new Stmt.Intrinsic(g, IntrinsicOp.MIN_F, List.of(fv, Const.ofFloat(Float.NaN))),
                        new Stmt.Intrinsic(g, IntrinsicOp.MAX_F, List.of(g, f(-0.0f))),
                        new Stmt.Intrinsic(g, IntrinsicOp.ABS_F, List.of(g)),
                        new Stmt.Intrinsic(g, IntrinsicOp.SIGNUM_F, List.of(g)),
                        new Stmt.Intrinsic(g, IntrinsicOp.COPY_SIGN_F, List.of(g, f(-1.0f))),
                        new Stmt.Intrinsic(h, IntrinsicOp.INT_BITS_TO_FLOAT, List.of(x)),
                        new Stmt.Intrinsic(y, IntrinsicOp.FLOAT_TO_INT_BITS, List.of(h)),
                        new Stmt.Intrinsic(y, IntrinsicOp.FLOAT_TO_RAW_INT_BITS, List.of(Const.ofFloat(Float.POSITIVE_INFINITY))),
                        new Stmt.Intrinsic(z, IntrinsicOp.IS_NAN_F, List.of(h)),
                        new Stmt.Intrinsic(z, IntrinsicOp.IS_INFINITE_F, List.of(h)),
                        new Stmt.Intrinsic(z, IntrinsicOp.BIT_COUNT_I, List.of(x)),
                        new Stmt.Intrinsic(z, IntrinsicOp.BIT_COUNT_L, List.of(lv)),
                        new Stmt.Intrinsic(z, IntrinsicOp.LEADING_ZEROS_I, List.of(x)),
                        new Stmt.Intrinsic(z, IntrinsicOp.LEADING_ZEROS_L, List.of(lv)),
                        new Stmt.Intrinsic(z, IntrinsicOp.TRAILING_ZEROS_I, List.of(x)),
                        new Stmt.Intrinsic(z, IntrinsicOp.TRAILING_ZEROS_L, List.of(lv)),
                        new Stmt.Intrinsic(z, IntrinsicOp.ABS_I, List.of(z)),
                        new Stmt.Intrinsic(lv, IntrinsicOp.ABS_L, List.of(lv)),
                        new Stmt.Intrinsic(z, IntrinsicOp.MAX_I, List.of(z, x)),
                        new Stmt.Intrinsic(lv, IntrinsicOp.MIN_L, List.of(lv, m))),
                block(1, jump(4), new Stmt.Binary(r, BinaryOp.ADD, r, i(1))),
                block(2, jump(4), new Stmt.Binary(r, BinaryOp.MUL, r, i(3))),
                block(3, jump(4), new Stmt.Binary(r, BinaryOp.SUB, r, i(Integer.MIN_VALUE))),
                block(4, ret(),
                        new Stmt.Compare3(y, fv, g, 1),
                        new Stmt.Binary(r, BinaryOp.ADD, r, c),
                        new Stmt.Binary(r, BinaryOp.ADD, r, y),
                        new Stmt.Binary(r, BinaryOp.OR, r, z),
                        new Stmt.CheckIndex(6, out, idx),
                        new Stmt.Store(out, idx, r)));
        IrFunction f = new IrFunction("javaSemantics", true,
                OWNER + ".javaSemantics(Lorg/jdotcompute/api/KernelContext;[I[F[J[IIJ)V", v.parameters, IrType.VOID,
                v.locals, List.of(), blocks, FailureMode.RETURN, true);
        List<DeviceErrorSite> sites = List.of(bounds(k, "javaSemantics", 50), divideByZero(k, "javaSemantics", 51),
                divideByZero(k, "javaSemantics", 52), bounds(k, "javaSemantics", 53), divideByZero(k, "javaSemantics", 54),
                bounds(k, "javaSemantics", 55), bounds(k, "javaSemantics", 56));
        return kernel(k, f, List.of(), sites, EnumSet.of(IrFeature.INT64, IrFeature.DEVICE_FAILURES), CheckMode.FULL);
    }

    /**
     * Device functions: one that throws with a dynamic value, one that reads the work-item id
     * through the KernelContext, one that stores into a byte array; sub-int arrays (checks USER).
     * <pre>
     * static int checkedDiv(int a, int b) {
     *     if (b == 0) throw new IllegalArgumentException("bad value " + a);
     *     return a / b;
     * }
     * static int lane(KernelContext ctx) { return ctx.globalId(0) + ctx.numGroups(1); }
     * static void put(byte[] dst, int i, int v) { dst[i] = (byte) v; }
     * static void deviceCalls(KernelContext ctx, byte[] bytes, boolean[] flags, short[] shorts, char[] chars, int d) {
     *     int i = lane(ctx);
     *     int q = checkedDiv(i, d);
     *     put(bytes, i, q);
     *     if (flags[i]) shorts[i] = (short) (shorts[i] + chars[i]);
     *     flags[i] = !flags[i];
     * }
     * </pre>
     */
    static KernelIR deviceCalls() {
        String k = "Kernels.deviceCalls";
        // checkedDiv
        Vars dv = new Vars();
        Var a = dv.param("p_a", IrType.INT);
        Var b = dv.param("p_b", IrType.INT);
        Var q = dv.local("s_q", IrType.INT);
        IrFunction checkedDiv = new IrFunction("checkedDiv", false, OWNER + ".checkedDiv(II)I", dv.parameters,
                IrType.INT, dv.locals, List.of(), List.of(
                        block(0, branch(CompareOp.NE, b, i(0), 2, 1)),
                        block(1, new Terminator.Throw(0, List.of(a))),
                        block(2, ret(q), new Stmt.Binary(q, BinaryOp.DIV, a, b))),
                FailureMode.RETURN, true);
        // lane
        Vars lv = new Vars();
        Var g = lv.local("s_g", IrType.INT);
        Var ng = lv.local("s_ng", IrType.INT);
        IrFunction lane = new IrFunction("lane", false, OWNER + ".lane(Lorg/jdotcompute/api/KernelContext;)I",
                lv.parameters, IrType.INT, lv.locals, List.of(), List.of(block(0, ret(g),
                        new Stmt.WorkItem(g, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.WorkItem(ng, WorkItemQuery.NUM_GROUPS, 1),
                        new Stmt.Binary(g, BinaryOp.ADD, g, ng))),
                FailureMode.RETURN, false);
        // put
        Vars pv = new Vars();
        Var dst = pv.param("p_dst", global(Scalar.BYTE));
        Var pi = pv.param("p_i", IrType.INT);
        Var val = pv.param("p_v", IrType.INT);
        Var nb = pv.local("s_b", IrType.INT);
        IrFunction put = new IrFunction("put", false, OWNER + ".put([BII)V", pv.parameters, IrType.VOID, pv.locals,
                List.of(), List.of(block(0, ret(),
                        new Stmt.Convert(nb, Scalar.INT, Scalar.BYTE, val),
                        new Stmt.Store(dst, pi, nb))),
                FailureMode.RETURN, false);
        // kernel
        Vars v = new Vars();
        Var bytes = v.param("p_bytes", global(Scalar.BYTE));
        Var flags = v.param("p_flags", global(Scalar.BOOLEAN));
        Var shorts = v.param("p_shorts", global(Scalar.SHORT));
        Var chars = v.param("p_chars", global(Scalar.CHAR));
        Var d = v.param("p_d", IrType.INT);
        Var idx = v.local("l_i", IrType.INT);
        Var qq = v.local("l_q", IrType.INT);
        Var fl = v.local("s_fl", IrType.INT);
        Var sh = v.local("s_sh", IrType.INT);
        Var ch = v.local("s_ch", IrType.INT);
        List<Block> blocks = List.of(
                block(0, branch(CompareOp.EQ, fl, i(0), 2, 1),
                        new Stmt.Call(Optional.of(idx), "lane", List.of()),
                        new Stmt.Call(Optional.of(qq), "checkedDiv", List.of(idx, d)),
                        new Stmt.Call(Optional.empty(), "put", List.of(bytes, idx, qq)),
                        new Stmt.Load(fl, flags, idx)),
                block(1, jump(2),
                        new Stmt.Load(sh, shorts, idx),
                        new Stmt.Load(ch, chars, idx),
                        new Stmt.Binary(sh, BinaryOp.ADD, sh, ch),
                        new Stmt.Convert(sh, Scalar.INT, Scalar.SHORT, sh),
                        new Stmt.Store(shorts, idx, sh)),
                block(2, ret(),
                        new Stmt.Binary(fl, BinaryOp.XOR, fl, i(1)),
                        new Stmt.Store(flags, idx, fl)));
        IrFunction kernel = new IrFunction("deviceCalls", true,
                OWNER + ".deviceCalls(Lorg/jdotcompute/api/KernelContext;[B[Z[S[CI)V", v.parameters, IrType.VOID,
                v.locals, List.of(), blocks, FailureMode.RETURN, true);
        DeviceErrorSite thrown = DeviceErrorSite.ofMessage("java.lang.IllegalArgumentException", "bad value " + PLACEHOLDER,
                List.of(ArgumentType.INT), k, OWNER, "checkedDiv", FILE, 70);
        return kernel(k, kernel, List.of(checkedDiv, lane, put), List.of(thrown), EnumSet.of(IrFeature.DEVICE_FAILURES),
                CheckMode.USER);
    }

    /**
     * Uses {@code double}, which Metal does not have:
     * {@code static void norms(KernelContext ctx, double[] x) { int i = ctx.globalId(0); x[i] = Math.sqrt(x[i]); }}
     */
    static KernelIR doubles() {
        Vars v = new Vars();
        Var x = v.param("p_x", global(Scalar.DOUBLE));
        Var idx = v.local("l_i", IrType.INT);
        Var t = v.local("s_t", IrType.DOUBLE);
        IrFunction f = new IrFunction("norms", true, OWNER + ".norms(Lorg/jdotcompute/api/KernelContext;[D)V",
                v.parameters, IrType.VOID, v.locals, List.of(), List.of(block(0, ret(),
                        new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0),
                        new Stmt.Load(t, x, idx),
                        new Stmt.Intrinsic(t, IntrinsicOp.SQRT, List.of(t)),
                        new Stmt.Store(x, idx, t))),
                FailureMode.RETURN, false);
        return kernel("Kernels.norms", f, List.of(), List.of(), EnumSet.of(IrFeature.FP64), CheckMode.NONE);
    }

    /**
     * Atomics on a {@code long} array:
     * {@code static void count(KernelContext ctx, long[] c) { Atomics.add(c, 0, 1L); }}
     */
    static KernelIR longAtomics() {
        Vars v = new Vars();
        Var c = v.param("p_c", global(Scalar.LONG));
        Var old = v.local("s_old", IrType.LONG);
        IrFunction f = new IrFunction("count", true, OWNER + ".count(Lorg/jdotcompute/api/KernelContext;[J)V",
                v.parameters, IrType.VOID, v.locals, List.of(), List.of(block(0, ret(),
                        new Stmt.Atomic(old, AtomicOp.ADD, c, i(0), List.of(Const.ofLong(1))))),
                FailureMode.RETURN, false);
        return kernel("Kernels.count", f, List.of(), List.of(), EnumSet.of(IrFeature.INT64, IrFeature.ATOMIC_INT64),
                CheckMode.NONE);
    }
}
