package org.jdotcompute.backend.opencl;

import java.util.Set;

import org.jdotcompute.spi.codegen.CDialect;
import org.jdotcompute.spi.ir.Scalar;

/** OpenCL C 1.2's syntax for the shared emitter helpers. Immutable and thread-safe. */
final class OpenClDialect implements CDialect {
    static final OpenClDialect INSTANCE = new OpenClDialect();

    private static final Set<String> RESERVED = Set.of(
            // address spaces, qualifiers, OpenCL C types
            "kernel", "global", "local", "constant", "private", "generic", "read_only", "write_only", "read_write",
            "uniform", "pipe", "half", "uchar", "ushort", "uint", "ulong", "size_t", "ptrdiff_t", "intptr_t",
            "uintptr_t", "image1d_t", "image1d_array_t", "image1d_buffer_t", "image2d_t", "image2d_array_t",
            "image3d_t", "sampler_t", "event_t", "complex", "imaginary", "quad", "vec_type_hint",
            // built-ins the generated code calls
            "get_global_id", "get_local_id", "get_group_id", "get_global_size", "get_local_size", "get_num_groups",
            "get_work_dim", "barrier", "mem_fence", "atomic_add", "atomic_sub", "atomic_inc", "atomic_dec",
            "atomic_min", "atomic_max", "atomic_xchg", "atomic_cmpxchg", "atom_add", "atom_min", "atom_max",
            "atom_cmpxchg", "as_int", "as_uint", "as_float", "as_long", "as_ulong", "as_double", "popcount", "clz",
            "fmod", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp",
            "expm1", "log", "log10", "log1p", "cbrt", "pow", "hypot", "floor", "ceil", "rint", "fma", "min", "max",
            "abs", "fabs", "isnan", "isinf", "printf");

    private OpenClDialect() {
    }

    @Override
    public String name() {
        return "OpenCL C";
    }

    @Override
    public String bitcast(Scalar from, Scalar to, String operand) {
        if (from.byteSize() != to.byteSize() || from == to) {
            throw new IllegalArgumentException("cannot reinterpret " + from + " as " + to);
        }
        return "as_" + scalarType(to) + "(" + operand + ")";
    }

    @Override
    public String privateIntPointer() {
        return "__private int*";
    }

    @Override
    public Set<String> reservedWords() {
        return RESERVED;
    }
}
