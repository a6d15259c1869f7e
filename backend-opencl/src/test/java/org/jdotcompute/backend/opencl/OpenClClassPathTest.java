package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.spi.BackendProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend from the class path, and its probe in fresh JVMs where OpenCL is missing. */
@DisplayName("The OpenCL backend on the class path")
class OpenClClassPathTest {

    @Test
    @DisplayName("runs these tests on the class path")
    void onClassPath() {
        assertFalse(getClass().getModule().isNamed());
    }

    @Test
    @DisplayName("is found through META-INF/services")
    void serviceFile() {
        List<String> found = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.type().getName()).toList();
        assertTrue(found.contains(OpenClBackendProvider.class.getName()), found.toString());
    }

    @Test
    @DisplayName("runs a kernel with LWJGL's natives from the class path")
    void runsKernel() {
        OpenClTestSupport.assumeOpenCl();
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("opencl").build()) {
            CompiledKernel k = rt.compileSource(SourceKernel.of("twice",
                    "__kernel void twice(__global int* a) { a[get_global_id(0)] *= 2; }", int[].class));
            int[] a = {1, 2, 3};
            rt.launch(k, Range.of(3), (Object) a);
            assertArrayEquals(new int[] {2, 4, 6}, a);
        }
    }

    @Nested
    @DisplayName("in a fresh JVM, probing")
    class FreshJvm {
        record Result(List<String> lines, String stderr) {
        }

        Result probe(Map<String, String> env, String... libraries) throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName()));
            command.addAll(List.of(libraries));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
            String stderr = new String(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), stderr);
            return new Result(new String(out, StandardCharsets.UTF_8).lines().toList(), stderr);
        }

        @Test
        @DisplayName("names the missing ICD loader and how to install one, quietly, and can retry with another")
        void missingLibrary() throws Exception {
            OpenClTestSupport.assumeOpenCl();
            Result r = probe(Map.of(), "libNoSuchOpenCL.so.1", "-");
            assertEquals("unavailable the OpenCL ICD loader libNoSuchOpenCL.so.1 was not found: install ocl-icd-libopencl1"
                    + " and a driver, e.g. apt-get install pocl-opencl-icd, or name the library with"
                    + " -Djdotcompute.opencl.library=/path/to/libOpenCL.so.1", r.lines().get(0));
            assertTrue(r.lines().get(1).startsWith("available "), r.lines().get(1));
            assertFalse(r.stderr().contains("[LWJGL]"), "LWJGL's diagnostics go to System.Logger: " + r.stderr());
        }

        @Test
        @DisplayName("says no platform is installed when the ICD loader finds no driver")
        void noPlatform(@TempDir Path emptyVendors) throws Exception {
            OpenClTestSupport.assumeOpenCl();
            assertTrue(Files.isDirectory(emptyVendors));
            Result r = probe(Map.of("OCL_ICD_VENDORS", emptyVendors.toString()), "-");
            assertEquals("unavailable no OpenCL platform is installed: the ICD loader libOpenCL.so.1 found no driver (none"
                    + " is registered in /etc/OpenCL/vendors); install one, e.g. apt-get install pocl-opencl-icd for the CPU,"
                    + " or your GPU vendor's OpenCL driver", r.lines().get(0));
        }
    }
}
