package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A three-address statement. Each {@code dst} is assigned; operands are read. Types are
 * consistent (checked by the front end's {@code IrVerifier}).
 */
public sealed interface Stmt {

    /** {@code dst = src} (also copies array references with their lengths). */
    record Assign(Var dst, Operand src) implements Stmt {
        public Assign {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(src, "src");
        }
    }

    /** {@code dst = a op b} with Java semantics; see {@link BinaryOp}. */
    record Binary(Var dst, BinaryOp op, Operand a, Operand b) implements Stmt {
        public Binary {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }
    }

    /** {@code dst = -a} (wrapping for integers, sign flip for floats). */
    record Negate(Var dst, Operand a) implements Stmt {
        public Negate {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(a, "a");
        }
    }

    /**
     * {@code dst = (to) a} with Java's conversion rules: widening, wrapping narrowing,
     * {@code i2b}/{@code i2c}/{@code i2s} (then {@code to} is {@code BYTE}/{@code CHAR}/{@code SHORT}
     * and {@code dst} is {@code INT}), and saturating float-to-integer with NaN → 0.
     */
    record Convert(Var dst, Scalar from, Scalar to, Operand a) implements Stmt {
        public Convert {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(a, "a");
        }
    }

    /**
     * {@code dst = a < b ? -1 : a == b ? 0 : a > b ? 1 : nanResult} — Java's {@code lcmp},
     * {@code fcmpl}/{@code dcmpl} ({@code nanResult} -1) and {@code fcmpg}/{@code dcmpg} (+1) as a value.
     */
    record Compare3(Var dst, Operand a, Operand b, int nanResult) implements Stmt {
        public Compare3 {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            if (nanResult != -1 && nanResult != 1) {
                throw new IllegalArgumentException("nanResult must be -1 or 1, got " + nanResult);
            }
        }
    }

    /** {@code dst = array[index]}, sign-extending {@code BYTE}/{@code SHORT}, zero-extending {@code CHAR}/{@code BOOLEAN}. */
    record Load(Var dst, Var array, Operand index) implements Stmt {
        public Load {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(index, "index");
        }
    }

    /**
     * {@code array[index] = value}, narrowing to the element type ({@code BOOLEAN} keeps the lowest
     * bit, {@code value & 1}, as the JVM's {@code bastore}; the front end only stores 0 or 1).
     * Never on a {@link AddressSpace#CONSTANT} array.
     */
    record Store(Var array, Operand index, Operand value) implements Stmt {
        public Store {
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code dst = array.length} (the hidden length). */
    record Length(Var dst, Var array) implements Stmt {
        public Length {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(array, "array");
        }
    }

    /**
     * Fails with site {@code siteId} (dynamic values: {@code index}, the length) unless
     * {@code 0 <= index < array.length} — one unsigned comparison.
     */
    record CheckIndex(int siteId, Var array, Operand index) implements Stmt {
        public CheckIndex {
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(index, "index");
        }
    }

    /** Fails with site {@code siteId} (no dynamic values) if the integer {@code divisor} is 0. */
    record CheckDivisor(int siteId, Operand divisor) implements Stmt {
        public CheckDivisor {
            Objects.requireNonNull(divisor, "divisor");
        }
    }

    /**
     * Calls device function {@code function} ({@link IrFunction#name()}); array arguments pass
     * their lengths along. After it returns, the caller checks the failure flag (see
     * {@link FailureMode}).
     */
    record Call(Optional<Var> dst, String function, List<Operand> args) implements Stmt {
        public Call {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }
    }

    /** {@code dst = op(args)}; see {@link IntrinsicOp}. */
    record Intrinsic(Var dst, IntrinsicOp op, List<Operand> args) implements Stmt {
        public Intrinsic {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(op, "op");
            args = List.copyOf(args);
            if (args.size() != op.parameters().size()) {
                throw new IllegalArgumentException(op + " takes " + op.parameters().size() + " argument(s), got " + args.size());
            }
        }
    }

    /** {@code dst = ctx.query(dimension)}. */
    record WorkItem(Var dst, WorkItemQuery query, int dimension) implements Stmt {
        public WorkItem {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(query, "query");
            if (dimension < 0 || dimension > 2) {
                throw new IllegalArgumentException("dimension " + dimension + " must be 0, 1 or 2");
            }
        }
    }

    /** {@code ctx.barrier()}: a work-group barrier with local and global memory fences. */
    record Barrier() implements Stmt {
    }

    /** {@code dst} = the group-local array {@link LocalArrayDecl#id()} {@code arrayId} of the kernel. */
    record LocalArray(Var dst, int arrayId) implements Stmt {
        public LocalArray {
            Objects.requireNonNull(dst, "dst");
        }
    }

    /**
     * {@code dst} = the constant table {@link ConstantArrayDecl#id()} {@code arrayId} of the kernel
     * ({@link KernelIR#constantArrays()}), of type {@code element[]@constant}, with its length. Any
     * function may bind any table.
     */
    record ConstantArray(Var dst, int arrayId) implements Stmt {
        public ConstantArray {
            Objects.requireNonNull(dst, "dst");
        }
    }

    /**
     * {@code dst = new element[length]}: zeroes the function's per-work-item array
     * {@link PrivateArrayDecl#id()} {@code arrayId} and binds it, of type {@code element[]@private},
     * to {@code dst} with its length. Every execution zeroes the array again, also while a
     * {@link FailureMode#CONTINUE} function's failure flag is set.
     */
    record PrivateArray(Var dst, int arrayId) implements Stmt {
        public PrivateArray {
            Objects.requireNonNull(dst, "dst");
        }
    }

    /**
     * {@code dst = Atomics.op(array, index, operands...)}: {@code ADD}/{@code MIN}/{@code MAX}
     * take one operand and return the old value; {@code CAS} takes (expected, update) and
     * returns 1 if it stored. Only on {@link AddressSpace#GLOBAL} and {@link AddressSpace#LOCAL}
     * arrays.
     */
    record Atomic(Var dst, AtomicOp op, Var array, Operand index, List<Operand> operands) implements Stmt {
        public Atomic {
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(index, "index");
            operands = List.copyOf(operands);
            int expected = op == AtomicOp.CAS ? 2 : 1;
            if (operands.size() != expected) {
                throw new IllegalArgumentException(op + " takes " + expected + " operand(s), got " + operands.size());
            }
        }
    }

    /**
     * Records a failure at site {@code siteId} with the dynamic {@code values} and sets the
     * failure flag, then continues ({@link FailureMode#CONTINUE} functions only).
     */
    record ReportFailure(int siteId, List<Operand> values) implements Stmt {
        public ReportFailure {
            values = List.copyOf(values);
        }
    }
}
