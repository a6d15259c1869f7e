package org.jdotcompute.spi.codegen;

import java.util.Objects;

import org.jdotcompute.spi.ir.Scalar;

/**
 * One parameter of an emitted kernel's signature, in ABI order (see
 * {@link org.jdotcompute.spi.ir.KernelIR}): scalars by value, each array as a pointer followed by
 * its {@code int} length, then the error record. A dialect formats them in
 * {@link CEmitter#kernelSignature}, e.g. with MSL's {@code [[buffer(index)]]} attributes.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface KernelParameter {
    /** The C name of the parameter. */
    String name();

    /** Its 0-based position in the signature. */
    int index();

    /**
     * A scalar kernel parameter passed by value.
     *
     * @param kind {@code INT}, {@code LONG}, {@code FLOAT} or {@code DOUBLE} (sub-int Java types arrive widened to {@code INT})
     */
    record ScalarParameter(String name, int index, Scalar kind) implements KernelParameter {
        public ScalarParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            if (!kind.isStackKind()) {
                throw new IllegalArgumentException("a scalar kernel parameter has a stack kind, got " + kind);
            }
        }
    }

    /**
     * A pointer to a global-memory array.
     *
     * @param element the element type
     */
    record ArrayParameter(String name, int index, Scalar element) implements KernelParameter {
        public ArrayParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(element, "element");
        }
    }

    /**
     * The hidden {@code int} length of the array parameter just before it.
     *
     * @param arrayName the array parameter's C name
     */
    record LengthParameter(String name, int index, String arrayName) implements KernelParameter {
        public LengthParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arrayName, "arrayName");
        }
    }

    /** The pointer to the device error record ({@code jdc_error_record}, see {@code org.jdotcompute.spi.device}). */
    record ErrorRecordParameter(String name, int index) implements KernelParameter {
        public ErrorRecordParameter {
            Objects.requireNonNull(name, "name");
        }
    }
}
