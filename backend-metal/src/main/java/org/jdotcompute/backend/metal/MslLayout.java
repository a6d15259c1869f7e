package org.jdotcompute.backend.metal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jdotcompute.spi.codegen.KernelParameter;
import org.jdotcompute.spi.ir.Scalar;

/**
 * Where the host puts each argument of an emitted MSL kernel: arrays and the error record in
 * buffer slots {@code 0..}, every scalar and hidden array length at an offset of the scalar block
 * ({@code jdc_scalars}, C layout: each member aligned to its size), bound with {@code setBytes}
 * in the slot after the record.
 *
 * @param parameters       the kernel's parameters in ABI order
 * @param bufferIndices    per parameter: its buffer slot, or -1 for a member of the scalar block
 * @param scalars          the members of the scalar block, in ABI order
 * @param scalarBlockIndex the scalar block's buffer slot (the record's slot + 1)
 * @param scalarBlockBytes the scalar block's size in bytes ({@code 0}: no block)
 */
record MslLayout(List<KernelParameter> parameters, List<Integer> bufferIndices, List<Member> scalars,
        int scalarBlockIndex, int scalarBlockBytes) {

    /** The most buffer slots a Metal kernel may use (the argument table has 31 entries). */
    static final int MAX_BUFFERS = 31;

    MslLayout {
        parameters = List.copyOf(parameters);
        bufferIndices = List.copyOf(bufferIndices);
        scalars = List.copyOf(scalars);
        if (bufferIndices.size() != parameters.size()) {
            throw new IllegalArgumentException(bufferIndices.size() + " buffer indices for " + parameters.size()
                    + " parameters");
        }
    }

    /**
     * One member of the scalar block.
     *
     * @param name   the member's (and the kernel local's) name
     * @param kind   {@code INT}, {@code LONG}, {@code FLOAT} or {@code DOUBLE}
     * @param offset its byte offset in the block
     */
    record Member(String name, Scalar kind, int offset) {
        Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The layout of {@code parameters}. */
    static MslLayout of(List<KernelParameter> parameters) {
        List<Integer> indices = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        int buffer = 0;
        int offset = 0;
        int align = 1;
        for (KernelParameter p : parameters) {
            switch (p) {
                case KernelParameter.ArrayParameter a -> indices.add(buffer++);
                case KernelParameter.ErrorRecordParameter r -> indices.add(buffer++);
                case KernelParameter.ScalarParameter s -> {
                    int size = s.kind().byteSize();
                    offset = alignUp(offset, size);
                    members.add(new Member(s.name(), s.kind(), offset));
                    offset += size;
                    align = Math.max(align, size);
                    indices.add(-1);
                }
                case KernelParameter.LengthParameter l -> {
                    offset = alignUp(offset, Integer.BYTES);
                    members.add(new Member(l.name(), Scalar.INT, offset));
                    offset += Integer.BYTES;
                    align = Math.max(align, Integer.BYTES);
                    indices.add(-1);
                }
            }
        }
        return new MslLayout(parameters, indices, members, buffer, members.isEmpty() ? 0 : alignUp(offset, align));
    }

    private static int alignUp(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    /** The buffer slot of {@code parameter}, an array or the error record. */
    int bufferIndex(KernelParameter parameter) {
        int k = parameters.indexOf(parameter);
        if (k < 0 || bufferIndices.get(k) < 0) {
            throw new IllegalArgumentException(parameter + " has no buffer slot");
        }
        return bufferIndices.get(k);
    }

    /** The byte offset of the scalar-block member named {@code name}. */
    int offsetOf(String name) {
        for (Member m : scalars) {
            if (m.name().equals(name)) {
                return m.offset();
            }
        }
        throw new IllegalArgumentException("the scalar block has no member " + name);
    }

    /** How many buffer slots the kernel uses, the scalar block included. */
    int bufferSlots() {
        return scalarBlockIndex + (scalarBlockBytes > 0 ? 1 : 0);
    }
}
