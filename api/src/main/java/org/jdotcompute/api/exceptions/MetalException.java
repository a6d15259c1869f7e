package org.jdotcompute.api.exceptions;

/**
 * A Metal failure (the seed's {@code MetalError}; backend {@code Metal}). Message:
 * {@code [Metal] {detail}}.
 *
 * <p>When raised: Metal is not available (off macOS, no device — as the cause of a
 * {@link BackendNotAvailableException}), a Metal buffer allocation fails, a Metal operation or
 * command buffer fails.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class MetalException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** @param message the detail */
    public MetalException(String message) {
        this(message, null);
    }

    /** As {@link #MetalException(String)}, with a cause. */
    public MetalException(String message, Throwable cause) {
        super("Metal", message, cause);
    }
}
