/**
 * The CUDA backend: Java kernels translated from the kernel IR to PTX and run through the CUDA
 * driver API (JCuda 12.6.0); CUDA C source kernels compiled with NVRTC (loaded through FFM) or
 * {@code nvcc}. Needs only the NVIDIA driver ({@code libcuda.so.1}) at run time: the driver
 * JIT-compiles the PTX. Exports nothing; found through {@link org.jdotcompute.spi.BackendProvider}.
 */
module org.jdotcompute.backend.cuda {
    requires jcuda;
    requires jcuda.natives;
    requires org.jdotcompute.spi;

    provides org.jdotcompute.spi.BackendProvider with org.jdotcompute.backend.cuda.CudaBackendProvider;
}
