/**
 * The CPU backend: runs Java kernels as Java, in parallel on a fork/join pool, with group-local
 * arrays and barriers on virtual threads. Always available; the embedded default and the
 * reference every other backend is compared with. Exports nothing: found through
 * {@link org.jdotcompute.spi.BackendProvider}.
 */
module org.jdotcompute.backend.cpu {
    requires jdk.management;
    requires org.jdotcompute.spi;

    provides org.jdotcompute.spi.BackendProvider with org.jdotcompute.backend.cpu.CpuBackendProvider;
}
