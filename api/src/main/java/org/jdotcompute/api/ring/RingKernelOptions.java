package org.jdotcompute.api.ring;

import java.util.Objects;
import java.util.Optional;

/**
 * The options of one ring kernel. Immutable; start from {@link #defaults()}.
 *
 * @param inputQueueSize  capacity of the input queue (default 4096)
 * @param outputQueueSize capacity of the output queue (default 4096)
 * @param backpressure    what a full queue does (default {@link BackpressureStrategy#BLOCK})
 * @param priority        whether queues order messages by {@link Prioritized#priority()}
 * @param inputType       the type every input message must have ({@code Object.class}: any)
 * @param outputType      the type every output message must have ({@code Object.class}: any)
 * @param virtualThread   whether the kernel runs on a virtual thread (default: a platform thread,
 *                        for latency)
 * @param singleProducer  whether sends to the kernel never overlap (one sending thread at a time,
 *                        each handing over to the next with a happens-before edge); the input
 *                        queue is then a single-producer ring (default false)
 * @param inputCodec      when present, every input is copied through this codec on
 *                        {@code send} (value semantics: the kernel never shares the sender's
 *                        object); the input type is the codec's type
 * @param outputCodec     when present, every output is copied through this codec on the kernel's
 *                        {@code send}; the output type is the codec's type
 * @param latencySampling the end-to-end latency of one message in this many is recorded (default
 *                        1: every message); a larger value saves two clock reads per message on
 *                        the hottest kernels, and the histogram stays an unbiased sample
 */
public record RingKernelOptions(int inputQueueSize, int outputQueueSize, BackpressureStrategy backpressure,
        boolean priority, Class<?> inputType, Class<?> outputType, boolean virtualThread, boolean singleProducer,
        Optional<MessageCodec<?>> inputCodec, Optional<MessageCodec<?>> outputCodec, int latencySampling) {

    /** The default queue capacity. */
    public static final int DEFAULT_QUEUE_SIZE = 4096;

    public RingKernelOptions {
        checkSize("input", inputQueueSize);
        checkSize("output", outputQueueSize);
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(inputCodec, "inputCodec");
        Objects.requireNonNull(outputCodec, "outputCodec");
        if (inputType.isPrimitive() || outputType.isPrimitive()) {
            throw new IllegalArgumentException("message types must be reference types; got " + inputType.getName()
                    + " -> " + outputType.getName() + " (use the wrapper class, e.g. Integer)");
        }
        checkCodec("input", inputType, inputCodec);
        checkCodec("output", outputType, outputCodec);
        if (latencySampling <= 0) {
            throw new IllegalArgumentException("latency sampling " + latencySampling
                    + " must be positive (1 records every message, n one in n)");
        }
    }

    private static void checkSize(String which, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException(which + " queue size " + size + " must be positive");
        }
    }

    private static void checkCodec(String which, Class<?> type, Optional<MessageCodec<?>> codec) {
        if (codec.isPresent() && type != codec.get().type()) {
            throw new IllegalArgumentException("the " + which + " type " + type.getName() + " differs from the "
                    + which + " codec's type " + codec.get().type().getName() + "; a codec fixes the " + which
                    + " type, so drop the with" + (which.equals("input") ? "Input" : "Output") + "Type call");
        }
    }

    /** The defaults: queues of 4096, {@code BLOCK}, no priorities, any message type, a platform thread. */
    public static RingKernelOptions defaults() {
        return new RingKernelOptions(DEFAULT_QUEUE_SIZE, DEFAULT_QUEUE_SIZE, BackpressureStrategy.BLOCK, false,
                Object.class, Object.class, false, false, Optional.empty(), Optional.empty(), 1);
    }

    /** With an input queue of {@code size}. */
    public RingKernelOptions withInputQueueSize(int size) {
        return new RingKernelOptions(size, outputQueueSize, backpressure, priority, inputType, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** With an output queue of {@code size}. */
    public RingKernelOptions withOutputQueueSize(int size) {
        return new RingKernelOptions(inputQueueSize, size, backpressure, priority, inputType, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** With backpressure {@code strategy} on both queues. */
    public RingKernelOptions withBackpressure(BackpressureStrategy strategy) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, strategy, priority, inputType, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** With or without priority order. */
    public RingKernelOptions withPriority(boolean enabled) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, enabled, inputType, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** Requiring every input message to be a {@code type}. */
    public RingKernelOptions withInputType(Class<?> type) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, type, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** Requiring every output message to be a {@code type}. */
    public RingKernelOptions withOutputType(Class<?> type) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType, type,
                virtualThread, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** On a virtual thread ({@code true}) or a platform thread ({@code false}, the default). */
    public RingKernelOptions withVirtualThread(boolean enabled) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType, outputType,
                enabled, singleProducer, inputCodec, outputCodec, latencySampling);
    }

    /** Promising (or not) that sends to the kernel never overlap; see {@link #singleProducer()}. */
    public RingKernelOptions withSingleProducer(boolean enabled) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType, outputType,
                virtualThread, enabled, inputCodec, outputCodec, latencySampling);
    }

    /** Recording the end-to-end latency of one message in {@code oneIn}; see {@link #latencySampling()}. */
    public RingKernelOptions withLatencySampling(int oneIn) {
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType, outputType,
                virtualThread, singleProducer, inputCodec, outputCodec, oneIn);
    }

    /** Copying every input through {@code codec}; the input type becomes the codec's type. */
    public RingKernelOptions withInputCodec(MessageCodec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, codec.type(),
                outputType, virtualThread, singleProducer, Optional.of(codec), outputCodec, latencySampling);
    }

    /** Copying every output through {@code codec}; the output type becomes the codec's type. */
    public RingKernelOptions withOutputCodec(MessageCodec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        return new RingKernelOptions(inputQueueSize, outputQueueSize, backpressure, priority, inputType,
                codec.type(), virtualThread, singleProducer, inputCodec, Optional.of(codec), latencySampling);
    }
}
