package org.jdotcompute.backend.cuda.nvrtc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jdotcompute.api.exceptions.KernelCompilationException;

/**
 * Compiles CUDA C source kernels to PTX: with NVRTC (through FFM, see {@link NvrtcLibrary}) when a
 * toolkit's {@code libnvrtc} is installed, else with {@code nvcc --ptx} when {@code nvcc} is on
 * the {@code PATH} (or in {@code $CUDA_HOME/bin}, {@code /usr/local/cuda/bin}), else it fails with
 * a {@link KernelCompilationException} naming what to install. A compile error is a
 * {@link KernelCompilationException} whose {@link KernelCompilationException#compilerLog()} holds the
 * compiler's complete log. The kernel must be {@code extern "C"} so its entry keeps its name.
 *
 * <p>Thread-safe.
 */
public final class CudaSourceCompiler {
    private static final String BACKEND = "CUDA";
    private static final long NVCC_TIMEOUT_SECONDS = 300;

    /** Which compiler to use. */
    public enum Tool {
        /** NVRTC if present, else nvcc. */ ANY,
        /** NVRTC only. */ NVRTC,
        /** nvcc only. */ NVCC
    }

    /**
     * Compiled PTX.
     *
     * @param ptx      the PTX
     * @param log      the compiler's log (warnings; may be empty)
     * @param compiler which compiler made it, e.g. {@code NVRTC 12.6 (/usr/local/cuda/lib64/libnvrtc.so.12)}
     */
    public record Compiled(String ptx, String log, String compiler) {
    }

    private CudaSourceCompiler() {
    }

    /** Whether any CUDA C compiler is installed. */
    public static boolean available() {
        return NvrtcLibrary.find().isPresent() || nvcc().isPresent();
    }

    /** {@code nvcc}, if installed. */
    public static Optional<Path> nvcc() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, "bin"));
        }
        dirs.add(Path.of("/usr/local/cuda/bin"));
        return dirs.stream().map(d -> d.resolve("nvcc")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Compiles {@code source} for the virtual architecture {@code compute_<major><minor>}.
     *
     * @param kernelName the kernel's name, for messages (the entry point)
     * @param source     the CUDA C source
     * @param ccMajor    compute capability, major
     * @param ccMinor    compute capability, minor
     * @param tool       which compiler to use
     * @throws KernelCompilationException if no compiler is installed, the source does not compile
     *                                    (the log is in {@code compilerLog()}), or the PTX has no
     *                                    {@code .entry} named {@code kernelName}
     */
    public static Compiled compile(String kernelName, String source, int ccMajor, int ccMinor, Tool tool) {
        String arch = "compute_" + ccMajor + ccMinor;
        Optional<NvrtcLibrary> nvrtc = tool == Tool.NVCC ? Optional.empty() : NvrtcLibrary.find();
        Compiled c;
        if (nvrtc.isPresent()) {
            c = withNvrtc(nvrtc.get(), kernelName, source, arch);
        } else {
            Optional<Path> nvcc = tool == Tool.NVRTC ? Optional.empty() : nvcc();
            if (nvcc.isEmpty()) {
                throw new KernelCompilationException(kernelName, "no CUDA C compiler is installed: "
                        + (tool == Tool.NVCC ? "" : "NVRTC (libnvrtc.so.*) was not found in " + NvrtcLibrary.searchedWhere())
                        + (tool == Tool.ANY ? ", and " : "")
                        + (tool == Tool.NVRTC ? "" : "nvcc is not on the PATH, in $CUDA_HOME/bin or /usr/local/cuda/bin")
                        + "; install the CUDA toolkit (its NVRTC library is enough) to compile CUDA C source kernels —"
                        + " Java kernels need only the NVIDIA driver", BACKEND, "", null);
            }
            c = withNvcc(nvcc.get(), kernelName, source, arch);
        }
        Pattern entry = Pattern.compile("\\.entry\\s+" + Pattern.quote(kernelName) + "\\s*\\(");
        if (!entry.matcher(c.ptx()).find()) {
            throw new KernelCompilationException(kernelName, "the compiled PTX has no kernel entry named '" + kernelName
                    + "'; declare it extern \"C\" __global__ void " + kernelName + "(...) so its name is not mangled",
                    BACKEND, c.log() + "\n--- PTX (" + c.compiler() + ") ---\n" + c.ptx(), null);
        }
        return c;
    }

    private static Compiled withNvrtc(NvrtcLibrary nvrtc, String kernelName, String source, String arch) {
        NvrtcLibrary.Result r = nvrtc.compile(kernelName + ".cu", source, List.of("--gpu-architecture=" + arch,
                "--std=c++17"));
        String who = "NVRTC " + nvrtc.version() + " (" + nvrtc.location() + ")";
        if (!r.success()) {
            throw new KernelCompilationException(kernelName, "NVRTC could not compile the CUDA C source (" + r.error() + "): "
                    + firstLine(r.log()), BACKEND, r.log(), null);
        }
        return new Compiled(r.ptx(), r.log(), who);
    }

    private static Compiled withNvcc(Path nvcc, String kernelName, String source, String arch) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jdotcompute-nvcc-");
            Path cu = dir.resolve("kernel.cu");
            Path ptx = dir.resolve("kernel.ptx");
            Files.writeString(cu, source, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(nvcc.toString(), "--ptx", "-arch=" + arch, "-o", ptx.toString(), cu.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(NVCC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KernelCompilationException(kernelName, "nvcc did not finish within " + NVCC_TIMEOUT_SECONDS
                        + " s", BACKEND, log, null);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(ptx)) {
                throw new KernelCompilationException(kernelName, "nvcc could not compile the CUDA C source (exit code "
                        + p.exitValue() + "): " + firstLine(log), BACKEND, log, null);
            }
            return new Compiled(Files.readString(ptx, StandardCharsets.UTF_8), log, "nvcc (" + nvcc + ")");
        } catch (IOException e) {
            throw new KernelCompilationException(kernelName, "running nvcc (" + nvcc + ") failed: " + e.getMessage(),
                    BACKEND, "", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelCompilationException(kernelName, "interrupted while nvcc was compiling", BACKEND, "", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.getLogger(CudaSourceCompiler.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not delete the nvcc scratch directory " + dir, e);
        }
    }

    private static String firstLine(String log) {
        for (String line : log.lines().toList()) {
            if (line.contains("error")) {
                return line.strip();
            }
        }
        return log.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip).orElse("(no log)");
    }
}
