package org.jdotcompute.backend.cuda.ptx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;

import org.jdotcompute.backend.cuda.JCudaNativesAccess;

/**
 * Assembles PTX to SASS without a GPU: with JCuda's statically linked PTX compiler
 * ({@code nvPTXCompiler} from CUDA 12.6, natives loaded by the backend's own loader) and, where
 * installed, the toolkit's {@code ptxas}.
 */
final class PtxAssembler {
    /**
     * An assembly result.
     *
     * @param ok  whether it assembled
     * @param log the assembler's error (or info) log
     */
    record Result(boolean ok, String log) {
    }

    private PtxAssembler() {
    }

    /** Assembles with nvPTXCompiler for {@code gpu} (e.g. {@code sm_80}). */
    static Result nvPtxCompiler(String ptx, String gpu) {
        JCudaNativesAccess.loadPtxCompiler();
        nvPTXCompilerHandle handle = new nvPTXCompilerHandle();
        byte[] bytes = ptx.getBytes(StandardCharsets.US_ASCII);
        int rc = JNvPTXCompiler.nvPTXCompilerCreate(handle, bytes.length, bytes);
        if (rc != 0) {
            return new Result(false, "nvPTXCompilerCreate returned " + rc);
        }
        try {
            int compiled = JNvPTXCompiler.nvPTXCompilerCompile(handle, 2, new String[] {"--gpu-name=" + gpu, "--verbose"});
            String errors = log(handle, true);
            if (compiled != 0) {
                return new Result(false, "nvPTXCompilerCompile returned " + compiled + ":\n" + errors);
            }
            long[] size = new long[1];
            JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(handle, size);
            if (size[0] <= 0) {
                return new Result(false, "nvPTXCompiler produced an empty program");
            }
            return new Result(true, log(handle, false));
        } finally {
            JNvPTXCompiler.nvPTXCompilerDestroy(handle);
        }
    }

    private static String log(nvPTXCompilerHandle handle, boolean error) {
        long[] size = new long[1];
        if (error) {
            JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(handle, size);
        } else {
            JNvPTXCompiler.nvPTXCompilerGetInfoLogSize(handle, size);
        }
        if (size[0] <= 1) {
            return "";
        }
        byte[] log = new byte[(int) size[0]];
        if (error) {
            JNvPTXCompiler.nvPTXCompilerGetErrorLog(handle, log);
        } else {
            JNvPTXCompiler.nvPTXCompilerGetInfoLog(handle, log);
        }
        return new String(log, 0, log.length - 1, StandardCharsets.US_ASCII);
    }

    /** The toolkit's ptxas, if installed. */
    static Optional<Path> ptxas() {
        Path p = Path.of("/usr/local/cuda/bin/ptxas");
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Assembles with {@code ptxas -arch=gpu}. */
    static Result ptxas(Path ptxas, String ptx, String gpu) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ptxas-test-");
        Path in = dir.resolve("k.ptx");
        Path out = dir.resolve("k.cubin");
        try {
            Files.writeString(in, ptx, StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder(ptxas.toString(), "-arch=" + gpu, "-o", out.toString(), in.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(false, "ptxas timed out");
            }
            return new Result(p.exitValue() == 0 && Files.size(out) > 0, log);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
        }
    }
}
