package org.jdotcompute.spi.ir;

import static org.jdotcompute.spi.ir.Scalar.DOUBLE;
import static org.jdotcompute.spi.ir.Scalar.FLOAT;
import static org.jdotcompute.spi.ir.Scalar.INT;
import static org.jdotcompute.spi.ir.Scalar.LONG;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Library functions with Java semantics that backends implement natively. Exact functions
 * ({@link #isExact()}) must give the JVM's bit-identical result; the others ({@code Math}'s
 * transcendentals) must stay within {@link #ulpBound()} ULPs of {@code StrictMath}.
 * The Java methods each stands for are listed on the constant.
 */
public enum IntrinsicOp {
    /** {@code Math.sin(double)} */ SIN(DOUBLE, 2, DOUBLE),
    /** {@code Math.cos(double)} */ COS(DOUBLE, 2, DOUBLE),
    /** {@code Math.tan(double)} */ TAN(DOUBLE, 2, DOUBLE),
    /** {@code Math.asin(double)} */ ASIN(DOUBLE, 2, DOUBLE),
    /** {@code Math.acos(double)} */ ACOS(DOUBLE, 2, DOUBLE),
    /** {@code Math.atan(double)} */ ATAN(DOUBLE, 2, DOUBLE),
    /** {@code Math.atan2(double, double)} */ ATAN2(DOUBLE, 2, DOUBLE, DOUBLE),
    /** {@code Math.sinh(double)} */ SINH(DOUBLE, 3, DOUBLE),
    /** {@code Math.cosh(double)} */ COSH(DOUBLE, 3, DOUBLE),
    /** {@code Math.tanh(double)} */ TANH(DOUBLE, 3, DOUBLE),
    /** {@code Math.exp(double)} */ EXP(DOUBLE, 2, DOUBLE),
    /** {@code Math.expm1(double)} */ EXPM1(DOUBLE, 2, DOUBLE),
    /** {@code Math.log(double)} */ LOG(DOUBLE, 2, DOUBLE),
    /** {@code Math.log10(double)} */ LOG10(DOUBLE, 2, DOUBLE),
    /** {@code Math.log1p(double)} */ LOG1P(DOUBLE, 2, DOUBLE),
    /** {@code Math.cbrt(double)} */ CBRT(DOUBLE, 2, DOUBLE),
    /** {@code Math.pow(double, double)} */ POW(DOUBLE, 2, DOUBLE, DOUBLE),
    /** {@code Math.hypot(double, double)} */ HYPOT(DOUBLE, 2, DOUBLE, DOUBLE),
    /** {@code Math.sqrt(double)}, {@code StrictMath.sqrt}: correctly rounded. */ SQRT(DOUBLE, 0, DOUBLE),
    /** {@code Math.floor(double)} */ FLOOR(DOUBLE, 0, DOUBLE),
    /** {@code Math.ceil(double)} */ CEIL(DOUBLE, 0, DOUBLE),
    /** {@code Math.rint(double)} */ RINT(DOUBLE, 0, DOUBLE),
    /** {@code Math.round(double)}: Java's rounding, saturating to {@code long}. */ ROUND_D(LONG, 0, DOUBLE),
    /** {@code Math.round(float)}: Java's rounding, saturating to {@code int}. */ ROUND_F(INT, 0, FLOAT),
    /** {@code Math.fma(double, double, double)}: one rounding. */ FMA_D(DOUBLE, 0, DOUBLE, DOUBLE, DOUBLE),
    /** {@code Math.fma(float, float, float)}: one rounding. */ FMA_F(FLOAT, 0, FLOAT, FLOAT, FLOAT),
    /** {@code Math.abs(int)}: {@code abs(MIN_VALUE) == MIN_VALUE}. */ ABS_I(INT, 0, INT),
    /** {@code Math.abs(long)} */ ABS_L(LONG, 0, LONG),
    /** {@code Math.abs(float)}: clears the sign bit. */ ABS_F(FLOAT, 0, FLOAT),
    /** {@code Math.abs(double)}: clears the sign bit. */ ABS_D(DOUBLE, 0, DOUBLE),
    /** {@code Math.min(int, int)} */ MIN_I(INT, 0, INT, INT),
    /** {@code Math.max(int, int)} */ MAX_I(INT, 0, INT, INT),
    /** {@code Math.min(long, long)} */ MIN_L(LONG, 0, LONG, LONG),
    /** {@code Math.max(long, long)} */ MAX_L(LONG, 0, LONG, LONG),
    /** {@code Math.min(float, float)}: NaN if either is NaN; {@code -0.0f < 0.0f}. */ MIN_F(FLOAT, 0, FLOAT, FLOAT),
    /** {@code Math.max(float, float)}: NaN if either is NaN; {@code -0.0f < 0.0f}. */ MAX_F(FLOAT, 0, FLOAT, FLOAT),
    /** {@code Math.min(double, double)}: as {@link #MIN_F}. */ MIN_D(DOUBLE, 0, DOUBLE, DOUBLE),
    /** {@code Math.max(double, double)}: as {@link #MAX_F}. */ MAX_D(DOUBLE, 0, DOUBLE, DOUBLE),
    /** {@code Math.signum(float)} */ SIGNUM_F(FLOAT, 0, FLOAT),
    /** {@code Math.signum(double)} */ SIGNUM_D(DOUBLE, 0, DOUBLE),
    /** {@code Math.copySign(float, float)} */ COPY_SIGN_F(FLOAT, 0, FLOAT, FLOAT),
    /** {@code Math.copySign(double, double)} */ COPY_SIGN_D(DOUBLE, 0, DOUBLE, DOUBLE),
    /** {@code Float.floatToRawIntBits} */ FLOAT_TO_RAW_INT_BITS(INT, 0, FLOAT),
    /** {@code Float.floatToIntBits}: NaNs become {@code 0x7fc00000}. */ FLOAT_TO_INT_BITS(INT, 0, FLOAT),
    /** {@code Float.intBitsToFloat} */ INT_BITS_TO_FLOAT(FLOAT, 0, INT),
    /** {@code Double.doubleToRawLongBits} */ DOUBLE_TO_RAW_LONG_BITS(LONG, 0, DOUBLE),
    /** {@code Double.doubleToLongBits}: NaNs become {@code 0x7ff8000000000000L}. */ DOUBLE_TO_LONG_BITS(LONG, 0, DOUBLE),
    /** {@code Double.longBitsToDouble} */ LONG_BITS_TO_DOUBLE(DOUBLE, 0, LONG),
    /** {@code Integer.bitCount} */ BIT_COUNT_I(INT, 0, INT),
    /** {@code Long.bitCount} */ BIT_COUNT_L(INT, 0, LONG),
    /** {@code Integer.numberOfLeadingZeros} */ LEADING_ZEROS_I(INT, 0, INT),
    /** {@code Long.numberOfLeadingZeros} */ LEADING_ZEROS_L(INT, 0, LONG),
    /** {@code Integer.numberOfTrailingZeros} */ TRAILING_ZEROS_I(INT, 0, INT),
    /** {@code Long.numberOfTrailingZeros} */ TRAILING_ZEROS_L(INT, 0, LONG),
    /** {@code Float.isNaN} (0/1) */ IS_NAN_F(INT, 0, FLOAT),
    /** {@code Double.isNaN} (0/1) */ IS_NAN_D(INT, 0, DOUBLE),
    /** {@code Float.isInfinite} (0/1) */ IS_INFINITE_F(INT, 0, FLOAT),
    /** {@code Double.isInfinite} (0/1) */ IS_INFINITE_D(INT, 0, DOUBLE);

    private final Scalar result;
    private final int ulpBound;
    private final List<Scalar> parameters;

    IntrinsicOp(Scalar result, int ulpBound, Scalar... parameters) {
        this.result = result;
        this.ulpBound = ulpBound;
        this.parameters = List.of(parameters);
    }

    /** The result kind. */
    public Scalar result() {
        return result;
    }

    /** The parameter kinds. */
    public List<Scalar> parameters() {
        return parameters;
    }

    /** The largest error in ULPs against {@code StrictMath} a backend may have (0: exact). */
    public int ulpBound() {
        return ulpBound;
    }

    /** Whether results must be bit-identical to the JVM's. */
    public boolean isExact() {
        return ulpBound == 0;
    }

    /** The transcendental functions: every op that is not {@linkplain #isExact() exact}. */
    public static Set<IntrinsicOp> transcendentals() {
        Set<IntrinsicOp> all = EnumSet.noneOf(IntrinsicOp.class);
        for (IntrinsicOp op : values()) {
            if (!op.isExact()) {
                all.add(op);
            }
        }
        return Set.copyOf(all);
    }
}
