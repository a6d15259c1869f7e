package org.jdotcompute.spi.compiler;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jdotcompute.spi.ir.IntrinsicOp;

/**
 * The JDK static methods that become {@link IntrinsicOp}s. {@code StrictMath} maps only where its
 * result equals {@code Math}'s bit for bit; its transcendental functions (fdlibm in Java) are
 * translated from their bytecode like any other method, or rejected.
 */
final class Intrinsics {
    private static final Map<String, IntrinsicOp> TABLE = new HashMap<>();

    static {
        for (String owner : new String[] {"java/lang/Math", "java/lang/StrictMath"}) {
            put(owner, "sqrt", "(D)D", IntrinsicOp.SQRT);
            put(owner, "floor", "(D)D", IntrinsicOp.FLOOR);
            put(owner, "ceil", "(D)D", IntrinsicOp.CEIL);
            put(owner, "rint", "(D)D", IntrinsicOp.RINT);
            put(owner, "round", "(D)J", IntrinsicOp.ROUND_D);
            put(owner, "round", "(F)I", IntrinsicOp.ROUND_F);
            put(owner, "fma", "(DDD)D", IntrinsicOp.FMA_D);
            put(owner, "fma", "(FFF)F", IntrinsicOp.FMA_F);
            put(owner, "abs", "(I)I", IntrinsicOp.ABS_I);
            put(owner, "abs", "(J)J", IntrinsicOp.ABS_L);
            put(owner, "abs", "(F)F", IntrinsicOp.ABS_F);
            put(owner, "abs", "(D)D", IntrinsicOp.ABS_D);
            put(owner, "min", "(II)I", IntrinsicOp.MIN_I);
            put(owner, "max", "(II)I", IntrinsicOp.MAX_I);
            put(owner, "min", "(JJ)J", IntrinsicOp.MIN_L);
            put(owner, "max", "(JJ)J", IntrinsicOp.MAX_L);
            put(owner, "min", "(FF)F", IntrinsicOp.MIN_F);
            put(owner, "max", "(FF)F", IntrinsicOp.MAX_F);
            put(owner, "min", "(DD)D", IntrinsicOp.MIN_D);
            put(owner, "max", "(DD)D", IntrinsicOp.MAX_D);
            put(owner, "signum", "(F)F", IntrinsicOp.SIGNUM_F);
            put(owner, "signum", "(D)D", IntrinsicOp.SIGNUM_D);
        }
        // Math only: StrictMath.copySign treats a NaN sign as positive, and StrictMath's
        // transcendentals must be bit-exact fdlibm, which the ULP-bounded intrinsics are not.
        String math = "java/lang/Math";
        put(math, "copySign", "(FF)F", IntrinsicOp.COPY_SIGN_F);
        put(math, "copySign", "(DD)D", IntrinsicOp.COPY_SIGN_D);
        put(math, "sin", "(D)D", IntrinsicOp.SIN);
        put(math, "cos", "(D)D", IntrinsicOp.COS);
        put(math, "tan", "(D)D", IntrinsicOp.TAN);
        put(math, "asin", "(D)D", IntrinsicOp.ASIN);
        put(math, "acos", "(D)D", IntrinsicOp.ACOS);
        put(math, "atan", "(D)D", IntrinsicOp.ATAN);
        put(math, "atan2", "(DD)D", IntrinsicOp.ATAN2);
        put(math, "sinh", "(D)D", IntrinsicOp.SINH);
        put(math, "cosh", "(D)D", IntrinsicOp.COSH);
        put(math, "tanh", "(D)D", IntrinsicOp.TANH);
        put(math, "exp", "(D)D", IntrinsicOp.EXP);
        put(math, "expm1", "(D)D", IntrinsicOp.EXPM1);
        put(math, "log", "(D)D", IntrinsicOp.LOG);
        put(math, "log10", "(D)D", IntrinsicOp.LOG10);
        put(math, "log1p", "(D)D", IntrinsicOp.LOG1P);
        put(math, "cbrt", "(D)D", IntrinsicOp.CBRT);
        put(math, "pow", "(DD)D", IntrinsicOp.POW);
        put(math, "hypot", "(DD)D", IntrinsicOp.HYPOT);

        String f = "java/lang/Float";
        put(f, "floatToRawIntBits", "(F)I", IntrinsicOp.FLOAT_TO_RAW_INT_BITS);
        put(f, "floatToIntBits", "(F)I", IntrinsicOp.FLOAT_TO_INT_BITS);
        put(f, "intBitsToFloat", "(I)F", IntrinsicOp.INT_BITS_TO_FLOAT);
        put(f, "isNaN", "(F)Z", IntrinsicOp.IS_NAN_F);
        put(f, "isInfinite", "(F)Z", IntrinsicOp.IS_INFINITE_F);
        String d = "java/lang/Double";
        put(d, "doubleToRawLongBits", "(D)J", IntrinsicOp.DOUBLE_TO_RAW_LONG_BITS);
        put(d, "doubleToLongBits", "(D)J", IntrinsicOp.DOUBLE_TO_LONG_BITS);
        put(d, "longBitsToDouble", "(J)D", IntrinsicOp.LONG_BITS_TO_DOUBLE);
        put(d, "isNaN", "(D)Z", IntrinsicOp.IS_NAN_D);
        put(d, "isInfinite", "(D)Z", IntrinsicOp.IS_INFINITE_D);
        String i = "java/lang/Integer";
        put(i, "bitCount", "(I)I", IntrinsicOp.BIT_COUNT_I);
        put(i, "numberOfLeadingZeros", "(I)I", IntrinsicOp.LEADING_ZEROS_I);
        put(i, "numberOfTrailingZeros", "(I)I", IntrinsicOp.TRAILING_ZEROS_I);
        String l = "java/lang/Long";
        put(l, "bitCount", "(J)I", IntrinsicOp.BIT_COUNT_L);
        put(l, "numberOfLeadingZeros", "(J)I", IntrinsicOp.LEADING_ZEROS_L);
        put(l, "numberOfTrailingZeros", "(J)I", IntrinsicOp.TRAILING_ZEROS_L);
    }

    private Intrinsics() {
    }

    private static void put(String owner, String name, String descriptor, IntrinsicOp op) {
        TABLE.put(owner + "." + name + descriptor, op);
    }

    /** The intrinsic for a static method, given its owner's internal name, name and descriptor. */
    static Optional<IntrinsicOp> find(String owner, String name, String descriptor) {
        return Optional.ofNullable(TABLE.get(owner + "." + name + descriptor));
    }
}
