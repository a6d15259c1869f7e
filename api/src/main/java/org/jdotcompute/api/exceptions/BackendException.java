package org.jdotcompute.api.exceptions;

/**
 * A backend-related failure (the seed's {@code BackendError}); open for third-party backends
 * to extend. Message: {@code [{backend}] {detail}}.
 *
 * <p>When raised: through its subclasses ({@link BackendNotAvailableException},
 * {@link BackendExecutionException}, {@link MetalException}, and the device errors
 * {@link DeviceKernelException} and {@link DeviceContextLostException}); a third-party backend
 * may throw it, or its own subclass, for a failure that fits none of them.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class BackendException extends ComputeException {
    private static final long serialVersionUID = 1L;
    private final String backend;

    /** @param backend the backend's display name; @param message the detail */
    public BackendException(String backend, String message) {
        this(backend, message, null);
    }

    /** As {@link #BackendException(String, String)}, with a cause. */
    public BackendException(String backend, String message, Throwable cause) {
        super("[" + backend + "] " + message, cause);
        this.backend = backend;
    }

    /** The backend's display name ({@code CPU}, {@code OpenCL}, {@code CUDA}, {@code Metal}, or a plugin's). */
    public String backend() {
        return backend;
    }
}
