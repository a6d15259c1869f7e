package org.jdotcompute.spi.ir;

import static org.jdotcompute.spi.ir.IrFixtures.FLOATS;
import static org.jdotcompute.spi.ir.IrFixtures.INTS;
import static org.jdotcompute.spi.ir.IrFixtures.block;
import static org.jdotcompute.spi.ir.IrFixtures.bounds;
import static org.jdotcompute.spi.ir.IrFixtures.ir;
import static org.jdotcompute.spi.ir.IrFixtures.jump;
import static org.jdotcompute.spi.ir.IrFixtures.kernel;
import static org.jdotcompute.spi.ir.IrFixtures.message;
import static org.jdotcompute.spi.ir.IrFixtures.ret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.device.ErrorRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The reference IR interpreter")
class IrInterpreterTest {
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Var out = new Var(0, "p_out", INTS);
    private final Var gid = new Var(1, "l_gid", IrType.INT);
    private final Var t = new Var(2, "l_t", IrType.INT);
    private final Var x = new Var(3, "l_x", IrType.FLOAT);

    private static IrInterpreter.Execution run(KernelIR ir, Range range, Object... args) {
        return new IrInterpreter(ir).execute(range, List.of(args));
    }

    @Nested
    @DisplayName("computes with Java semantics")
    class Semantics {
        @Test
        @DisplayName("unchecked integer division by zero yields 0, MIN / -1 is MIN and MIN % -1 is 0")
        void division() {
            KernelIR ir = ir(kernel(List.of(out), List.of(t), block(0, ret(),
                    new Stmt.Binary(t, BinaryOp.DIV, Const.ofInt(7), Const.ofInt(0)),
                    new Stmt.Store(out, Const.ofInt(0), t),
                    new Stmt.Binary(t, BinaryOp.REM, Const.ofInt(7), Const.ofInt(0)),
                    new Stmt.Store(out, Const.ofInt(1), t),
                    new Stmt.Binary(t, BinaryOp.DIV, Const.ofInt(Integer.MIN_VALUE), Const.ofInt(-1)),
                    new Stmt.Store(out, Const.ofInt(2), t),
                    new Stmt.Binary(t, BinaryOp.REM, Const.ofInt(Integer.MIN_VALUE), Const.ofInt(-1)),
                    new Stmt.Store(out, Const.ofInt(3), t),
                    new Stmt.Binary(t, BinaryOp.SHL, Const.ofInt(1), Const.ofInt(33)),
                    new Stmt.Store(out, Const.ofInt(4), t))));
            int[] a = new int[5];
            run(ir, Range.of(1), (Object) a);
            assertArrayEquals(new int[] {0, 0, Integer.MIN_VALUE, 0, 2}, a);
        }

        @Test
        @DisplayName("float-to-int saturates and maps NaN to 0; comparisons with NaN are false except !=")
        void floats() {
            KernelIR ir = ir(kernel(List.of(out), List.of(t, x), block(0, new Terminator.Branch(CompareOp.LT, x, x, 1, 2),
                    new Stmt.Convert(t, Scalar.FLOAT, Scalar.INT, Const.ofFloat(Float.NaN)),
                    new Stmt.Store(out, Const.ofInt(0), t),
                    new Stmt.Convert(t, Scalar.FLOAT, Scalar.INT, Const.ofFloat(3e9f)),
                    new Stmt.Store(out, Const.ofInt(1), t),
                    new Stmt.Compare3(t, Const.ofFloat(Float.NaN), Const.ofFloat(1f), 1),
                    new Stmt.Store(out, Const.ofInt(2), t),
                    new Stmt.Assign(x, Const.ofFloat(Float.NaN))),
                    block(1, ret(), new Stmt.Store(out, Const.ofInt(3), Const.ofInt(1))),
                    block(2, new Terminator.Branch(CompareOp.NE, x, x, 3, 1)),
                    block(3, ret(), new Stmt.Store(out, Const.ofInt(3), Const.ofInt(2)))));
            int[] a = new int[4];
            run(ir, Range.of(1), (Object) a);
            assertArrayEquals(new int[] {0, Integer.MAX_VALUE, 1, 2}, a);
        }

        @Test
        @DisplayName("a boolean store keeps the lowest bit, as the JVM's bastore")
        void booleans() {
            Var z = new Var(0, "p_z", new IrType.Array(Scalar.BOOLEAN, AddressSpace.GLOBAL));
            KernelIR ir = ir(kernel(List.of(z), List.of(), block(0, ret(),
                    new Stmt.Store(z, Const.ofInt(0), Const.ofInt(2)), new Stmt.Store(z, Const.ofInt(1), Const.ofInt(3)))));
            boolean[] a = {true, false};
            run(ir, Range.of(1), (Object) a);
            assertArrayEquals(new boolean[] {false, true}, a);
        }
    }

    @Nested
    @DisplayName("records failures with the device protocol")
    class Records {
        @Test
        @DisplayName("the first failing work-item's site, id and values win; every failing item counts")
        void layout() {
            // out[gid + 8] = 1 on a 2-D range of 4 x 2: items with gid(0) >= 2 fail on an array of 10.
            KernelIR ir = ir(kernel(List.of(out), List.of(gid, t), FailureMode.RETURN, true, List.of(), block(0, ret(),
                    new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0),
                    new Stmt.Binary(t, BinaryOp.ADD, gid, Const.ofInt(8)),
                    new Stmt.CheckIndex(0, out, t),
                    new Stmt.Store(out, t, Const.ofInt(1)))), List.of(bounds(12)), Set.of(IrFeature.DEVICE_FAILURES));
            int[] a = new int[10];
            IrInterpreter.Execution e = run(ir, Range.of2d(4, 2), (Object) a);
            MemorySegment r = e.errorRecord();
            assertTrue(e.failed());
            assertEquals(1, r.get(I32, ErrorRecord.STATE));
            assertEquals(0, r.get(I32, ErrorRecord.SITE));
            assertEquals(4, r.get(I32, ErrorRecord.COUNT));
            assertEquals(List.of(2, 0, 0), List.of(r.get(I32, 16), r.get(I32, 20), r.get(I32, 24)));
            assertEquals(10L, r.get(I64, ErrorRecord.VALUES));
            assertEquals(10L, r.get(I64, ErrorRecord.VALUES + 8));
            assertEquals(1, a[8]);
            assertEquals(1, a[9]);
            DeviceKernelException d = e.failure(getClass().getClassLoader()).orElseThrow();
            assertEquals("[IR interpreter] Execution failed: ArrayIndexOutOfBoundsException: Index 10 out of bounds for"
                    + " length 10 in kernel 'K.k' at K.java:12 (global id (2, 0, 0); 4 failing work-item(s))",
                    d.getMessage());
            assertEquals(ArrayIndexOutOfBoundsException.class, d.getCause().getClass());
        }

        @Test
        @DisplayName("float values travel as raw bits sign-extended, chars zero-extended, doubles as raw long bits")
        void valueEncoding() {
            Var c = new Var(4, "l_c", IrType.INT);
            Var dd = new Var(5, "l_dd", IrType.DOUBLE);
            KernelIR ir = ir(kernel(List.of(out), List.of(x, c, dd), FailureMode.RETURN, true, List.of(),
                    block(0, new Terminator.Throw(0, List.of(x, c, dd)), new Stmt.Assign(x, Const.ofFloat(-1.5f)),
                            new Stmt.Assign(c, Const.ofInt(0xffff)), new Stmt.Assign(dd, Const.ofDouble(-0.0)))),
                    List.of(message("x=\u0001 c=\u0001 d=\u0001", 5, ArgumentType.FLOAT, ArgumentType.CHAR,
                            ArgumentType.DOUBLE)), Set.of(IrFeature.DEVICE_FAILURES, IrFeature.FP64));
            IrInterpreter.Execution e = run(ir, Range.of(1), (Object) new int[1]);
            MemorySegment r = e.errorRecord();
            assertEquals(0xffffffffbfc00000L, r.get(I64, ErrorRecord.VALUES));
            assertEquals(0xffffL, r.get(I64, ErrorRecord.VALUES + 8));
            assertEquals(0x8000000000000000L, r.get(I64, ErrorRecord.VALUES + 16));
            assertEquals("x=-1.5 c=\uffff d=-0.0",
                    e.failure(getClass().getClassLoader()).orElseThrow().getCause().getMessage());
        }

        @Test
        @DisplayName("in RETURN mode a failing device function ends the work-item: the caller does no more")
        void returnMode() {
            Var p = new Var(0, "p_v", IrType.INT);
            IrFunction g = new IrFunction("g", false, "test.K.g(I)I", List.of(p), IrType.INT, List.of(), List.of(),
                    List.of(block(0, new Terminator.Throw(0, List.of(p)))), FailureMode.RETURN, true);
            KernelIR ir = ir(kernel(List.of(out), List.of(t), FailureMode.RETURN, true, List.of(), block(0, ret(),
                    new Stmt.Store(out, Const.ofInt(0), Const.ofInt(1)),
                    new Stmt.Call(Optional.of(t), "g", List.of(Const.ofInt(5))),
                    new Stmt.Store(out, Const.ofInt(1), Const.ofInt(1)))),
                    List.of(message("v=\u0001", 9, ArgumentType.INT)), Set.of(IrFeature.DEVICE_FAILURES), g);
            int[] a = new int[2];
            IrInterpreter.Execution e = run(ir, Range.of(3), (Object) a);
            assertArrayEquals(new int[] {1, 0}, a);
            assertEquals(3, e.failure(null).orElseThrow().failureCount());
        }

        @Test
        @DisplayName("in CONTINUE mode a failed work-item reaches the barriers with loads 0 and stores suppressed")
        void continueMode() {
            Var tile = new Var(4, "l_tile", new IrType.Array(Scalar.INT, AddressSpace.LOCAL));
            Var lid = new Var(5, "l_lid", IrType.INT);
            // tile[lid] = lid + 1; barrier; out[gid] = tile[3 - lid] + in-bounds check failing for gid == 5 on out[gid * 2]
            KernelIR ir = ir(kernel(List.of(out), List.of(gid, t, tile, lid), FailureMode.CONTINUE, true,
                    List.of(new LocalArrayDecl(0, Scalar.INT, 4)), block(0, ret(),
                            new Stmt.LocalArray(tile, 0),
                            new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0),
                            new Stmt.WorkItem(lid, WorkItemQuery.LOCAL_ID, 0),
                            new Stmt.Binary(t, BinaryOp.MUL, gid, Const.ofInt(2)),
                            new Stmt.CheckIndex(0, out, t),
                            new Stmt.Load(t, out, t),
                            new Stmt.Binary(t, BinaryOp.ADD, t, lid),
                            new Stmt.Store(tile, lid, t),
                            new Stmt.Barrier(),
                            new Stmt.Binary(t, BinaryOp.SUB, Const.ofInt(3), lid),
                            new Stmt.Load(t, tile, t),
                            new Stmt.Store(out, gid, t))),
                    List.of(bounds(20)), Set.of(IrFeature.DEVICE_FAILURES, IrFeature.BARRIER, IrFeature.LOCAL_MEMORY));
            int[] a = {100, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            IrInterpreter.Execution e = run(ir, Range.of(8, 4), (Object) a);
            // items 5, 6 and 7 fail (index 10, 12, 14): their tile entries stay 0, their stores are suppressed
            assertEquals(3, e.failure(null).orElseThrow().failureCount());
            assertEquals(10L, e.errorRecord().get(I64, ErrorRecord.VALUES));
            assertArrayEquals(new int[] {3, 2, 1, 100, 0, 0, 0, 0, 0, 0}, a);
        }
    }

    @Nested
    @DisplayName("runs constant tables, private arrays and mixed failure modes")
    class Memories {
        @Test
        @DisplayName("a constant table holds its values' bits for every work-item; a private array is fresh and zeroed")
        void tablesAndPrivateArrays() {
            Var table = new Var(4, "l_table", new IrType.Array(Scalar.FLOAT, AddressSpace.CONSTANT));
            Var p = new Var(5, "l_p", new IrType.Array(Scalar.INT, AddressSpace.PRIVATE));
            Var bits = new Var(6, "l_bits", IrType.INT);
            // p = new int[2]; p[gid & 1] += gid; out[gid] = p[0] * 1000 + floatToRawIntBits(table[gid % 3]) >>> 20
            KernelIR ir = new KernelIR("K.k", new IrFunction("k", true, "test.K.k()V", List.of(out),
                    IrType.VOID, List.of(gid, t, x, table, p, bits), List.of(), List.of(block(0, ret(),
                            new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0),
                            new Stmt.PrivateArray(p, 0),
                            new Stmt.Binary(t, BinaryOp.AND, gid, Const.ofInt(1)),
                            new Stmt.Load(bits, p, t),
                            new Stmt.Binary(bits, BinaryOp.ADD, bits, gid),
                            new Stmt.Store(p, t, bits),
                            new Stmt.ConstantArray(table, 0),
                            new Stmt.Binary(t, BinaryOp.REM, gid, Const.ofInt(3)),
                            new Stmt.Load(x, table, t),
                            new Stmt.Intrinsic(bits, IntrinsicOp.FLOAT_TO_RAW_INT_BITS, List.of(x)),
                            new Stmt.Binary(bits, BinaryOp.USHR, bits, Const.ofInt(20)),
                            new Stmt.Load(t, p, Const.ofInt(0)),
                            new Stmt.Binary(t, BinaryOp.MUL, t, Const.ofInt(1000)),
                            new Stmt.Binary(t, BinaryOp.ADD, t, bits),
                            new Stmt.Store(out, gid, t))), FailureMode.RETURN, false,
                    List.of(new PrivateArrayDecl(0, Scalar.INT, 2))), List.of(), List.of(), Set.of(),
                    org.jdotcompute.api.CheckMode.NONE, List.of(new ConstantArrayDecl(0, Scalar.FLOAT,
                            List.of(Const.ofFloat(1f), new Const(Scalar.FLOAT, 0x7fc00001), Const.ofFloat(-0f)), "t.K.T")));
            int[] a = new int[6];
            run(ir, Range.of(6), (Object) a);
            assertArrayEquals(new int[] {0x3f8, 0x7fc, 2000 + 0x800, 0x3f8, 4000 + 0x7fc, 0x800}, a);
        }

        @Test
        @DisplayName("a CONTINUE function skips its calls of RETURN functions once its work-item has failed")
        void skipsReturnCallsAfterFailure() {
            Var p = new Var(0, "p_out", INTS);
            Var v = new Var(1, "p_v", IrType.INT);
            IrFunction mark = new IrFunction("mark", false, "test.K.mark([II)I", List.of(p, v), IrType.INT, List.of(),
                    List.of(), List.of(block(0, new Terminator.Return(Optional.of(Const.ofInt(7))),
                            new Stmt.Store(p, v, Const.ofInt(1)))), FailureMode.RETURN, false);
            // if (gid == 1) fail; t = mark(out, gid); out[gid + 4] = t
            KernelIR ir = ir(kernel(List.of(out), List.of(gid, t), FailureMode.CONTINUE, true, List.of(),
                    block(0, new Terminator.Branch(CompareOp.EQ, gid, Const.ofInt(1), 1, 2),
                            new Stmt.WorkItem(gid, WorkItemQuery.GLOBAL_ID, 0)),
                    block(1, jump(2), new Stmt.ReportFailure(0, List.of(gid))),
                    block(2, ret(), new Stmt.Call(Optional.of(t), "mark", List.of(out, gid)),
                            new Stmt.Binary(gid, BinaryOp.ADD, gid, Const.ofInt(4)),
                            new Stmt.Store(out, gid, t))),
                    List.of(message("v=\u0001", 3, ArgumentType.INT)), Set.of(IrFeature.DEVICE_FAILURES), mark);
            int[] a = new int[8];
            IrInterpreter.Execution e = run(ir, Range.of(4), (Object) a);
            assertArrayEquals(new int[] {1, 0, 1, 1, 7, 0, 7, 7}, a);
            assertEquals(1, e.failure(null).orElseThrow().failureCount());
        }
    }

    @Nested
    @DisplayName("refuses undefined behaviour and bad launches")
    class Refusals {
        @Test
        @DisplayName("an unchecked out-of-bounds access")
        void unchecked() {
            KernelIR ir = ir(kernel(List.of(out), List.of(), block(0, ret(), new Stmt.Store(out, Const.ofInt(4),
                    Const.ofInt(1)))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(ir, Range.of(1), (Object) new int[4]));
            assertEquals("kernel K.k accesses index 4 of an array of length 4 without a bounds check (p_out[4] = 1):"
                    + " undefined behaviour on a device; translate with CheckMode.INDEX or FULL", e.getMessage());
        }

        @Test
        @DisplayName("work-items that diverge at a barrier")
        void divergence() {
            KernelIR ir = ir(kernel(List.of(out), List.of(gid), FailureMode.CONTINUE, false, List.of(),
                    block(0, new Terminator.Branch(CompareOp.EQ, gid, Const.ofInt(0), 1, 2),
                            new Stmt.WorkItem(gid, WorkItemQuery.LOCAL_ID, 0)),
                    block(1, ret()), block(2, ret(), new Stmt.Barrier())), List.of(), Set.of(IrFeature.BARRIER));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> run(ir, Range.of(2, 2), (Object) new int[2]));
            assertEquals("1 work-item(s) of group [0, 0, 0] of kernel K.k finished while 1 wait at the barrier k B2#0:"
                    + " every work-item of a group must reach the same barriers (undefined behaviour on a device)",
                    e.getMessage());
            IllegalArgumentException noLocal = assertThrows(IllegalArgumentException.class,
                    () -> run(ir, Range.of(2), (Object) new int[2]));
            assertEquals("kernel K.k uses barriers or group-local arrays, so the range Range[2] needs a local size; use"
                    + " Range.withLocal(...)", noLocal.getMessage());
        }

        @Test
        @DisplayName("arguments of the wrong type or number")
        void arguments() {
            KernelIR ir = ir(kernel(List.of(out, new Var(1, "p_s", IrType.FLOAT)), List.of(), block(0, ret())));
            IrInterpreter in = new IrInterpreter(ir);
            assertEquals("argument 0 ('p_out') of kernel K.k must be a int[], got float[] [1.0]",
                    assertThrows(IllegalArgumentException.class, () -> in.execute(Range.of(1),
                            List.of(new float[] {1f}, 1f))).getMessage().replaceAll("\\[F@[0-9a-f]+", "[1.0]"));
            assertEquals("argument 1 ('p_s') of kernel K.k must be a float, got Double 1.0",
                    assertThrows(IllegalArgumentException.class, () -> in.execute(Range.of(1),
                            List.of(new int[1], 1.0))).getMessage());
            assertEquals("kernel K.k takes 2 argument(s), got 1",
                    assertThrows(IllegalArgumentException.class, () -> in.execute(Range.of(1),
                            List.of((Object) new int[1]))).getMessage());
            assertFalse(in.execute(Range.of(1), List.of(new int[1], 2f)).failed());
        }

        @Test
        @DisplayName("IR that does not verify")
        void unverified() {
            Var stray = new Var(7, "l_stray", FLOATS);
            KernelIR bad = ir(kernel(List.of(out), List.of(), block(0, jump(0), new Stmt.Length(gid, stray))));
            assertThrows(IllegalArgumentException.class, () -> new IrInterpreter(bad));
        }
    }
}
