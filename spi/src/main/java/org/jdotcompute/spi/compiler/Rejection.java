package org.jdotcompute.spi.compiler;

/**
 * Thrown inside the front end when a construct is not supported; {@link KernelTranslator} turns
 * it into a {@code KernelCompilationException} naming the kernel.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejection(String reason) {
        super(reason, null, false, false);
    }

    Rejection(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
