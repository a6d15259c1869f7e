package org.jdotcompute.api.exceptions;

/**
 * A Metal failure: Metal unavailable (off macOS, no device), a buffer or command-buffer
 * failure. Message: {@code [Metal] {detail}}.
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
