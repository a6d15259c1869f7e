package org.jdotcompute.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One launch of a kernel without work-groups. The range, in row-major linear order, is cut into
 * about four chunks per worker; the launching thread and up to {@code parallelism - 1} pool
 * workers claim chunks until none is left, each chunk with its own {@link ItemContext}. A chunk
 * runs in rows of at most {@value #BLOCK} work-items; a work-item that throws is recorded and the
 * chunk goes on with the next one (every work-item runs, as on a GPU); between rows it checks the
 * failure bound, so a {@link VirtualMachineError} stops the launch promptly.
 *
 * <p>Happens-before: each chunk ends with a {@link CountDownLatch#countDown()}, and the
 * launching thread returns only after {@link CountDownLatch#await()} saw every chunk done, so
 * everything the work-items wrote is visible to it when {@code launch} returns. A helper that
 * never starts (pool busy or shut down) costs nothing: the launching thread claims its chunks.
 *
 * <p>Confined to one launch; the shared state is atomic.
 */
final class DataParallelLaunch {
    static final int BLOCK = 16384;

    private final CpuKernel kernel;
    private final Object[] args;
    private final int[] global;
    private final int[] local;
    private final long total;
    private final long chunkSize;
    private final long chunks;
    private final AtomicLong nextChunk = new AtomicLong();
    private final CountDownLatch done;
    private final Failures failures = new Failures();

    private DataParallelLaunch(CpuKernel kernel, Object[] args, int[] global, int[] local, int workers) {
        this.kernel = kernel;
        this.args = args;
        this.global = global;
        this.local = local;
        this.total = (long) global[0] * global[1] * global[2];
        this.chunkSize = Math.max(1, ceilDiv(total, workers * 4L));
        this.chunks = ceilDiv(total, chunkSize);
        this.done = new CountDownLatch((int) chunks);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Runs the launch and waits for it.
     *
     * @param pool        the backend's pool (its parallelism is the number of helpers at most)
     * @param parallelism the number of threads to use, the launching one included
     */
    static Failures run(ForkJoinPool pool, int parallelism, CpuKernel kernel, Object[] args, int[] global,
            int[] local) {
        DataParallelLaunch launch = new DataParallelLaunch(kernel, args, global, local, parallelism);
        long helpers = Math.min(parallelism - 1, launch.chunks - 1);
        for (long h = 0; h < helpers; h++) {
            try {
                pool.execute(launch::work);
            } catch (RejectedExecutionException shutDown) {
                break; // the launching thread does the rest
            }
        }
        launch.work();
        launch.await();
        return launch.failures;
    }

    private void work() {
        long c;
        while ((c = nextChunk.getAndIncrement()) < chunks) {
            try {
                chunk(c * chunkSize, Math.min(total, (c + 1) * chunkSize));
            } finally {
                done.countDown();
            }
        }
    }

    private void chunk(long start, long end) {
        ItemContext ctx = new ItemContext(kernel.name(), global, local);
        KernelLoop loop = kernel.loop();
        long pos = start;
        int gx = global[0];
        int gy = global[1];
        while (pos < end) {
            long stop = Math.min(end, failures.bound());
            if (pos >= stop) {
                return;
            }
            int x = (int) (pos % gx);
            long row = pos / gx;
            int xEnd = (int) Math.min(Math.min(gx, (long) x + BLOCK), x + (stop - pos));
            ctx.y = (int) (row % gy);
            ctx.z = (int) (row / gy);
            ctx.x = x;
            try {
                loop.run(args, ctx, x, xEnd);
                pos += xEnd - x;
            } catch (Throwable t) {
                long failed = row * gx + ctx.x;
                failures.record(failed, ctx.x, ctx.y, ctx.z, t);
                pos = failed + 1; // every work-item runs: go on after the failing one
            }
        }
    }

    private void await() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the work-items still use the arguments: wait for them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
