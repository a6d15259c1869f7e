/**
 * The Metal backend: Java kernels on Apple GPUs through the Objective-C runtime and
 * {@code java.lang.foreign}. Off macOS it is discovered and honestly unavailable.
 */
module org.jdotcompute.backend.metal {
    requires org.jdotcompute.spi;

    provides org.jdotcompute.spi.BackendProvider with org.jdotcompute.backend.metal.MetalBackendProvider;
}
