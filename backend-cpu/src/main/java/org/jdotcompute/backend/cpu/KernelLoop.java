package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.KernelContext;

/**
 * The per-kernel loop, implemented by a hidden class that {@link LoopGenerator} generates for
 * each kernel. The hidden class unpacks the launch arguments into typed locals and calls the
 * kernel through a method handle loaded as a class-data constant, so HotSpot sees one
 * monomorphic, inlinable call.
 */
abstract class KernelLoop {
    /**
     * Runs the work-items {@code (from .. to-1, ctx.y, ctx.z)}: for each, stores its x in
     * {@code ctx.x} and calls the kernel. A work-item's exception propagates at once, with
     * {@code ctx.x} at the failing work-item.
     */
    abstract void run(Object[] args, ItemContext ctx, int from, int to) throws Throwable;

    /** Calls the kernel once with {@code ctx}. */
    abstract void runOne(Object[] args, KernelContext ctx) throws Throwable;
}
