/**
 * An example third-party backend: {@code interp} runs Java kernels through the reference IR
 * interpreter of {@code org.jdotcompute.spi.ir}. It is written the way a backend outside this
 * repository would be: it requires only {@code org.jdotcompute.spi}, exports nothing, and declares
 * its provider twice (here and in {@code META-INF/services}). The build packages it as a plugin
 * directory ({@code target/plugin/interp/}) to be loaded at run time into its own module layer.
 *
 * <p>It is also an oracle for the bytecode front end: every kernel it runs went through
 * {@code KernelRequest.ir()}, so running the kernel corpus on it and comparing with plain Java
 * tests the front end and the interpreter together.
 */
module org.jdotcompute.example.interp {
    requires org.jdotcompute.spi;

    provides org.jdotcompute.spi.BackendProvider with org.jdotcompute.example.interp.InterpBackendProvider;
}
