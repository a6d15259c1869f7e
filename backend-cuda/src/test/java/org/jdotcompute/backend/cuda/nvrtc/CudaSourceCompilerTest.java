package org.jdotcompute.backend.cuda.nvrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CUDA C source kernels compile to PTX without a GPU")
class CudaSourceCompilerTest {
    static final String GOOD = """
            extern "C" __global__ void vadd(const float* a, const float* b, float* c, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) c[i] = a[i] + b[i];
            }
            """;
    static final String BAD = """
            extern "C" __global__ void broken(float* c) {
                c[threadIdx.x] = undeclared_value * 2.0f;
            }
            """;
    static final String MANGLED = """
            __global__ void vadd(float* c) { c[threadIdx.x] = 1.0f; }
            """;

    @Nested
    @DisplayName("with nvcc --ptx (the CUDA toolkit on the PATH or in /usr/local/cuda/bin)")
    class Nvcc {
        private void assumeNvcc() {
            assumeTrue(CudaSourceCompiler.nvcc().isPresent(), "nvcc is not installed here");
        }

        @Test
        @DisplayName("a valid kernel compiles to PTX with its extern \"C\" entry")
        void compiles() {
            assumeNvcc();
            CudaSourceCompiler.Compiled c = CudaSourceCompiler.compile("vadd", GOOD, 8, 0, CudaSourceCompiler.Tool.NVCC);
            assertTrue(c.ptx().contains(".entry vadd("), c.ptx());
            assertTrue(c.ptx().contains(".target sm_80"), c.ptx());
            assertTrue(c.compiler().startsWith("nvcc ("), c.compiler());
        }

        @Test
        @DisplayName("a compile error is a KernelCompilationException with nvcc's full log in compilerLog()")
        void compileError() {
            assumeNvcc();
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> CudaSourceCompiler.compile("broken", BAD, 8, 0, CudaSourceCompiler.Tool.NVCC));
            assertEquals("broken", e.kernelId());
            assertEquals("CUDA", e.backend());
            assertTrue(e.reason().startsWith("nvcc could not compile the CUDA C source (exit code "), e.reason());
            assertTrue(e.reason().contains("undeclared_value"), e.reason());
            assertTrue(e.compilerLog().contains("identifier \"undeclared_value\" is undefined"), e.compilerLog());
            assertTrue(e.getMessage().startsWith("[broken] Compilation failed: nvcc could not compile"), e.getMessage());
        }

        @Test
        @DisplayName("a kernel without extern \"C\" is rejected: its entry name is mangled")
        void mangled() {
            assumeNvcc();
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> CudaSourceCompiler.compile("vadd", MANGLED, 8, 0, CudaSourceCompiler.Tool.NVCC));
            assertEquals("the compiled PTX has no kernel entry named 'vadd'; declare it extern \"C\" __global__ void"
                    + " vadd(...) so its name is not mangled", e.reason());
            assertTrue(e.compilerLog().contains(".entry _Z4vaddPf("), e.compilerLog());
        }
    }

    @Nested
    @DisplayName("with NVRTC through FFM")
    class Nvrtc {
        @Test
        @DisplayName("a valid kernel compiles to PTX and a broken one fails with NVRTC's log")
        void compiles() {
            assumeTrue(NvrtcLibrary.find().isPresent(), "no libnvrtc.so.* is installed (searched "
                    + NvrtcLibrary.searchedWhere() + ")");
            CudaSourceCompiler.Compiled c = CudaSourceCompiler.compile("vadd", GOOD, 8, 0, CudaSourceCompiler.Tool.NVRTC);
            assertTrue(c.ptx().contains(".entry vadd("), c.ptx());
            assertTrue(c.compiler().startsWith("NVRTC "), c.compiler());
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> CudaSourceCompiler.compile("broken", BAD, 8, 0, CudaSourceCompiler.Tool.NVRTC));
            assertTrue(e.reason().startsWith("NVRTC could not compile the CUDA C source (NVRTC_ERROR_COMPILATION"),
                    e.reason());
            assertTrue(e.compilerLog().contains("undeclared_value"), e.compilerLog());
        }

        @Test
        @DisplayName("when NVRTC is absent and only NVRTC is allowed, the error names what to install")
        void absent() {
            assumeTrue(NvrtcLibrary.find().isEmpty(), "libnvrtc is installed here");
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> CudaSourceCompiler.compile("vadd", GOOD, 8, 0, CudaSourceCompiler.Tool.NVRTC));
            assertEquals("no CUDA C compiler is installed: NVRTC (libnvrtc.so.*) was not found in "
                    + NvrtcLibrary.searchedWhere() + "; install the CUDA toolkit (its NVRTC library is enough) to compile"
                    + " CUDA C source kernels — Java kernels need only the NVIDIA driver", e.reason());
        }
    }
}
