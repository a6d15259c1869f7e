package org.jdotcompute.api.ring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a record component of array or {@code String} type a fixed maximum length for
 * {@link MessageCodec}: an array holds at most {@link #value()} elements, a string at most
 * {@link #value()} UTF-8 bytes. The encoded slot always has room for that many (shorter values are
 * padded with zeros), which keeps a record of such components fixed-size. A longer value is
 * rejected with {@link org.jdotcompute.api.exceptions.MessageValidationException}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FixedLength {
    /** The most elements (arrays) or UTF-8 bytes (strings); positive. */
    int value();
}
