package org.jdotcompute.backend.opencl;

import static org.jdotcompute.backend.opencl.IrBuilder.global;
import static org.jdotcompute.backend.opencl.IrBuilder.local;
import static org.jdotcompute.spi.ir.Const.ofInt;
import static org.jdotcompute.spi.ir.Scalar.FLOAT;
import static org.jdotcompute.spi.ir.Scalar.INT;
import static org.jdotcompute.spi.ir.Scalar.LONG;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.CompareOp;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * The IR of the {@link TestKernels}, built by hand the way the bytecode front end will build it
 * (until it lands): one {@link Fixture} per kernel, usable for golden files and for runs on the
 * device. Thread-safe (stateless).
 */
final class HandBuiltKernels {
    static final String OWNER = TestKernels.class.getName();
    static final String FILE = "TestKernels.java";
    static final String AIOOBE = "java.lang.ArrayIndexOutOfBoundsException";
    static final String INDEX_TEMPLATE = "Index \u0001 out of bounds for length \u0001";

    private HandBuiltKernels() {
    }

    /**
     * A kernel: its Java method and its IR.
     *
     * @param name the kernel's name and golden file's base name
     */
    record Fixture(String name, Method method, KernelIR ir) {
        /** The compile request a runtime would make. */
        KernelRequest request() {
            try {
                var handle = MethodHandles.lookup().unreflect(method);
                List<Class<?>> types = Arrays.asList(method.getParameterTypes()).subList(1, method.getParameterCount());
                return new KernelRequest(ir.kernelName(), method, handle, types, ir.checks(), () -> ir);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Every fixture. */
    static List<Fixture> all() {
        return List.of(vectorAdd(), saxpy(), branchy(), checkedGather(), reduce(), histogram(), atomicsMix());
    }

    static Method method(String name) {
        for (Method m : TestKernels.class.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() > 0 && m.getParameterTypes()[0] == KernelContext.class) {
                return m;
            }
        }
        throw new AssertionError("no kernel " + name);
    }

    static DeviceErrorSite indexSite(String kernel, String method, int line) {
        return DeviceErrorSite.ofMessage(AIOOBE, INDEX_TEMPLATE, List.of(ArgumentType.INT, ArgumentType.INT), kernel, OWNER,
                method, FILE, line);
    }

    static KernelIR ir(String kernel, IrFunction f, List<IrFunction> callees, List<DeviceErrorSite> sites,
            Set<IrFeature> features, CheckMode checks) {
        return new KernelIR(kernel, f, callees, sites, features, checks);
    }

    static Stmt gid(Var dst) {
        return new Stmt.WorkItem(dst, WorkItemQuery.GLOBAL_ID, 0);
    }

    static Terminator ret() {
        return new Terminator.Return(Optional.empty());
    }

    static Terminator jump(int target) {
        return new Terminator.Goto(target);
    }

    /** {@code c[i] = a[i] + b[i]} guarded by {@code i < c.length}; no checks. */
    static Fixture vectorAdd() {
        IrBuilder f = IrBuilder.kernel("vectorAdd", OWNER + ".vectorAdd(Lorg/jdotcompute/api/KernelContext;[F[F[F)V");
        Var a = f.param("p_a", global(FLOAT));
        Var b = f.param("p_b", global(FLOAT));
        Var c = f.param("p_c", global(FLOAT));
        Var i = f.local("l1_i", IrType.INT);
        Var n = f.local("s0_n", IrType.INT);
        Var x = f.local("s1_x", IrType.FLOAT);
        Var y = f.local("s2_y", IrType.FLOAT);
        f.block(0).add(gid(i)).add(new Stmt.Length(n, c)).end(new Terminator.Branch(CompareOp.GE, i, n, 2, 1));
        f.block(1).add(new Stmt.Load(x, a, i)).add(new Stmt.Load(y, b, i)).add(new Stmt.Binary(x, BinaryOp.ADD, x, y))
                .add(new Stmt.Store(c, i, x)).end(jump(2));
        f.block(2).end(ret());
        return new Fixture("vectorAdd", method("vectorAdd"), ir("TestKernels.vectorAdd", f.build(FailureMode.RETURN, false),
                List.of(), List.of(), Set.of(), CheckMode.NONE));
    }

    /** {@code y[i] = a * x[i] + y[i]} guarded by {@code i < y.length}, bounds-checked (x may be shorter). */
    static Fixture saxpy() {
        String k = "TestKernels.saxpy";
        IrBuilder f = IrBuilder.kernel("saxpy", OWNER + ".saxpy(Lorg/jdotcompute/api/KernelContext;F[F[F)V");
        Var a = f.param("p_a", IrType.FLOAT);
        Var x = f.param("p_x", global(FLOAT));
        Var y = f.param("p_y", global(FLOAT));
        Var i = f.local("l1_i", IrType.INT);
        Var n = f.local("s0_n", IrType.INT);
        Var t = f.local("s1_t", IrType.FLOAT);
        Var u = f.local("s2_u", IrType.FLOAT);
        f.block(0).add(gid(i)).add(new Stmt.Length(n, y)).end(new Terminator.Branch(CompareOp.GE, i, n, 2, 1));
        f.block(1).add(new Stmt.CheckIndex(0, x, i)).add(new Stmt.Load(t, x, i)).add(new Stmt.Binary(t, BinaryOp.MUL, a, t))
                .add(new Stmt.CheckIndex(1, y, i)).add(new Stmt.Load(u, y, i)).add(new Stmt.Binary(t, BinaryOp.ADD, t, u))
                .add(new Stmt.CheckIndex(2, y, i)).add(new Stmt.Store(y, i, t)).end(jump(2));
        f.block(2).end(ret());
        return new Fixture("saxpy", method("saxpy"), ir(k, f.build(FailureMode.RETURN, true), List.of(),
                List.of(indexSite(k, "saxpy", 24), indexSite(k, "saxpy", 24), indexSite(k, "saxpy", 24)),
                Set.of(IrFeature.DEVICE_FAILURES), CheckMode.INDEX));
    }

    /** A Collatz step count, a loop, branches and a switch; no checks. */
    static Fixture branchy() {
        IrBuilder f = IrBuilder.kernel("branchy", OWNER + ".branchy(Lorg/jdotcompute/api/KernelContext;[I[I)V");
        Var in = f.param("p_in", global(INT));
        Var out = f.param("p_out", global(INT));
        Var i = f.local("l1_i", IrType.INT);
        Var v = f.local("l2_v", IrType.INT);
        Var r = f.local("l3_r", IrType.INT);
        Var steps = f.local("l4_steps", IrType.INT);
        Var t = f.local("s0_t", IrType.INT);
        f.block(0).add(gid(i)).add(new Stmt.Load(v, in, i)).end(new Terminator.Branch(CompareOp.LT, v, ofInt(0), 1, 2));
        f.block(1).add(new Stmt.Assign(r, ofInt(-1))).end(jump(6));
        f.block(2).add(new Stmt.Assign(steps, ofInt(0))).end(jump(3));
        f.block(3).end(new Terminator.Branch(CompareOp.GT, v, ofInt(1), 4, 5));
        f.block(4).add(new Stmt.Binary(t, BinaryOp.AND, v, ofInt(1)))
                .end(new Terminator.Branch(CompareOp.EQ, t, ofInt(0), 7, 8));
        f.block(7).add(new Stmt.Binary(v, BinaryOp.SHR, v, ofInt(1))).end(jump(9));
        f.block(8).add(new Stmt.Binary(v, BinaryOp.MUL, ofInt(3), v)).add(new Stmt.Binary(v, BinaryOp.ADD, v, ofInt(1)))
                .end(jump(9));
        f.block(9).add(new Stmt.Binary(steps, BinaryOp.ADD, steps, ofInt(1))).end(jump(3));
        f.block(5).add(new Stmt.Binary(t, BinaryOp.REM, steps, ofInt(4))).end(new Terminator.Switch(t,
                List.of(new Terminator.Switch.Case(0, 10), new Terminator.Switch.Case(1, 11),
                        new Terminator.Switch.Case(2, 12)), 13));
        f.block(10).add(new Stmt.Assign(r, steps)).end(jump(6));
        f.block(11).add(new Stmt.Binary(r, BinaryOp.MUL, steps, ofInt(10))).end(jump(6));
        f.block(12).add(new Stmt.Negate(r, steps)).end(jump(6));
        f.block(13).add(new Stmt.Assign(r, ofInt(7))).end(jump(6));
        f.block(6).add(new Stmt.Store(out, i, r)).end(ret());
        return new Fixture("branchy", method("branchy"), ir("TestKernels.branchy", f.build(FailureMode.RETURN, false),
                List.of(), List.of(), Set.of(), CheckMode.NONE));
    }

    /** Expected result of {@link TestKernels#branchy} for one input. */
    static int branchy(int v) {
        if (v < 0) {
            return -1;
        }
        int steps = 0;
        while (v > 1) {
            v = (v & 1) == 0 ? v >> 1 : 3 * v + 1;
            steps++;
        }
        return switch (steps % 4) {
            case 0 -> steps;
            case 1 -> steps * 10;
            case 2 -> -steps;
            default -> 7;
        };
    }

    /** A gather through a device function, with bounds checks and an explicit throw with a built message. */
    static Fixture checkedGather() {
        String k = "TestKernels.checkedGather";
        IrBuilder load = IrBuilder.function("load", OWNER + ".load([FI)F", IrType.FLOAT);
        Var la = load.param("p_a", global(FLOAT));
        Var lj = load.param("p_j", IrType.INT);
        Var lv = load.local("s0_v", IrType.FLOAT);
        load.block(0).add(new Stmt.CheckIndex(2, la, lj)).add(new Stmt.Load(lv, la, lj))
                .end(new Terminator.Return(Optional.of(lv)));

        IrBuilder f = IrBuilder.kernel("checkedGather", OWNER + ".checkedGather(Lorg/jdotcompute/api/KernelContext;[I[F[F)V");
        Var idx = f.param("p_idx", global(INT));
        Var src = f.param("p_src", global(FLOAT));
        Var dst = f.param("p_dst", global(FLOAT));
        Var i = f.local("l1_i", IrType.INT);
        Var j = f.local("l2_j", IrType.INT);
        Var v = f.local("s0_v", IrType.FLOAT);
        f.block(0).add(gid(i)).add(new Stmt.CheckIndex(0, idx, i)).add(new Stmt.Load(j, idx, i))
                .end(new Terminator.Branch(CompareOp.LT, j, ofInt(-1000), 1, 2));
        f.block(1).end(new Terminator.Throw(1, List.of(j, i)));
        f.block(2).add(new Stmt.Call(Optional.of(v), "load", List.of(src, j))).add(new Stmt.CheckIndex(3, dst, i))
                .add(new Stmt.Store(dst, i, v)).end(ret());
        List<DeviceErrorSite> sites = List.of(indexSite(k, "checkedGather", 56),
                DeviceErrorSite.ofMessage("java.lang.IllegalArgumentException", "bad index \u0001 at \u0001",
                        List.of(ArgumentType.INT, ArgumentType.INT), k, OWNER, "checkedGather", FILE, 58),
                indexSite(k, "load", 64), indexSite(k, "checkedGather", 60));
        return new Fixture("checkedGather", method("checkedGather"), ir(k, f.build(FailureMode.RETURN, true),
                List.of(load.build(FailureMode.RETURN, true)), sites, Set.of(IrFeature.DEVICE_FAILURES), CheckMode.INDEX));
    }

    /** A work-group tree reduction in group-local memory with barriers; bounds-checked, CONTINUE mode. */
    static Fixture reduce() {
        String k = "TestKernels.reduce";
        IrBuilder f = IrBuilder.kernel("reduce", OWNER + ".reduce(Lorg/jdotcompute/api/KernelContext;[F[F)V");
        Var in = f.param("p_in", global(FLOAT));
        Var out = f.param("p_partial", global(FLOAT));
        int tileId = f.localArray(FLOAT, 64);
        Var tile = f.local("l1_tile", local(FLOAT));
        Var lid = f.local("l2_lid", IrType.INT);
        Var gid = f.local("l3_gid", IrType.INT);
        Var s = f.local("l4_s", IrType.INT);
        Var v = f.local("s0_v", IrType.FLOAT);
        Var w = f.local("s1_w", IrType.FLOAT);
        Var t = f.local("s2_t", IrType.INT);
        Var group = f.local("s3_group", IrType.INT);
        f.block(0).add(new Stmt.LocalArray(tile, tileId)).add(new Stmt.WorkItem(lid, WorkItemQuery.LOCAL_ID, 0))
                .add(gid(gid)).add(new Stmt.CheckIndex(0, in, gid)).add(new Stmt.Load(v, in, gid))
                .add(new Stmt.CheckIndex(1, tile, lid)).add(new Stmt.Store(tile, lid, v)).add(new Stmt.Barrier())
                .add(new Stmt.WorkItem(s, WorkItemQuery.LOCAL_SIZE, 0)).add(new Stmt.Binary(s, BinaryOp.DIV, s, ofInt(2)))
                .end(jump(1));
        f.block(1).end(new Terminator.Branch(CompareOp.LE, s, ofInt(0), 4, 2));
        f.block(2).end(new Terminator.Branch(CompareOp.GE, lid, s, 3, 5));
        f.block(5).add(new Stmt.Binary(t, BinaryOp.ADD, lid, s)).add(new Stmt.CheckIndex(2, tile, t))
                .add(new Stmt.Load(w, tile, t)).add(new Stmt.CheckIndex(3, tile, lid)).add(new Stmt.Load(v, tile, lid))
                .add(new Stmt.Binary(v, BinaryOp.ADD, v, w)).add(new Stmt.CheckIndex(4, tile, lid))
                .add(new Stmt.Store(tile, lid, v)).end(jump(3));
        f.block(3).add(new Stmt.Barrier()).add(new Stmt.Binary(s, BinaryOp.SHR, s, ofInt(1))).end(jump(1));
        f.block(4).end(new Terminator.Branch(CompareOp.NE, lid, ofInt(0), 7, 6));
        f.block(6).add(new Stmt.WorkItem(group, WorkItemQuery.GROUP_ID, 0)).add(new Stmt.CheckIndex(5, tile, ofInt(0)))
                .add(new Stmt.Load(v, tile, ofInt(0))).add(new Stmt.CheckIndex(6, out, group))
                .add(new Stmt.Store(out, group, v)).end(jump(7));
        f.block(7).end(ret());
        List<DeviceErrorSite> sites = List.of(indexSite(k, "reduce", 71), indexSite(k, "reduce", 71),
                indexSite(k, "reduce", 75), indexSite(k, "reduce", 75), indexSite(k, "reduce", 75),
                indexSite(k, "reduce", 80), indexSite(k, "reduce", 80));
        return new Fixture("reduce", method("reduce"), ir(k, f.build(FailureMode.CONTINUE, true), List.of(), sites,
                Set.of(IrFeature.BARRIER, IrFeature.LOCAL_MEMORY, IrFeature.DEVICE_FAILURES), CheckMode.INDEX));
    }

    /** Expected result of {@link TestKernels#reduce} for one work-group of {@code in} starting at {@code from}. */
    static float reduce(float[] in, int from, int groupSize) {
        float[] tile = Arrays.copyOfRange(in, from, from + groupSize);
        for (int s = groupSize / 2; s > 0; s >>= 1) {
            for (int lid = 0; lid < s; lid++) {
                tile[lid] += tile[lid + s];
            }
        }
        return tile[0];
    }

    /** An atomic 16-bin histogram; bounds-checked. */
    static Fixture histogram() {
        String k = "TestKernels.histogram";
        IrBuilder f = IrBuilder.kernel("histogram", OWNER + ".histogram(Lorg/jdotcompute/api/KernelContext;[I[I)V");
        Var data = f.param("p_data", global(INT));
        Var bins = f.param("p_bins", global(INT));
        Var i = f.local("l1_i", IrType.INT);
        Var b = f.local("l2_b", IrType.INT);
        Var old = f.local("s0_old", IrType.INT);
        f.block(0).add(gid(i)).add(new Stmt.CheckIndex(0, data, i)).add(new Stmt.Load(b, data, i))
                .add(new Stmt.Binary(b, BinaryOp.AND, b, ofInt(15))).add(new Stmt.CheckIndex(1, bins, b))
                .add(new Stmt.Atomic(old, AtomicOp.ADD, bins, b, List.of(ofInt(1)))).end(ret());
        return new Fixture("histogram", method("histogram"), ir(k, f.build(FailureMode.RETURN, true), List.of(),
                List.of(indexSite(k, "histogram", 86), indexSite(k, "histogram", 87)),
                Set.of(IrFeature.ATOMIC_INT32, IrFeature.DEVICE_FAILURES), CheckMode.INDEX));
    }

    /** Float atomic add, long atomic max/min, int compare-and-set; no checks. */
    static Fixture atomicsMix() {
        IrBuilder f = IrBuilder.kernel("atomicsMix", OWNER + ".atomicsMix(Lorg/jdotcompute/api/KernelContext;[F[J[I[I)V");
        Var sum = f.param("p_sum", global(FLOAT));
        Var extremes = f.param("p_extremes", global(LONG));
        Var slots = f.param("p_slots", global(INT));
        Var wins = f.param("p_wins", global(INT));
        Var i = f.local("l1_i", IrType.INT);
        Var l = f.local("l2_l", IrType.LONG);
        Var won = f.local("l3_won", IrType.INT);
        Var fv = f.local("s0_f", IrType.FLOAT);
        Var oldF = f.local("s1_oldf", IrType.FLOAT);
        Var oldL = f.local("s2_oldl", IrType.LONG);
        Var neg = f.local("s3_neg", IrType.LONG);
        Var oldI = f.local("s4_oldi", IrType.INT);
        f.block(0).add(gid(i)).add(new Stmt.Convert(fv, Scalar.INT, FLOAT, i))
                .add(new Stmt.Atomic(oldF, AtomicOp.ADD, sum, ofInt(0), List.of(fv)))
                .add(new Stmt.Convert(l, Scalar.INT, LONG, i))
                .add(new Stmt.Binary(l, BinaryOp.MUL, l, org.jdotcompute.spi.ir.Const.ofLong(3)))
                .add(new Stmt.Atomic(oldL, AtomicOp.MAX, extremes, ofInt(0), List.of(l)))
                .add(new Stmt.Negate(neg, l))
                .add(new Stmt.Atomic(oldL, AtomicOp.MIN, extremes, ofInt(1), List.of(neg)))
                .add(new Stmt.Atomic(won, AtomicOp.CAS, slots, i, List.of(ofInt(0), ofInt(5))))
                .add(new Stmt.Atomic(oldI, AtomicOp.ADD, wins, ofInt(0), List.of(won))).end(ret());
        return new Fixture("atomicsMix", method("atomicsMix"), ir("TestKernels.atomicsMix",
                f.build(FailureMode.RETURN, false), List.of(), List.of(),
                Set.of(IrFeature.ATOMIC_INT32, IrFeature.ATOMIC_INT64, IrFeature.ATOMIC_FLOAT, IrFeature.INT64),
                CheckMode.NONE));
    }
}
