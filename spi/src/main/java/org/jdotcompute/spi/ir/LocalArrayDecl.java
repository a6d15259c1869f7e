package org.jdotcompute.spi.ir;

import java.util.Objects;

/**
 * A group-local array of a kernel: one per {@code ctx.localX(n)} call site, shared by the
 * work-group.
 *
 * @param id      unique within the kernel
 * @param element the element type
 * @param length  the constant length
 */
public record LocalArrayDecl(int id, Scalar element, int length) {
    public LocalArrayDecl {
        Objects.requireNonNull(element, "element");
        if (length <= 0) {
            throw new IllegalArgumentException("local array length " + length + " must be positive");
        }
    }
}
