package org.jdotcompute.spi;

/** A kernel compiled by a {@link Backend}. Thread-safe for launches; closed by the engine. */
public interface BackendKernel extends AutoCloseable {
    /** The kernel's name. */
    String name();

    /** Releases the compiled program. Idempotent. */
    @Override
    void close();
}
