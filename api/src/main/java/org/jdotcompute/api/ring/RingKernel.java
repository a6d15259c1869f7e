package org.jdotcompute.api.ring;

import java.util.Objects;
import java.util.function.Function;

/**
 * A ring kernel's body: a loop that receives, processes and sends messages until
 * {@link RingKernelContext#shouldTerminate()}. An exception it throws moves the kernel to
 * {@link org.jdotcompute.api.exceptions.KernelState#FAILED}; it is never swallowed. {@code run} is
 * called once, on the kernel's own thread; an implementation shared by several kernels must be
 * thread-safe.
 *
 * @param <I> the input message type
 * @param <O> the output message type
 */
@FunctionalInterface
public interface RingKernel<I, O> {
    /** Runs the kernel until it should terminate. */
    void run(RingKernelContext<I, O> ctx) throws Exception;

    /**
     * A kernel that sends {@code fn(message)} for each message it receives, until it is asked to
     * terminate. {@code fn} must not return null (the kernel would fail with a
     * {@link NullPointerException}).
     */
    static <I, O> RingKernel<I, O> mapping(Function<? super I, ? extends O> fn) {
        Objects.requireNonNull(fn, "fn");
        return ctx -> {
            while (!ctx.shouldTerminate()) {
                I in = ctx.receive();
                if (in == null) {
                    return; // terminated while waiting
                }
                ctx.send(fn.apply(in));
            }
        };
    }
}
