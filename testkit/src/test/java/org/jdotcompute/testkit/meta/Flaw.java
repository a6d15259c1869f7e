package org.jdotcompute.testkit.meta;

/** What a fake backend gets wrong on purpose. */
enum Flaw {
    /** Nothing: the fake must pass every rule. */
    NONE,
    /** Every launch runs one work-item too few in dimension 0. */
    OFF_BY_ONE_RANGE,
    /** {@code ctx.barrier()} does nothing, and a work-group's work-items run one after another. */
    DROPPED_BARRIER,
    /** A work-item's exception is dropped: the launch returns normally. */
    SWALLOWED_DEVICE_ERROR,
    /** Launches run on a second, hidden backend: the fake's own launch counter never moves. */
    SILENT_FALLBACK,
    /** The ring runtime loses the third message sent to each kernel. */
    LOST_RING_MESSAGE,
    /** Publishes no FP64 and rejects double kernels (honest: FP64 rules are skipped). */
    NO_FP64,
    /** Publishes no FP64 but runs double kernels anyway (the rejection rule must catch it). */
    HIDDEN_FP64
}
