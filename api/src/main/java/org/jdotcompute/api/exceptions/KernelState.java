package org.jdotcompute.api.exceptions;

/**
 * The lifecycle states of a ring kernel: {@code CREATED} → {@code LAUNCHED} → {@code ACTIVE} ⇄
 * {@code DEACTIVATED} → {@code TERMINATING} → {@code TERMINATED}. {@code FAILED} is where a
 * kernel whose handler threw ends: its outputs can still be received, then every operation on
 * it throws {@link KernelStateException} with the handler's exception as cause ({@code FAILED}
 * is this project's addition to the seed's states, which has no state for a crashed kernel).
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum KernelState {
    /** Registered, not yet launched. */
    CREATED,
    /** Launched: messages may be sent and queue up; nothing is processed yet. */
    LAUNCHED,
    /** Processing messages. */
    ACTIVE,
    /** Paused: nothing is processed and nothing is lost. */
    DEACTIVATED,
    /** Asked to stop; finishing. */
    TERMINATING,
    /** Stopped. */
    TERMINATED,
    /** Stopped because its handler threw. */
    FAILED
}
