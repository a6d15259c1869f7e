/**
 * The OpenCL backend: Java kernels translated to OpenCL C (through {@code org.jdotcompute.spi.codegen})
 * and run through LWJGL 3.4.3's OpenCL bindings, plus raw OpenCL C source kernels. Exports
 * nothing; it only provides {@link org.jdotcompute.spi.BackendProvider}. Tested on PoCL.
 *
 * <p>LWJGL makes its native calls from module {@code org.lwjgl}: run with
 * {@code --enable-native-access=org.lwjgl} (or {@code ALL-UNNAMED} on the class path).
 */
module org.jdotcompute.backend.opencl {
    requires org.jdotcompute.spi;
    requires org.lwjgl;
    requires org.lwjgl.natives;
    requires org.lwjgl.opencl;

    provides org.jdotcompute.spi.BackendProvider with org.jdotcompute.backend.opencl.OpenClBackendProvider;
}
