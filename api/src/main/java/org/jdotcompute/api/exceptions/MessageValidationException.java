package org.jdotcompute.api.exceptions;

/**
 * A message is not valid. Message: {@code {type}.{field}: {reason}}.
 *
 * <p>When raised: a message of the wrong type for the kernel, a null component, or a value the
 * codec's layout cannot hold (e.g. an array longer than its fixed length).
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class MessageValidationException extends MessageException {
    private static final long serialVersionUID = 1L;
    private final String messageType;
    private final String field;
    private final String reason;

    /** @param messageType the message type's name; @param field the offending field; @param reason why */
    public MessageValidationException(String messageType, String field, String reason) {
        this(messageType, field, reason, null);
    }

    /** As {@link #MessageValidationException(String, String, String)}, with a cause. */
    public MessageValidationException(String messageType, String field, String reason, Throwable cause) {
        super(messageType + "." + field + ": " + reason, cause);
        this.messageType = messageType;
        this.field = field;
        this.reason = reason;
    }

    /** The message type's name. */
    public String messageType() {
        return messageType;
    }

    /** The offending field. */
    public String field() {
        return field;
    }

    /** Why it is invalid. */
    public String reason() {
        return reason;
    }
}
