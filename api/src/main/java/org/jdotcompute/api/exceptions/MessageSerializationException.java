package org.jdotcompute.api.exceptions;

/**
 * A message cannot be encoded or decoded. Message: {@code Cannot serialize {type}: {reason}}.
 *
 * <p>When raised: a message type the codec cannot encode (the reason names the component and
 * its type), or bytes that cannot be decoded.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class MessageSerializationException extends MessageException {
    private static final long serialVersionUID = 1L;
    private final String messageType;
    private final String reason;

    /** @param messageType the message type's name; @param reason what cannot be encoded or decoded */
    public MessageSerializationException(String messageType, String reason) {
        this(messageType, reason, null);
    }

    /** As {@link #MessageSerializationException(String, String)}, with a cause. */
    public MessageSerializationException(String messageType, String reason, Throwable cause) {
        super("Cannot serialize " + messageType + ": " + reason, cause);
        this.messageType = messageType;
        this.reason = reason;
    }

    /** The message type's name. */
    public String messageType() {
        return messageType;
    }

    /** What cannot be encoded or decoded. */
    public String reason() {
        return reason;
    }
}
