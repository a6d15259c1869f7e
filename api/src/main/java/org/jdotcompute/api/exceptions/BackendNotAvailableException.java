package org.jdotcompute.api.exceptions;

/**
 * An explicitly requested backend cannot be used; the reason is the cause. Message:
 * {@code [{backend}] Backend not available}.
 *
 * <p>When raised: a backend requested explicitly is absent or its probe failed (CUDA without a
 * driver, OpenCL without a platform, Metal off macOS — there the cause is a
 * {@link MetalException} saying why). Never a silent fallback to another backend.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class BackendNotAvailableException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** @param backend the requested backend (display name, or the id if unknown) */
    public BackendNotAvailableException(String backend) {
        this(backend, null);
    }

    /** @param backend the requested backend; @param cause why it is not available */
    public BackendNotAvailableException(String backend, Throwable cause) {
        super(backend, "Backend not available", cause);
    }
}
