package org.jdotcompute.backend.metal;

import java.util.Set;

import org.jdotcompute.spi.codegen.CDialect;
import org.jdotcompute.spi.ir.Scalar;

/**
 * The Metal Shading Language's syntax for the shared emitter helpers: the scalar types MSL shares
 * with OpenCL C ({@code double} is spelled, but MSL has none: kernels that need it are rejected
 * before emission by {@link MslTranslator}, and an emission that still spells it after, by
 * {@code MslEmitter.emitChecked}), {@code as_type<T>(x)} bit casts, {@code thread} pointers, no {@code goto} (MSL leaves it out of
 * C++), and decimal float literals (hexadecimal floating literals are C++17; MSL is based on
 * C++14). Immutable and thread-safe.
 */
final class MslDialect implements CDialect {
    static final MslDialect INSTANCE = new MslDialect();

    private static final Set<String> RESERVED = Set.of(
            // address spaces, function qualifiers and MSL types
            "kernel", "vertex", "fragment", "visible", "device", "constant", "thread", "threadgroup",
            "threadgroup_imageblock", "ray_data", "object_data", "half", "bfloat", "uchar", "ushort", "uint", "ulong",
            "size_t", "ptrdiff_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
            "uint64_t", "uint2", "uint3", "uint4", "int2", "int3", "int4", "float2", "float3", "float4", "metal",
            "vec", "array", "atomic", "atomic_int", "atomic_uint", "atomic_bool", "atomic_float", "atomic_ulong",
            "memory_order", "memory_order_relaxed", "mem_flags", "texture", "sampler",
            // built-ins the generated code calls
            "as_type", "threadgroup_barrier", "simdgroup_barrier", "atomic_fetch_add_explicit",
            "atomic_fetch_min_explicit", "atomic_fetch_max_explicit", "atomic_compare_exchange_weak_explicit",
            "atomic_load_explicit", "atomic_store_explicit", "fmod", "fma", "sqrt", "min", "max", "abs", "fabs",
            "isnan", "isinf", "popcount", "clz", "ctz", "precise", "fast");

    private MslDialect() {
    }

    @Override
    public String name() {
        return "MSL";
    }

    @Override
    public String bitcast(Scalar from, Scalar to, String operand) {
        if (from.byteSize() != to.byteSize() || from == to) {
            throw new IllegalArgumentException("cannot reinterpret " + from + " as " + to);
        }
        return "as_type<" + scalarType(to) + ">(" + operand + ")";
    }

    @Override
    public String privateIntPointer() {
        return "thread int*";
    }

    @Override
    public boolean supportsGoto() {
        return false;
    }

    @Override
    public boolean hexFloatLiterals() {
        return false;
    }

    @Override
    public Set<String> reservedWords() {
        return RESERVED;
    }
}
