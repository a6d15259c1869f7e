package org.jdotcompute.spi.internal.ring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.QueueEmptyException;

/** One {@code call} waiting for its reply. Thread-safe: completed by the kernel's thread, awaited by the caller. */
final class PendingCall {
    private final CompletableFuture<Object> reply = new CompletableFuture<>();

    /** Delivers the reply; false if the call already ended. */
    boolean complete(Object message) {
        return reply.complete(message);
    }

    /** Ends the call with the kernel's stop. */
    void fail(KernelStateException stopped) {
        reply.completeExceptionally(stopped);
    }

    /**
     * Waits at most {@code timeoutNanos} for the reply.
     *
     * @throws QueueEmptyException  on timeout (or interrupt, as the cause)
     * @throws KernelStateException if the kernel stopped first
     */
    Object await(long timeoutNanos) {
        try {
            return reply.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new QueueEmptyException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueEmptyException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KernelStateException stopped) {
                // A fresh exception, so the stack trace shows this caller; the kernel's is the cause's.
                throw new KernelStateException(stopped.kernelId(), stopped.currentState(), stopped.expectedStates(),
                        stopped.getCause());
            }
            throw new IllegalStateException("a call ended with an unexpected failure", e.getCause());
        }
    }
}
