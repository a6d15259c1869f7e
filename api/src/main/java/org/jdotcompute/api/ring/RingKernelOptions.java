package org.jdotcompute.api.ring;

import java.util.Objects;

/**
 * The options of one ring kernel. Immutable; start from {@link #defaults()}.
 *
 * @param inputQueueSize  capacity of the input queue (default 4096)
 * @param outputQueueSize capacity of the output queue (default 4096)
 * @param backpressure    what a full queue does (default {@link BackpressureStrategy#BLOCK})
 * @param priority        whether queues order messages by {@link Prioritized#priority()}
 * @param inputType       the type every input message must have ({@code Object.class}: any)
 * @param outputType      the type every output message must have ({@code Object.class}: any)
 */
public record RingKernelOptions(int inputQueueSize, int outputQueueSize, BackpressureStrategy backpressure,
        boolean priority, Class<?> inputType, Class<?> outputType) {

    /** The default queue capacity. */
    public static final int DEFAULT_QUEUE_SIZE = 4096;

    public RingKernelOptions {
        checkSize("input", inputQueueSize);
        checkSize("output", outputQueueSize);
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        if (inputType.isPrimitive() || outputType.isPrimitive()) {
            throw new IllegalArgumentException("message types must be reference types; got " + inputType.getName()
                    + " -> " + outputType.getName() + " (use the wrapper class, e.g. Integer)");
        }
    }

    private static void checkSize(String which, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException(which + " queue size " + size + " must be positive");
        }
    }

    /** The defaults: queues of 4096, {@code BLOCK}, no priorities, any message type. */
    public static RingKernelOptions defaults() {
        return new RingKernelOptions(DEFAULT_QUEUE_SIZE, DEFAULT_QUEUE_SIZE, BackpressureStrategy.BLOCK, false,
                Object.class, Object.class);
    }

    /** With an input queue of {@code size}. */
    public RingKernelOptions withInputQueueSize(int size) {
        return new RingKernelOptions(size, outputQueueSize, backpressure, priority, inputType, outputType);
    }

    /** With an output queue of {@code size}. */
    public RingKernelOptions withOutputQueueSize(int size) {
        return new RingKernelOptions(inputQueueSize, size, backpressure, priority, inputType, outputType);
    }

    /** With backpressure {@code strategy} on both queues. */
    public RingKernelOptions withBackpressure(BackpressureStrategy strategy) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, strategy, priority, inputType, outputType);
    }

    /** With or without priority order. */
    public RingKernelOptions withPriority(boolean enabled) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, enabled, inputType, outputType);
    }

    /** Requiring every input message to be a {@code type}. */
    public RingKernelOptions withInputType(Class<?> type) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, type, outputType);
    }

    /** Requiring every output message to be a {@code type}. */
    public RingKernelOptions withOutputType(Class<?> type) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType, type);
    }
}
