package org.jdotcompute.api.exceptions;

/**
 * A message-related failure (the seed's {@code MessageError}). Message: {@code {message}}, as given.
 *
 * <p>When raised: through its subclasses ({@link MessageSerializationException},
 * {@link MessageValidationException}); catch it to handle both.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class MessageException extends ComputeException {
    private static final long serialVersionUID = 1L;

    /** @param message the message */
    public MessageException(String message) {
        super(message);
    }

    /** As {@link #MessageException(String)}, with a cause. */
    public MessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
