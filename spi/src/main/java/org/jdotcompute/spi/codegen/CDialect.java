package org.jdotcompute.spi.codegen;

import java.util.Set;

import org.jdotcompute.spi.ir.Scalar;

/**
 * The syntax of one C-family dialect as the shared emitter helpers need it: type names, literal
 * suffixes, bit casts and function specifiers. Everything beyond syntax (address spaces, atomics,
 * work-item queries) is a hook of {@link CEmitter}.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface CDialect {

    /** The dialect's name for messages, e.g. {@code "OpenCL C"}. */
    String name();

    /**
     * The type of a value or array element of {@code scalar}: {@code BOOLEAN} an unsigned 8-bit
     * integer, {@code BYTE} a signed 8-bit integer, {@code CHAR} an unsigned 16-bit integer,
     * {@code SHORT} a signed 16-bit integer, {@code INT} a signed 32-bit integer, {@code LONG} a
     * signed 64-bit integer, {@code FLOAT} IEEE binary32, {@code DOUBLE} IEEE binary64. The
     * default is the spelling OpenCL C and MSL share:
     * {@code uchar, char, ushort, short, int, long, float, double}.
     */
    default String scalarType(Scalar scalar) {
        return switch (scalar) {
            case BOOLEAN -> "uchar";
            case BYTE -> "char";
            case CHAR -> "ushort";
            case SHORT -> "short";
            case INT -> "int";
            case LONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
        };
    }

    /**
     * The unsigned integer type of the same width as the integral {@code scalar}, used for
     * wrapping arithmetic. The default is the spelling OpenCL C and MSL share: {@code uchar},
     * {@code ushort}, {@code uint} for {@code INT}, {@code ulong} for {@code LONG}.
     *
     * @throws IllegalArgumentException for {@code FLOAT} or {@code DOUBLE}
     */
    default String unsignedType(Scalar scalar) {
        return switch (scalar) {
            case BOOLEAN, BYTE -> "uchar";
            case CHAR, SHORT -> "ushort";
            case INT -> "uint";
            case LONG -> "ulong";
            case FLOAT, DOUBLE -> throw new IllegalArgumentException(scalar + " has no unsigned type");
        };
    }

    /** The suffix of a signed 64-bit integer literal: {@code "L"} (OpenCL C, MSL); CUDA C uses {@code "LL"}. */
    default String longLiteralSuffix() {
        return "L";
    }

    /**
     * An expression reinterpreting the bits of {@code operand}: {@code INT} to {@code FLOAT} and
     * back, {@code LONG} to {@code DOUBLE} and back. OpenCL C: {@code as_float(x)}; MSL:
     * {@code as_type<float>(x)}; CUDA C: {@code __int_as_float(x)}.
     *
     * @param from     the operand's kind
     * @param to       the result's kind, of the same width
     * @param operand  the operand expression (a name, a literal or a parenthesised expression)
     */
    String bitcast(Scalar from, Scalar to, String operand);

    /**
     * The specifiers written before every generated helper function and device function, e.g.
     * {@code "static inline"} (OpenCL C 1.2, MSL) or {@code "static __device__ __forceinline__"} (CUDA C).
     */
    default String functionSpecifiers() {
        return "static inline";
    }

    /** The type of a pointer to a per-work-item (private) {@code int}: OpenCL C {@code "__private int*"}, MSL {@code "thread int*"}. */
    String privateIntPointer();

    /**
     * Whether the dialect has the {@code goto} statement. OpenCL C and CUDA C do; the Metal Shading
     * Language does not (its specification lists {@code goto} among the C++ features it leaves
     * out), and {@link CEmitter} then emits each function with jumps as a dispatch loop over a
     * {@code switch}.
     */
    default boolean supportsGoto() {
        return true;
    }

    /** Whether hexadecimal floating-point literals ({@code 0x1.8p3f}) are accepted; otherwise exact decimal literals are printed. */
    default boolean hexFloatLiterals() {
        return true;
    }

    /**
     * The name of the C99 math function {@code c99Name} ({@code sin}, {@code floor}, {@code fma},
     * {@code fmod}, {@code sqrt} …) applied to arguments of kind {@code kind} ({@code FLOAT} or
     * {@code DOUBLE}). The default returns {@code c99Name}: OpenCL C overloads every one of them.
     */
    default String mathFunction(String c99Name, Scalar kind) {
        return c99Name;
    }

    /** Identifiers the dialect reserves beyond C's and C++'s keywords (built-in names, qualifiers). */
    default Set<String> reservedWords() {
        return Set.of();
    }
}
