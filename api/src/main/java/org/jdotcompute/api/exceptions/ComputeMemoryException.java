package org.jdotcompute.api.exceptions;

/** A memory-related failure (the seed's {@code MemoryError}). Message: {@code {message}}. */
public class ComputeMemoryException extends ComputeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message */
    public ComputeMemoryException(String message) {
        super(message);
    }

    /** As {@link #ComputeMemoryException(String)}, with a cause. */
    public ComputeMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
