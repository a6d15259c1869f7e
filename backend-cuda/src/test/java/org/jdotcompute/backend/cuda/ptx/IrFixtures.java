package org.jdotcompute.backend.cuda.ptx;

import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.d;
import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.f;
import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.global;
import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.i;
import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.l;
import static org.jdotcompute.backend.cuda.ptx.FunctionBuilder.local;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.CompareOp;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.jdotcompute.spi.ir.WorkItemQuery;

/**
 * Hand-built kernel IR for the PTX tests: the kernels the bytecode front end will produce for
 * typical Java kernels (vector add, SAXPY, loops, switch, conversions, intrinsics, checks and
 * throws, barriers with shared memory, atomics, device functions, CONTINUE mode).
 */
final class IrFixtures {
    private IrFixtures() {
    }

    private static final char P = DeviceErrorSite.PLACEHOLDER;

    static DeviceErrorSite aioobe(String kernel, int line) {
        return DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + P + " out of bounds for length " + P, List.of(ArgumentType.INT, ArgumentType.INT), kernel,
                "test.Kernels", kernel.substring(kernel.indexOf('.') + 1), "Kernels.java", line);
    }

    static DeviceErrorSite divByZero(String kernel, int line) {
        return DeviceErrorSite.ofMessage("java.lang.ArithmeticException", "/ by zero", List.of(), kernel, "test.Kernels",
                kernel.substring(kernel.indexOf('.') + 1), "Kernels.java", line);
    }

    private static KernelIR kernel(String name, IrFunction k, List<IrFunction> device, List<DeviceErrorSite> sites,
            Set<IrFeature> features, CheckMode checks) {
        return new KernelIR(name, k, device, sites, features, checks);
    }

    /** Every fixture by name. */
    static Map<String, KernelIR> all() {
        Map<String, KernelIR> m = new LinkedHashMap<>();
        for (KernelIR ir : List.of(vectorAdd(), saxpy(), branchesAndLoops(), switchKernel(), conversions(), intrinsics(),
                integerArithmetic(), floatArithmetic(), throwsWithValues(), barrierReduce(), atomics(), deviceFunctions(),
                continueMode(), arraysOfEveryType(), workItems(), uncheckedVectorAdd(), usesSin())) {
            m.put(ir.kernelName(), ir);
        }
        return m;
    }

    /** {@code c[i] = a[i] + b[i]} for {@code i = globalId(0) < c.length}, bounds checked. */
    static KernelIR vectorAdd() {
        String kn = "Kernels.vectorAdd";
        FunctionBuilder b = new FunctionBuilder("vectorAdd", true, FailureMode.RETURN);
        Var a = b.param("p_a", global(Scalar.FLOAT));
        Var bb = b.param("p_b", global(Scalar.FLOAT));
        Var c = b.param("p_c", global(Scalar.FLOAT));
        Var idx = b.var("l_i", IrType.INT);
        Var n = b.var("s_n", IrType.INT);
        Var x = b.var("s_x", IrType.FLOAT);
        Var y = b.var("s_y", IrType.FLOAT);
        Var z = b.var("s_z", IrType.FLOAT);
        b.block(0).add(new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Length(n, c))
                .end(new Terminator.Branch(CompareOp.GE, idx, n, 2, 1));
        b.block(1).add(new Stmt.CheckIndex(0, a, idx)).add(new Stmt.Load(x, a, idx))
                .add(new Stmt.CheckIndex(1, bb, idx)).add(new Stmt.Load(y, bb, idx))
                .add(new Stmt.Binary(z, BinaryOp.ADD, x, y))
                .add(new Stmt.CheckIndex(2, c, idx)).add(new Stmt.Store(c, idx, z)).end(new Terminator.Goto(2));
        b.block(2).ret();
        return kernel(kn, b.build(IrType.VOID), List.of(), List.of(aioobe(kn, 10), aioobe(kn, 10), aioobe(kn, 10)),
                EnumSet.of(IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /** The vector add compiled with {@code NONE}: no checks, no sites. */
    static KernelIR uncheckedVectorAdd() {
        FunctionBuilder b = new FunctionBuilder("vectorAddUnchecked", true, FailureMode.RETURN);
        Var a = b.param("p_a", global(Scalar.FLOAT));
        Var bb = b.param("p_b", global(Scalar.FLOAT));
        Var c = b.param("p_c", global(Scalar.FLOAT));
        Var idx = b.var("l_i", IrType.INT);
        Var x = b.var("s_x", IrType.FLOAT);
        Var y = b.var("s_y", IrType.FLOAT);
        b.block(0).add(new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(x, a, idx))
                .add(new Stmt.Load(y, bb, idx)).add(new Stmt.Binary(x, BinaryOp.ADD, x, y)).add(new Stmt.Store(c, idx, x))
                .ret();
        return kernel("Kernels.vectorAddUnchecked", b.build(IrType.VOID), List.of(), List.of(), Set.of(), CheckMode.NONE);
    }

    /** {@code y[i] = a * x[i] + y[i]}: a scalar parameter, no FMA contraction. */
    static KernelIR saxpy() {
        String kn = "Kernels.saxpy";
        FunctionBuilder b = new FunctionBuilder("saxpy", true, FailureMode.RETURN);
        Var a = b.param("p_a", IrType.FLOAT);
        Var x = b.param("p_x", global(Scalar.FLOAT));
        Var y = b.param("p_y", global(Scalar.FLOAT));
        Var idx = b.var("l_i", IrType.INT);
        Var n = b.var("s_n", IrType.INT);
        Var t = b.var("s_t", IrType.FLOAT);
        Var u = b.var("s_u", IrType.FLOAT);
        b.block(0).add(new Stmt.WorkItem(idx, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Length(n, y))
                .end(new Terminator.Branch(CompareOp.LT, idx, n, 1, 2));
        b.block(1).add(new Stmt.CheckIndex(0, x, idx)).add(new Stmt.Load(t, x, idx)).add(new Stmt.Binary(t, BinaryOp.MUL, a, t))
                .add(new Stmt.CheckIndex(1, y, idx)).add(new Stmt.Load(u, y, idx)).add(new Stmt.Binary(t, BinaryOp.ADD, t, u))
                .add(new Stmt.Store(y, idx, t)).end(new Terminator.Goto(2));
        b.block(2).ret();
        return kernel(kn, b.build(IrType.VOID), List.of(), List.of(aioobe(kn, 20), aioobe(kn, 20)),
                EnumSet.of(IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /** A loop summing {@code 0..n-1} with an if/else on parity, written to {@code out[gid]}. */
    static KernelIR branchesAndLoops() {
        FunctionBuilder b = new FunctionBuilder("loops", true, FailureMode.RETURN);
        Var out = b.param("p_out", global(Scalar.LONG));
        Var n = b.param("p_n", IrType.INT);
        Var gid = b.var("l_g", IrType.INT);
        Var k = b.var("l_k", IrType.INT);
        Var acc = b.var("l_acc", IrType.LONG);
        Var t = b.var("s_t", IrType.INT);
        Var w = b.var("s_w", IrType.LONG);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Assign(k, i(0)))
                .add(new Stmt.Assign(acc, l(0))).end(new Terminator.Goto(1));
        b.block(1).end(new Terminator.Branch(CompareOp.GE, k, n, 5, 2));
        b.block(2).add(new Stmt.Binary(t, BinaryOp.AND, k, i(1))).end(new Terminator.Branch(CompareOp.EQ, t, i(0), 3, 4));
        b.block(3).add(new Stmt.Convert(w, Scalar.INT, Scalar.LONG, k)).add(new Stmt.Binary(acc, BinaryOp.ADD, acc, w))
                .add(new Stmt.Binary(k, BinaryOp.ADD, k, i(1))).end(new Terminator.Goto(1));
        b.block(4).add(new Stmt.Convert(w, Scalar.INT, Scalar.LONG, k)).add(new Stmt.Binary(acc, BinaryOp.SUB, acc, w))
                .add(new Stmt.Binary(k, BinaryOp.ADD, k, i(1))).end(new Terminator.Goto(1));
        b.block(5).add(new Stmt.Store(out, gid, acc)).ret();
        return kernel("Kernels.loops", b.build(IrType.VOID), List.of(), List.of(), Set.of(IrFeature.INT64), CheckMode.NONE);
    }

    /** A switch on {@code gid % 4} with a default. */
    static KernelIR switchKernel() {
        FunctionBuilder b = new FunctionBuilder("switcher", true, FailureMode.RETURN);
        Var out = b.param("p_out", global(Scalar.INT));
        Var gid = b.var("l_g", IrType.INT);
        Var key = b.var("s_k", IrType.INT);
        Var v = b.var("s_v", IrType.INT);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Binary(key, BinaryOp.REM, gid, i(4)))
                .end(new Terminator.Switch(key, List.of(new Terminator.Switch.Case(0, 1), new Terminator.Switch.Case(1, 2),
                        new Terminator.Switch.Case(-7, 3)), 4));
        b.block(1).add(new Stmt.Assign(v, i(10))).end(new Terminator.Goto(5));
        b.block(2).add(new Stmt.Assign(v, i(-20))).end(new Terminator.Goto(5));
        b.block(3).add(new Stmt.Assign(v, i(Integer.MIN_VALUE))).end(new Terminator.Goto(5));
        b.block(4).add(new Stmt.Assign(v, i(Integer.MAX_VALUE))).end(new Terminator.Goto(5));
        b.block(5).add(new Stmt.Store(out, gid, v)).ret();
        return kernel("Kernels.switcher", b.build(IrType.VOID), List.of(), List.of(), Set.of(), CheckMode.NONE);
    }

    /** Every Java primitive conversion, results stored so nothing is dead. */
    static KernelIR conversions() {
        FunctionBuilder b = new FunctionBuilder("conversions", true, FailureMode.RETURN);
        Var ints = b.param("p_ints", global(Scalar.INT));
        Var longs = b.param("p_longs", global(Scalar.LONG));
        Var floats = b.param("p_floats", global(Scalar.FLOAT));
        Var doubles = b.param("p_doubles", global(Scalar.DOUBLE));
        Var gid = b.var("l_g", IrType.INT);
        Var iv = b.var("s_i", IrType.INT);
        Var lv = b.var("s_l", IrType.LONG);
        Var fv = b.var("s_f", IrType.FLOAT);
        Var dv = b.var("s_d", IrType.DOUBLE);
        Map<Scalar, Var> src = Map.of(Scalar.INT, iv, Scalar.LONG, lv, Scalar.FLOAT, fv, Scalar.DOUBLE, dv);
        Map<Scalar, Var> arrays = Map.of(Scalar.INT, ints, Scalar.LONG, longs, Scalar.FLOAT, floats, Scalar.DOUBLE, doubles);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(iv, ints, gid))
                .add(new Stmt.Load(lv, longs, gid)).add(new Stmt.Load(fv, floats, gid)).add(new Stmt.Load(dv, doubles, gid));
        int slot = 0;
        List<Scalar> kinds = List.of(Scalar.INT, Scalar.LONG, Scalar.FLOAT, Scalar.DOUBLE);
        for (Scalar from : kinds) {
            for (Scalar to : kinds) {
                Var dst = b.var("c" + slot++ + "_" + from.name().toLowerCase() + "2" + to.name().toLowerCase(), IrType.of(to));
                b.add(new Stmt.Convert(dst, from, to, src.get(from))).add(new Stmt.Store(arrays.get(to), i(slot), dst));
            }
        }
        for (Scalar narrow : List.of(Scalar.BYTE, Scalar.SHORT, Scalar.CHAR)) {
            Var dst = b.var("c" + slot++ + "_i2" + narrow.name().toLowerCase(), IrType.INT);
            b.add(new Stmt.Convert(dst, Scalar.INT, narrow, iv)).add(new Stmt.Store(ints, i(slot), dst));
        }
        b.ret();
        return kernel("Kernels.conversions", b.build(IrType.VOID), List.of(), List.of(),
                EnumSet.of(IrFeature.FP64, IrFeature.INT64), CheckMode.NONE);
    }

    /** Every intrinsic the emitter supports, each stored. */
    static KernelIR intrinsics() {
        FunctionBuilder b = new FunctionBuilder("intrinsics", true, FailureMode.RETURN);
        Var ints = b.param("p_ints", global(Scalar.INT));
        Var longs = b.param("p_longs", global(Scalar.LONG));
        Var floats = b.param("p_floats", global(Scalar.FLOAT));
        Var doubles = b.param("p_doubles", global(Scalar.DOUBLE));
        Var gid = b.var("l_g", IrType.INT);
        Map<Scalar, Var> in = new LinkedHashMap<>();
        in.put(Scalar.INT, b.var("s_i", IrType.INT));
        in.put(Scalar.LONG, b.var("s_l", IrType.LONG));
        in.put(Scalar.FLOAT, b.var("s_f", IrType.FLOAT));
        in.put(Scalar.DOUBLE, b.var("s_d", IrType.DOUBLE));
        Map<Scalar, Var> arrays = Map.of(Scalar.INT, ints, Scalar.LONG, longs, Scalar.FLOAT, floats, Scalar.DOUBLE, doubles);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0));
        in.forEach((k, v) -> b.add(new Stmt.Load(v, arrays.get(k), gid)));
        int slot = 0;
        for (IntrinsicOp op : IntrinsicOp.values()) {
            List<Operand> args = new ArrayList<>();
            op.parameters().forEach(p -> args.add(in.get(p)));
            Var dst = b.var("x_" + op.name().toLowerCase(), IrType.of(op.result()));
            b.add(new Stmt.Intrinsic(dst, op, args)).add(new Stmt.Store(arrays.get(op.result()), i(slot++), dst));
        }
        b.ret();
        return kernel("Kernels.intrinsics", b.build(IrType.VOID), List.of(), List.of(),
                EnumSet.of(IrFeature.FP64, IrFeature.INT64), CheckMode.NONE);
    }

    /** Integer arithmetic: checked and unchecked division/remainder, shifts, compare3, negation. */
    static KernelIR integerArithmetic() {
        String kn = "Kernels.integers";
        FunctionBuilder b = new FunctionBuilder("integers", true, FailureMode.RETURN);
        Var ints = b.param("p_ints", global(Scalar.INT));
        Var longs = b.param("p_longs", global(Scalar.LONG));
        Var gid = b.var("l_g", IrType.INT);
        Var x = b.var("s_x", IrType.INT);
        Var y = b.var("s_y", IrType.INT);
        Var lx = b.var("s_lx", IrType.LONG);
        Var ly = b.var("s_ly", IrType.LONG);
        Var r = b.var("s_r", IrType.INT);
        Var lr = b.var("s_lr", IrType.LONG);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(x, ints, gid))
                .add(new Stmt.Load(y, ints, i(0))).add(new Stmt.Load(lx, longs, gid)).add(new Stmt.Load(ly, longs, i(0)));
        int slot = 1;
        for (BinaryOp op : BinaryOp.values()) {
            if (op == BinaryOp.DIV || op == BinaryOp.REM) {
                b.add(new Stmt.CheckDivisor(0, y));
            }
            b.add(new Stmt.Binary(r, op, x, y)).add(new Stmt.Store(ints, i(slot++), r));
            if (op == BinaryOp.DIV || op == BinaryOp.REM) {
                b.add(new Stmt.CheckDivisor(0, ly));
            }
            b.add(new Stmt.Binary(lr, op, lx, op.isShift() ? y : ly)).add(new Stmt.Store(longs, i(slot++), lr));
        }
        b.add(new Stmt.Binary(r, BinaryOp.DIV, x, i(0))).add(new Stmt.Store(ints, i(slot++), r)) // unchecked x / 0
                .add(new Stmt.Compare3(r, lx, ly, -1)).add(new Stmt.Store(ints, i(slot++), r))
                .add(new Stmt.Negate(r, x)).add(new Stmt.Store(ints, i(slot++), r))
                .add(new Stmt.Negate(lr, lx)).add(new Stmt.Store(longs, i(slot++), lr)).ret();
        return kernel(kn, b.build(IrType.VOID), List.of(), List.of(divByZero(kn, 30)),
                EnumSet.of(IrFeature.INT64, IrFeature.DEVICE_FAILURES), CheckMode.FULL);
    }

    /** Float arithmetic with rounding kept: + - * / % on float and double, compares, negation. */
    static KernelIR floatArithmetic() {
        FunctionBuilder b = new FunctionBuilder("floats", true, FailureMode.RETURN);
        Var floats = b.param("p_floats", global(Scalar.FLOAT));
        Var doubles = b.param("p_doubles", global(Scalar.DOUBLE));
        Var ints = b.param("p_ints", global(Scalar.INT));
        Var gid = b.var("l_g", IrType.INT);
        Var x = b.var("s_x", IrType.FLOAT);
        Var y = b.var("s_y", IrType.FLOAT);
        Var dx = b.var("s_dx", IrType.DOUBLE);
        Var dy = b.var("s_dy", IrType.DOUBLE);
        Var r = b.var("s_r", IrType.FLOAT);
        Var dr = b.var("s_dr", IrType.DOUBLE);
        Var c = b.var("s_c", IrType.INT);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(x, floats, gid))
                .add(new Stmt.Load(y, floats, i(0))).add(new Stmt.Load(dx, doubles, gid)).add(new Stmt.Load(dy, doubles, i(0)));
        int slot = 1;
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.REM)) {
            b.add(new Stmt.Binary(r, op, x, y)).add(new Stmt.Store(floats, i(slot), r));
            b.add(new Stmt.Binary(dr, op, dx, dy)).add(new Stmt.Store(doubles, i(slot++), dr));
        }
        b.add(new Stmt.Binary(r, BinaryOp.MUL, x, f(3.5f))).add(new Stmt.Binary(r, BinaryOp.ADD, r, y)) // a*b+c: two roundings
                .add(new Stmt.Store(floats, i(slot), r))
                .add(new Stmt.Binary(dr, BinaryOp.MUL, dx, d(1e-310))).add(new Stmt.Store(doubles, i(slot++), dr))
                .add(new Stmt.Negate(r, x)).add(new Stmt.Store(floats, i(slot), r))
                .add(new Stmt.Negate(dr, dx)).add(new Stmt.Store(doubles, i(slot++), dr))
                .add(new Stmt.Compare3(c, x, y, -1)).add(new Stmt.Store(ints, i(0), c))
                .add(new Stmt.Compare3(c, dx, dy, 1)).add(new Stmt.Store(ints, i(1), c))
                .end(new Terminator.Branch(CompareOp.NE, x, y, 1, 2));
        b.block(1).add(new Stmt.Store(ints, i(2), i(1))).end(new Terminator.Branch(CompareOp.LE, dx, dy, 2, 3));
        b.block(2).add(new Stmt.Store(ints, i(3), i(1))).end(new Terminator.Goto(3));
        b.block(3).ret();
        return kernel("Kernels.floats", b.build(IrType.VOID), List.of(), List.of(), EnumSet.of(IrFeature.FP64),
                CheckMode.NONE);
    }

    /** {@code throw new IllegalArgumentException("bad value " + v + " at " + d)} with int and double values. */
    static KernelIR throwsWithValues() {
        String kn = "Kernels.validate";
        FunctionBuilder b = new FunctionBuilder("validate", true, FailureMode.RETURN);
        Var data = b.param("p_data", global(Scalar.INT));
        Var scale = b.param("p_scale", IrType.DOUBLE);
        Var gid = b.var("l_g", IrType.INT);
        Var v = b.var("s_v", IrType.INT);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.CheckIndex(0, data, gid))
                .add(new Stmt.Load(v, data, gid)).end(new Terminator.Branch(CompareOp.LT, v, i(0), 1, 2));
        b.block(1).end(new Terminator.Throw(1, List.of(v, scale)));
        b.block(2).ret();
        DeviceErrorSite bad = DeviceErrorSite.ofMessage("java.lang.IllegalArgumentException",
                "bad value " + P + " at scale " + P, List.of(ArgumentType.INT, ArgumentType.DOUBLE), kn, "test.Kernels",
                "validate", "Kernels.java", 41);
        return kernel(kn, b.build(IrType.VOID), List.of(), List.of(aioobe(kn, 40), bad),
                EnumSet.of(IrFeature.DEVICE_FAILURES, IrFeature.FP64), CheckMode.INDEX);
    }

    /** A work-group sum in shared memory with barriers: CONTINUE mode, bounds checked, explicit local size. */
    static KernelIR barrierReduce() {
        String kn = "Kernels.groupSum";
        FunctionBuilder b = new FunctionBuilder("groupSum", true, FailureMode.CONTINUE);
        Var in = b.param("p_in", global(Scalar.FLOAT));
        Var out = b.param("p_out", global(Scalar.FLOAT));
        LocalArrayDecl decl = b.localArray(Scalar.FLOAT, 256);
        Var tile = b.var("l_tile", local(Scalar.FLOAT));
        Var gid = b.var("l_g", IrType.INT);
        Var lid = b.var("l_l", IrType.INT);
        Var grp = b.var("l_grp", IrType.INT);
        Var stride = b.var("l_s", IrType.INT);
        Var t = b.var("s_t", IrType.FLOAT);
        Var u = b.var("s_u", IrType.FLOAT);
        Var j = b.var("s_j", IrType.INT);
        b.block(0).add(new Stmt.LocalArray(tile, decl.id())).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0))
                .add(new Stmt.WorkItem(lid, WorkItemQuery.LOCAL_ID, 0)).add(new Stmt.WorkItem(grp, WorkItemQuery.GROUP_ID, 0))
                .add(new Stmt.CheckIndex(0, in, gid)).add(new Stmt.Load(t, in, gid))
                .add(new Stmt.CheckIndex(1, tile, lid)).add(new Stmt.Store(tile, lid, t)).add(new Stmt.Barrier())
                .add(new Stmt.WorkItem(stride, WorkItemQuery.LOCAL_SIZE, 0))
                .add(new Stmt.Binary(stride, BinaryOp.SHR, stride, i(1))).end(new Terminator.Goto(1));
        b.block(1).end(new Terminator.Branch(CompareOp.LE, stride, i(0), 4, 2));
        b.block(2).end(new Terminator.Branch(CompareOp.GE, lid, stride, 3, 5));
        b.block(5).add(new Stmt.Binary(j, BinaryOp.ADD, lid, stride)).add(new Stmt.Load(t, tile, lid))
                .add(new Stmt.Load(u, tile, j)).add(new Stmt.Binary(t, BinaryOp.ADD, t, u)).add(new Stmt.Store(tile, lid, t))
                .end(new Terminator.Goto(3));
        b.block(3).add(new Stmt.Barrier()).add(new Stmt.Binary(stride, BinaryOp.USHR, stride, i(1)))
                .end(new Terminator.Goto(1));
        b.block(4).end(new Terminator.Branch(CompareOp.NE, lid, i(0), 7, 6));
        b.block(6).add(new Stmt.Load(t, tile, i(0))).add(new Stmt.CheckIndex(2, out, grp)).add(new Stmt.Store(out, grp, t))
                .end(new Terminator.Goto(7));
        b.block(7).ret();
        return kernel(kn, b.build(IrType.VOID), List.of(), List.of(aioobe(kn, 50), aioobe(kn, 51), aioobe(kn, 60)),
                EnumSet.of(IrFeature.BARRIER, IrFeature.LOCAL_MEMORY, IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /** Atomics of every width and operation, global and group-local. */
    static KernelIR atomics() {
        FunctionBuilder b = new FunctionBuilder("atomics", true, FailureMode.RETURN);
        Var ints = b.param("p_ints", global(Scalar.INT));
        Var longs = b.param("p_longs", global(Scalar.LONG));
        Var floats = b.param("p_floats", global(Scalar.FLOAT));
        LocalArrayDecl li = b.localArray(Scalar.INT, 4);
        LocalArrayDecl lf = b.localArray(Scalar.FLOAT, 4);
        Var sharedInts = b.var("l_si", local(Scalar.INT));
        Var sharedFloats = b.var("l_sf", local(Scalar.FLOAT));
        Var gid = b.var("l_g", IrType.INT);
        Var r = b.var("s_r", IrType.INT);
        Var lr = b.var("s_lr", IrType.LONG);
        Var fr = b.var("s_fr", IrType.FLOAT);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.LocalArray(sharedInts, li.id()))
                .add(new Stmt.LocalArray(sharedFloats, lf.id()));
        for (AtomicOp op : AtomicOp.values()) {
            List<Operand> iops = op == AtomicOp.CAS ? List.of(i(0), gid) : List.of(gid);
            List<Operand> lops = op == AtomicOp.CAS ? List.of(l(0), l(7)) : List.of(l(3));
            b.add(new Stmt.Atomic(r, op, ints, i(op.ordinal()), iops)).add(new Stmt.Store(ints, gid, r));
            b.add(new Stmt.Atomic(op == AtomicOp.CAS ? r : lr, op, longs, i(op.ordinal()), lops));
            b.add(new Stmt.Atomic(r, op, sharedInts, i(op.ordinal()), iops));
        }
        b.add(new Stmt.Atomic(fr, AtomicOp.ADD, floats, i(0), List.of(f(1.5f)))).add(new Stmt.Store(floats, gid, fr))
                .add(new Stmt.Atomic(fr, AtomicOp.ADD, sharedFloats, i(1), List.of(f(-0.25f)))).ret();
        return kernel("Kernels.atomics", b.build(IrType.VOID), List.of(), List.of(), EnumSet.of(IrFeature.ATOMIC_INT32,
                IrFeature.ATOMIC_INT64, IrFeature.ATOMIC_FLOAT, IrFeature.LOCAL_MEMORY, IrFeature.INT64), CheckMode.NONE);
    }

    /** Device functions: a checked array read, a scalar helper, an array-returning helper, failure propagation. */
    static KernelIR deviceFunctions() {
        String kn = "Kernels.withHelpers";
        FunctionBuilder get = new FunctionBuilder("at", false, FailureMode.RETURN);
        Var arr = get.param("p_arr", global(Scalar.DOUBLE));
        Var idx = get.param("p_i", IrType.INT);
        Var v = get.var("s_v", IrType.DOUBLE);
        get.block(0).add(new Stmt.CheckIndex(0, arr, idx)).add(new Stmt.Load(v, arr, idx)).ret(v);
        IrFunction at = get.build(IrType.DOUBLE);

        FunctionBuilder sq = new FunctionBuilder("square", false, FailureMode.RETURN);
        Var x = sq.param("p_x", IrType.DOUBLE);
        Var y = sq.var("s_y", IrType.DOUBLE);
        sq.block(0).add(new Stmt.Binary(y, BinaryOp.MUL, x, x)).end(new Terminator.Branch(CompareOp.GT, y, d(1e300), 1, 2));
        sq.block(1).end(new Terminator.Throw(1, List.of(x)));
        sq.block(2).ret(y);
        IrFunction square = sq.build(IrType.DOUBLE);

        FunctionBuilder pick = new FunctionBuilder("pick", false, FailureMode.RETURN);
        Var pa = pick.param("p_a", global(Scalar.DOUBLE));
        Var pb = pick.param("p_b", global(Scalar.DOUBLE));
        Var which = pick.param("p_w", IrType.INT);
        pick.block(0).end(new Terminator.Branch(CompareOp.EQ, which, FunctionBuilder.i(0), 1, 2));
        pick.block(1).ret(pa);
        pick.block(2).ret(pb);
        IrFunction pickFn = pick.build(global(Scalar.DOUBLE));

        FunctionBuilder k = new FunctionBuilder("withHelpers", true, FailureMode.RETURN);
        Var in = k.param("p_in", global(Scalar.DOUBLE));
        Var out = k.param("p_out", global(Scalar.DOUBLE));
        Var gid = k.var("l_g", IrType.INT);
        Var t = k.var("s_t", IrType.DOUBLE);
        Var chosen = k.var("l_c", global(Scalar.DOUBLE));
        k.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0))
                .add(new Stmt.Call(Optional.of(t), "at", List.of(in, gid)))
                .add(new Stmt.Call(Optional.of(t), "square", List.of(t)))
                .add(new Stmt.Call(Optional.of(chosen), "pick", List.of(in, out, i(1))))
                .add(new Stmt.CheckIndex(2, chosen, gid)).add(new Stmt.Store(chosen, gid, t)).ret();
        DeviceErrorSite tooBig = DeviceErrorSite.ofMessage("java.lang.ArithmeticException", "overflow squaring " + P,
                List.of(ArgumentType.DOUBLE), kn, "test.Kernels", "square", "Kernels.java", 71);
        return kernel(kn, k.build(IrType.VOID), List.of(at, square, pickFn), List.of(aioobe(kn, 70), tooBig, aioobe(kn, 75)),
                EnumSet.of(IrFeature.FP64, IrFeature.DEVICE_FAILURES), CheckMode.INDEX);
    }

    /** CONTINUE mode with ReportFailure, suppressed loads/stores/atomics and a CONTINUE device function. */
    static KernelIR continueMode() {
        String kn = "Kernels.continuing";
        FunctionBuilder h = new FunctionBuilder("bump", false, FailureMode.CONTINUE);
        Var counts = h.param("p_counts", global(Scalar.INT));
        Var at = h.param("p_at", IrType.INT);
        Var old = h.var("s_old", IrType.INT);
        h.block(0).add(new Stmt.CheckIndex(0, counts, at)).add(new Stmt.Atomic(old, AtomicOp.ADD, counts, at, List.of(i(1))))
                .ret(old);
        IrFunction bump = h.build(IrType.INT);

        FunctionBuilder k = new FunctionBuilder("continuing", true, FailureMode.CONTINUE);
        Var data = k.param("p_data", global(Scalar.INT));
        Var cnt = k.param("p_counts", global(Scalar.INT));
        LocalArrayDecl decl = k.localArray(Scalar.INT, 64);
        Var tile = k.var("l_tile", local(Scalar.INT));
        Var gid = k.var("l_g", IrType.INT);
        Var lid = k.var("l_l", IrType.INT);
        Var v = k.var("s_v", IrType.INT);
        Var r = k.var("s_r", IrType.INT);
        k.block(0).add(new Stmt.LocalArray(tile, decl.id())).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0))
                .add(new Stmt.WorkItem(lid, WorkItemQuery.LOCAL_ID, 0)).add(new Stmt.CheckIndex(1, data, gid))
                .add(new Stmt.Load(v, data, gid)).end(new Terminator.Branch(CompareOp.LT, v, i(0), 1, 2));
        k.block(1).add(new Stmt.ReportFailure(2, List.of(v))).end(new Terminator.Goto(2));
        k.block(2).add(new Stmt.Store(tile, lid, v)).add(new Stmt.Barrier())
                .add(new Stmt.Call(Optional.of(r), "bump", List.of(cnt, v))).add(new Stmt.Barrier())
                .add(new Stmt.Store(data, gid, r)).ret();
        DeviceErrorSite negative = DeviceErrorSite.ofMessage("java.lang.IllegalStateException", "negative: " + P,
                List.of(ArgumentType.INT), kn, "test.Kernels", "continuing", "Kernels.java", 82);
        return kernel(kn, k.build(IrType.VOID), List.of(bump), List.of(aioobe(kn, 90), aioobe(kn, 80), negative),
                EnumSet.of(IrFeature.BARRIER, IrFeature.LOCAL_MEMORY, IrFeature.ATOMIC_INT32, IrFeature.DEVICE_FAILURES),
                CheckMode.INDEX);
    }

    /** Loads and stores of every element type (boolean, byte, char, short, int, long, float, double). */
    static KernelIR arraysOfEveryType() {
        FunctionBuilder b = new FunctionBuilder("everyType", true, FailureMode.RETURN);
        Var gid = b.var("l_g", IrType.INT);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0));
        for (Scalar s : Scalar.values()) {
            Var a = b.param("p_" + s.name().toLowerCase(), global(s));
            Var v = b.var("s_" + s.name().toLowerCase(), IrType.of(s));
            Var n = b.var("s_n_" + s.name().toLowerCase(), IrType.INT);
            b.add(new Stmt.Load(v, a, gid)).add(new Stmt.Length(n, a)).add(new Stmt.Store(a, n, v));
        }
        b.ret();
        return kernel("Kernels.everyType", b.build(IrType.VOID), List.of(), List.of(),
                EnumSet.of(IrFeature.FP64, IrFeature.INT64), CheckMode.NONE);
    }

    /** Every work-item query in every dimension. */
    static KernelIR workItems() {
        FunctionBuilder b = new FunctionBuilder("ids", true, FailureMode.RETURN);
        Var out = b.param("p_out", global(Scalar.INT));
        Var v = b.var("s_v", IrType.INT);
        b.block(0);
        int slot = 0;
        for (WorkItemQuery q : WorkItemQuery.values()) {
            for (int dim = 0; dim < 3; dim++) {
                b.add(new Stmt.WorkItem(v, q, dim)).add(new Stmt.Store(out, i(slot++), v));
            }
        }
        b.ret();
        return kernel("Kernels.ids", b.build(IrType.VOID), List.of(), List.of(), Set.of(), CheckMode.NONE);
    }

    /** A kernel calling {@code Math.sin}: computed by StrictMath's fdlibm, not approximated. */
    static KernelIR usesSin() {
        FunctionBuilder b = new FunctionBuilder("waves", true, FailureMode.RETURN);
        Var out = b.param("p_out", global(Scalar.DOUBLE));
        Var gid = b.var("l_g", IrType.INT);
        Var x = b.var("s_x", IrType.DOUBLE);
        b.block(0).add(new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Convert(x, Scalar.INT, Scalar.DOUBLE, gid))
                .add(new Stmt.Intrinsic(x, IntrinsicOp.SIN, List.of(x))).add(new Stmt.Store(out, gid, x)).ret();
        return kernel("Kernels.waves", b.build(IrType.VOID), List.of(), List.of(), EnumSet.of(IrFeature.FP64),
                CheckMode.NONE);
    }
}
