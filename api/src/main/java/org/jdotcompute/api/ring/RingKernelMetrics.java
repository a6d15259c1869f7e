package org.jdotcompute.api.ring;

import java.time.Duration;
import java.util.Objects;

import org.jdotcompute.api.exceptions.KernelState;

/**
 * A snapshot of one ring kernel's telemetry, from {@link RingKernelRuntime#metrics(String)}. The
 * same figures are emitted as JDK Flight Recorder events. Immutable.
 *
 * @param kernelId     the kernel
 * @param state        its state when the snapshot was taken
 * @param messagesIn   messages the kernel received (returned by its context's {@code receive})
 * @param messagesOut  messages the kernel sent (replies to {@code call} included)
 * @param dropped      messages dropped by {@code DROP_OLDEST} on either queue, and replies that came
 *                     after their {@code call} had timed out
 * @param rejected     sends refused: a full input queue under {@code REJECT} or an expired wait,
 *                     or a message that failed validation
 * @param failures     handler failures (0 or 1: a failed kernel stops)
 * @param inputQueue   the input queue's counters
 * @param outputQueue  the output queue's counters
 * @param handlerTime  total time the kernel spent handling messages: from each {@code receive}
 *                     returning a message to its next {@code receive} call (or the end of
 *                     {@code run})
 * @param latency      end-to-end latency: from the {@code send} of an input to the
 *                     {@code receive} (or {@code call} return) of the output the kernel sent
 *                     while handling it
 */
public record RingKernelMetrics(String kernelId, KernelState state, long messagesIn, long messagesOut, long dropped,
        long rejected, long failures, QueueMetrics inputQueue, QueueMetrics outputQueue, Duration handlerTime,
        LatencyMetrics latency) {
    public RingKernelMetrics {
        Objects.requireNonNull(kernelId, "kernelId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(inputQueue, "inputQueue");
        Objects.requireNonNull(outputQueue, "outputQueue");
        Objects.requireNonNull(handlerTime, "handlerTime");
        Objects.requireNonNull(latency, "latency");
        if (messagesIn < 0 || messagesOut < 0 || dropped < 0 || rejected < 0 || failures < 0) {
            throw new IllegalArgumentException("counters must not be negative: in " + messagesIn + ", out "
                    + messagesOut + ", dropped " + dropped + ", rejected " + rejected + ", failures " + failures);
        }
    }
}
