package org.jdotcompute.spi;

import org.jdotcompute.api.exceptions.BackendNotAvailableException;

/**
 * The {@link java.util.ServiceLoader} service every backend provides: a cheap factory. The
 * constructor and {@link #id()}, {@link #displayName()}, {@link #priority()} and
 * {@link #spiVersion()} must not touch native code; natives load lazily in {@link #probe()}
 * or {@link #open(BackendConfig)}, never in a static initialiser.
 *
 * <p>Declare a provider twice: {@code provides org.jdotcompute.spi.BackendProvider with ...} in
 * {@code module-info} (module path) and {@code META-INF/services/org.jdotcompute.spi.BackendProvider}
 * (class path).
 *
 * <p>Priorities of the in-tree backends (higher wins when no backend is named):
 * <table>
 *   <caption>Backend priorities</caption>
 *   <tr><th>id</th><th>priority</th></tr>
 *   <tr><td>cuda</td><td>300</td></tr>
 *   <tr><td>metal</td><td>250</td></tr>
 *   <tr><td>opencl</td><td>200</td></tr>
 *   <tr><td>cpu</td><td>100</td></tr>
 *   <tr><td>plugins (suggested)</td><td>below 100 unless they should win</td></tr>
 * </table>
 *
 * <p>Implementations must be thread-safe.
 */
public interface BackendProvider {
    /** The unique backend id: lower case, e.g. {@code "opencl"}. Duplicates fail discovery. */
    String id();

    /** The name used in messages and exceptions, e.g. {@code "OpenCL"}. */
    String displayName();

    /** The selection priority (see the table above). */
    int priority();

    /** The SPI version this provider implements: {@link SpiVersion#CURRENT}. */
    int spiVersion();

    /** The provider's version; by default its module's version or its jar's implementation version. */
    default String version() {
        return SpiVersion.versionOf(getClass());
    }

    /**
     * Checks whether the backend can run here. Never throws: every failure becomes
     * {@link Availability.Unavailable} with the reason and its cause. May be called often; cache
     * the result if it is expensive.
     */
    Availability probe();

    /**
     * Opens the backend on its default device.
     *
     * @throws BackendNotAvailableException if it cannot be opened (the cause says why)
     */
    Backend open(BackendConfig config);
}
