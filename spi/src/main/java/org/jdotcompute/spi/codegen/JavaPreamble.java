package org.jdotcompute.spi.codegen;

import static org.jdotcompute.spi.ir.Scalar.DOUBLE;
import static org.jdotcompute.spi.ir.Scalar.FLOAT;
import static org.jdotcompute.spi.ir.Scalar.INT;
import static org.jdotcompute.spi.ir.Scalar.LONG;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The helper functions that give C arithmetic Java's semantics, generated for one
 * {@link CDialect}. Each {@link Helper} is one function named {@code jdc_*}; {@link #definitions}
 * emits the requested ones and what they depend on, in dependency order, so a kernel carries only
 * the helpers it uses.
 *
 * <p>None of them can trap: integer division checks for a zero divisor and for
 * {@code MIN_VALUE / -1} before dividing (a C division by zero kills a CPU device's host process
 * with {@code SIGFPE}); float-to-integer conversions compare against the range before converting
 * (out-of-range conversion is undefined in C).
 *
 * <p>Thread-safe (stateless).
 */
public final class JavaPreamble {
    private JavaPreamble() {
    }

    /** One helper function. */
    public enum Helper {
        /** {@code int jdc_idiv(int, int)}: Java's {@code idiv}; {@code x / 0} yields 0 (an unchecked division). */
        IDIV("jdc_idiv"),
        /** {@code int jdc_irem(int, int)}: Java's {@code irem}; {@code x % 0} yields 0. */
        IREM("jdc_irem"),
        /** {@code long jdc_ldiv(long, long)}: Java's {@code ldiv}. */
        LDIV("jdc_ldiv"),
        /** {@code long jdc_lrem(long, long)}: Java's {@code lrem}. */
        LREM("jdc_lrem"),
        /** {@code int jdc_f2i(float)}: saturating, NaN to 0. */
        F2I("jdc_f2i"),
        /** {@code long jdc_f2l(float)}: saturating, NaN to 0. */
        F2L("jdc_f2l"),
        /** {@code int jdc_d2i(double)}: saturating, NaN to 0. */
        D2I("jdc_d2i"),
        /** {@code long jdc_d2l(double)}: saturating, NaN to 0. */
        D2L("jdc_d2l"),
        /** {@code float jdc_fmin(float, float)}: {@code Math.min}: NaN wins, {@code -0.0f < 0.0f}. */
        FMIN("jdc_fmin"),
        /** {@code float jdc_fmax(float, float)}: {@code Math.max}. */
        FMAX("jdc_fmax"),
        /** {@code double jdc_dmin(double, double)}: {@code Math.min}. */
        DMIN("jdc_dmin"),
        /** {@code double jdc_dmax(double, double)}: {@code Math.max}. */
        DMAX("jdc_dmax"),
        /** {@code float jdc_fsignum(float)}: {@code Math.signum}. */
        FSIGNUM("jdc_fsignum"),
        /** {@code double jdc_dsignum(double)}: {@code Math.signum}. */
        DSIGNUM("jdc_dsignum"),
        /** {@code int jdc_roundf(float)}: {@code Math.round(float)}. */
        ROUNDF("jdc_roundf"),
        /** {@code long jdc_roundd(double)}: {@code Math.round(double)}. */
        ROUNDD("jdc_roundd"),
        /** {@code double jdc_pow(double, double)}: {@code Math.pow}; C's {@code pow(1, NaN)} and {@code pow(-1, ±Inf)} are 1, Java's NaN. */
        POW("jdc_pow"),
        /** {@code int jdc_popcount32(int)}: {@code Integer.bitCount}, portable. */
        POPCOUNT32("jdc_popcount32"),
        /** {@code int jdc_popcount64(long)}: {@code Long.bitCount}, portable. */
        POPCOUNT64("jdc_popcount64"),
        /** {@code int jdc_clz32(int)}: {@code Integer.numberOfLeadingZeros}, portable. */
        CLZ32("jdc_clz32"),
        /** {@code int jdc_clz64(long)}: {@code Long.numberOfLeadingZeros}, portable. */
        CLZ64("jdc_clz64"),
        /** {@code int jdc_ctz32(int)}: {@code Integer.numberOfTrailingZeros}, portable. */
        CTZ32("jdc_ctz32"),
        /** {@code int jdc_ctz64(long)}: {@code Long.numberOfTrailingZeros}, portable. */
        CTZ64("jdc_ctz64");

        private final String functionName;

        Helper(String functionName) {
            this.functionName = functionName;
        }

        /** The C function's name. */
        public String functionName() {
            return functionName;
        }

        /** The helpers this one calls. */
        public Set<Helper> dependencies() {
            return switch (this) {
                case ROUNDF -> EnumSet.of(F2I);
                case ROUNDD -> EnumSet.of(D2L);
                case CLZ64 -> EnumSet.of(CLZ32);
                case CTZ32 -> EnumSet.of(POPCOUNT32);
                case CTZ64 -> EnumSet.of(POPCOUNT64);
                case POPCOUNT64 -> EnumSet.of(POPCOUNT32);
                default -> EnumSet.noneOf(Helper.class);
            };
        }

        /** Whether the helper needs {@code double} support. */
        public boolean needsDouble() {
            return this == D2I || this == D2L || this == DMIN || this == DMAX || this == DSIGNUM || this == ROUNDD
                    || this == POW;
        }
    }

    /** {@code helpers} and everything they depend on. */
    public static Set<Helper> closure(Set<Helper> helpers) {
        EnumSet<Helper> all = helpers.isEmpty() ? EnumSet.noneOf(Helper.class) : EnumSet.copyOf(helpers);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Helper h : List.copyOf(all)) {
                grew |= all.addAll(h.dependencies());
            }
        }
        return all;
    }

    /**
     * The C definitions of {@code helpers} and their dependencies, dependencies first, each
     * followed by an empty line; {@code ""} for none.
     */
    public static String definitions(CDialect dialect, Set<Helper> helpers) {
        Objects.requireNonNull(dialect, "dialect");
        Set<Helper> all = closure(helpers);
        StringBuilder sb = new StringBuilder();
        // Enum order is a valid dependency order: every dependency is declared before its users.
        for (Helper h : Helper.values()) {
            if (all.contains(h)) {
                sb.append(definition(dialect, h)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The C definition of one helper (it may call its {@link Helper#dependencies()}). */
    public static String definition(CDialect d, Helper helper) {
        String fs = d.functionSpecifiers() + " ";
        String i = d.scalarType(INT);
        String u = d.unsignedType(INT);
        String l = d.scalarType(LONG);
        String ul = d.unsignedType(LONG);
        String f = d.scalarType(FLOAT);
        String db = d.scalarType(DOUBLE);
        String ls = d.longLiteralSuffix();
        String intMin = CLiterals.intLiteral(Integer.MIN_VALUE);
        String longMax = CLiterals.longLiteral(d, Long.MAX_VALUE);
        String longMin = CLiterals.longLiteral(d, Long.MIN_VALUE);
        return switch (helper) {
            case IDIV -> fs + i + " jdc_idiv(" + i + " a, " + i + " b) {\n"
                    + "    if (b == 0) {\n        return 0;\n    }\n"
                    + "    if (b == -1) {\n        return (" + i + ")-(" + u + ")a;\n    }\n"
                    + "    return a / b;\n}\n";
            case IREM -> fs + i + " jdc_irem(" + i + " a, " + i + " b) {\n"
                    + "    if (b == 0 || b == -1) {\n        return 0;\n    }\n"
                    + "    return a % b;\n}\n";
            case LDIV -> fs + l + " jdc_ldiv(" + l + " a, " + l + " b) {\n"
                    + "    if (b == 0) {\n        return 0;\n    }\n"
                    + "    if (b == -1) {\n        return (" + l + ")-(" + ul + ")a;\n    }\n"
                    + "    return a / b;\n}\n";
            case LREM -> fs + l + " jdc_lrem(" + l + " a, " + l + " b) {\n"
                    + "    if (b == 0 || b == -1) {\n        return 0;\n    }\n"
                    + "    return a % b;\n}\n";
            case F2I -> saturating(fs, i, f, "jdc_f2i", CLiterals.floatLiteral(d, 0x1p31f),
                    CLiterals.floatLiteral(d, -0x1p31f), "2147483647", intMin);
            case F2L -> saturating(fs, l, f, "jdc_f2l", CLiterals.floatLiteral(d, 0x1p63f),
                    CLiterals.floatLiteral(d, -0x1p63f), longMax, longMin);
            case D2I -> saturating(fs, i, db, "jdc_d2i", CLiterals.doubleLiteral(d, 2147483647.0),
                    CLiterals.doubleLiteral(d, -2147483648.0), "2147483647", intMin);
            case D2L -> saturating(fs, l, db, "jdc_d2l", CLiterals.doubleLiteral(d, 0x1p63),
                    CLiterals.doubleLiteral(d, -0x1p63), longMax, longMin);
            case FMIN -> minMax(fs, f, "jdc_fmin", "0.0f", d.bitcast(FLOAT, INT, "b"), "<=");
            case FMAX -> minMax(fs, f, "jdc_fmax", "0.0f", d.bitcast(FLOAT, INT, "a"), ">=");
            case DMIN -> minMax(fs, db, "jdc_dmin", "0.0", d.bitcast(DOUBLE, LONG, "b"), "<=");
            case DMAX -> minMax(fs, db, "jdc_dmax", "0.0", d.bitcast(DOUBLE, LONG, "a"), ">=");
            case FSIGNUM -> fs + f + " jdc_fsignum(" + f + " a) {\n"
                    + "    if (a == 0.0f || a != a) {\n        return a;\n    }\n"
                    + "    return a > 0.0f ? 1.0f : -1.0f;\n}\n";
            case DSIGNUM -> fs + db + " jdc_dsignum(" + db + " a) {\n"
                    + "    if (a == 0.0 || a != a) {\n        return a;\n    }\n"
                    + "    return a > 0.0 ? 1.0 : -1.0;\n}\n";
            case ROUNDF -> fs + i + " jdc_roundf(" + f + " a) {\n"
                    + "    /* Math.round(float): add one half and floor, done on the significand so no intermediate rounds. */\n"
                    + "    " + i + " bits = " + d.bitcast(FLOAT, INT, "a") + ";\n"
                    + "    " + i + " shift = 149 - ((bits & 0x7f800000) >> 23);\n"
                    + "    if ((shift & -32) == 0) {\n"
                    + "        " + i + " r = (bits & 0x007fffff) | 0x00800000;\n"
                    + "        if (bits < 0) {\n            r = -r;\n        }\n"
                    + "        return ((r >> shift) + 1) >> 1;\n"
                    + "    }\n"
                    + "    return jdc_f2i(a);\n}\n";
            case ROUNDD -> fs + l + " jdc_roundd(" + db + " a) {\n"
                    + "    /* Math.round(double): add one half and floor, done on the significand so no intermediate rounds. */\n"
                    + "    " + l + " bits = " + d.bitcast(DOUBLE, LONG, "a") + ";\n"
                    + "    " + l + " shift = 1074" + ls + " - ((bits & 0x7ff0000000000000" + ls + ") >> 52);\n"
                    + "    if ((shift & (-64" + ls + ")) == 0) {\n"
                    + "        " + l + " r = (bits & 0x000fffffffffffff" + ls + ") | 0x0010000000000000" + ls + ";\n"
                    + "        if (bits < 0) {\n            r = -r;\n        }\n"
                    + "        return ((r >> shift) + 1) >> 1;\n"
                    + "    }\n"
                    + "    return jdc_d2l(a);\n}\n";
            case POW -> fs + db + " jdc_pow(" + db + " x, " + db + " y) {\n"
                    + "    /* Java: a NaN exponent gives NaN, and so does (+-1) to an infinite power; C gives 1 for both. */\n"
                    + "    if (y != y) {\n        return y;\n    }\n"
                    + "    if ((x == 1.0 || x == -1.0) && (" + d.bitcast(DOUBLE, LONG, "y") + " & "
                    + CLiterals.longBits(d, Long.MAX_VALUE) + ") == " + CLiterals.longBits(d, 0x7ff0000000000000L) + ") {\n"
                    + "        return " + CLiterals.doubleLiteral(d, Double.NaN) + ";\n    }\n"
                    + "    return " + d.mathFunction("pow", DOUBLE) + "(x, y);\n}\n";
            case POPCOUNT32 -> fs + i + " jdc_popcount32(" + i + " x) {\n"
                    + "    " + u + " v = (" + u + ")x;\n"
                    + "    v = v - ((v >> 1) & 0x55555555u);\n"
                    + "    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);\n"
                    + "    v = (v + (v >> 4)) & 0x0f0f0f0fu;\n"
                    + "    return (" + i + ")((v * 0x01010101u) >> 24);\n}\n";
            case POPCOUNT64 -> fs + i + " jdc_popcount64(" + l + " x) {\n"
                    + "    " + ul + " v = (" + ul + ")x;\n"
                    + "    return jdc_popcount32((" + i + ")(" + u + ")v) + jdc_popcount32((" + i + ")(" + u + ")(v >> 32));\n}\n";
            case CLZ32 -> fs + i + " jdc_clz32(" + i + " x) {\n"
                    + "    " + u + " v = (" + u + ")x;\n"
                    + "    " + i + " n = 0;\n"
                    + "    if (v == 0u) {\n        return 32;\n    }\n"
                    + "    if (v <= 0x0000ffffu) {\n        n += 16;\n        v <<= 16;\n    }\n"
                    + "    if (v <= 0x00ffffffu) {\n        n += 8;\n        v <<= 8;\n    }\n"
                    + "    if (v <= 0x0fffffffu) {\n        n += 4;\n        v <<= 4;\n    }\n"
                    + "    if (v <= 0x3fffffffu) {\n        n += 2;\n        v <<= 2;\n    }\n"
                    + "    if (v <= 0x7fffffffu) {\n        n += 1;\n    }\n"
                    + "    return n;\n}\n";
            case CLZ64 -> fs + i + " jdc_clz64(" + l + " x) {\n"
                    + "    " + ul + " v = (" + ul + ")x;\n"
                    + "    " + u + " hi = (" + u + ")(v >> 32);\n"
                    + "    return hi != 0u ? jdc_clz32((" + i + ")hi) : 32 + jdc_clz32((" + i + ")(" + u + ")v);\n}\n";
            case CTZ32 -> fs + i + " jdc_ctz32(" + i + " x) {\n"
                    + "    " + u + " v = (" + u + ")x;\n"
                    + "    return v == 0u ? 32 : jdc_popcount32((" + i + ")((v & -v) - 1u));\n}\n";
            case CTZ64 -> fs + i + " jdc_ctz64(" + l + " x) {\n"
                    + "    " + ul + " v = (" + ul + ")x;\n"
                    + "    return v == 0 ? 64 : jdc_popcount64((" + l + ")((v & -v) - 1));\n}\n";
        };
    }

    private static String saturating(String fs, String result, String arg, String name, String upper, String lower,
            String max, String min) {
        return fs + result + " " + name + "(" + arg + " a) {\n"
                + "    if (a != a) {\n        return 0;\n    }\n"
                + "    if (a >= " + upper + ") {\n        return " + max + ";\n    }\n"
                + "    if (a <= " + lower + ") {\n        return " + min + ";\n    }\n"
                + "    return (" + result + ")a;\n}\n";
    }

    private static String minMax(String fs, String type, String name, String zero, String negativeZeroTest, String op) {
        return fs + type + " " + name + "(" + type + " a, " + type + " b) {\n"
                + "    if (a != a) {\n        return a;\n    }\n"
                + "    if (a == " + zero + " && b == " + zero + " && " + negativeZeroTest + " != 0) {\n        return b;\n    }\n"
                + "    return a " + op + " b ? a : b;\n}\n";
    }
}
