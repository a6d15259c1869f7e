package org.jdotcompute.backend.cuda.nvrtc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * NVRTC (the CUDA runtime compiler) called through FFM — no JNI, any major version: the first
 * {@code libnvrtc.so.<major>} found in {@code $CUDA_HOME/lib64}, {@code $CUDA_PATH/lib64},
 * {@code /usr/local/cuda/lib64}, {@code /usr/local/cuda/targets/x86_64-linux/lib} or
 * {@code /usr/lib/x86_64-linux-gnu} (highest major first), else by soname through the dynamic
 * loader ({@code libnvrtc.so.13}, {@code .12}, {@code .11.2}, {@code libnvrtc.so}). The library
 * stays loaded for the life of the process.
 *
 * <p>Thread-safe: NVRTC programs are independent.
 */
@SuppressWarnings("restricted") // FFM: loading libnvrtc and binding its C functions is what this class is for
public final class NvrtcLibrary {
    private static final Object LOCK = new Object();
    private static Optional<NvrtcLibrary> found;
    private static String searchedWhere = "";

    private final String location;
    private final MethodHandle version;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle getProgramLogSize;
    private final MethodHandle getProgramLog;
    private final MethodHandle getPtxSize;
    private final MethodHandle getPtx;
    private final MethodHandle destroyProgram;
    private final MethodHandle getErrorString;

    private NvrtcLibrary(String location, SymbolLookup lookup) {
        this.location = location;
        Linker linker = Linker.nativeLinker();
        version = handle(linker, lookup, "nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        createProgram = handle(linker, lookup, "nvrtcCreateProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        compileProgram = handle(linker, lookup, "nvrtcCompileProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        getProgramLogSize = handle(linker, lookup, "nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProgramLog = handle(linker, lookup, "nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getPtxSize = handle(linker, lookup, "nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getPtx = handle(linker, lookup, "nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        destroyProgram = handle(linker, lookup, "nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorString = handle(linker, lookup, "nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "the NVRTC library has no symbol " + name + "; is it really libnvrtc?"));
        return linker.downcallHandle(symbol, fd);
    }

    /** The NVRTC library, if one is installed; searched once per process. */
    public static Optional<NvrtcLibrary> find() {
        synchronized (LOCK) {
            if (found == null) {
                found = search();
            }
            return found;
        }
    }

    /** Where {@link #find()} looked, for messages. */
    public static String searchedWhere() {
        synchronized (LOCK) {
            find();
            return searchedWhere;
        }
    }

    private static Optional<NvrtcLibrary> search() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String env : List.of("CUDA_HOME", "CUDA_PATH")) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                dirs.add(Path.of(v, "lib64"));
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
        dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
        List<String> candidates = new ArrayList<>();
        for (Path dir : dirs) {
            candidates.addAll(versionedIn(dir));
        }
        candidates.addAll(List.of("libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"));
        searchedWhere = String.join(", ", dirs.stream().map(Path::toString).toList())
                + " and the dynamic loader's path (libnvrtc.so.13, .12, .11.2, libnvrtc.so)";
        for (String c : candidates) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(c, Arena.global());
                return Optional.of(new NvrtcLibrary(c, lookup));
            } catch (IllegalArgumentException | IllegalStateException e) {
                // not this one: try the next candidate (every candidate failing is reported by the caller)
                continue;
            }
        }
        return Optional.empty();
    }

    /** {@code libnvrtc.so.<major>[.x]} files in {@code dir}, highest version first (no builtins library). */
    private static List<String> versionedIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("libnvrtc\\.so\\.\\d+(\\.\\d+)*"))
                    .sorted(Comparator.comparing(NvrtcLibrary::versionKey).reversed())
                    .map(n -> dir.resolve(n).toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String versionKey(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.substring("libnvrtc.so.".length()).split("\\.")) {
            sb.append(String.format("%08d", Long.parseLong(part)));
        }
        return sb.toString();
    }

    /** Where the library was loaded from. */
    public String location() {
        return location;
    }

    /** NVRTC's version, e.g. {@code 12.6}. */
    public String version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT);
            MemorySegment minor = arena.allocate(JAVA_INT);
            int rc = (int) version.invokeExact(major, minor);
            return rc == 0 ? major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0) : "unknown (nvrtcVersion " + rc + ")";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The result of one compilation.
     *
     * @param success whether NVRTC compiled the program
     * @param ptx     the PTX ({@code ""} on failure)
     * @param log     NVRTC's complete program log
     * @param error   NVRTC's error string ({@code ""} on success)
     */
    public record Result(boolean success, String ptx, String log, String error) {
    }

    /** Compiles {@code source} (named {@code name} in messages) with {@code options}. */
    public Result compile(String name, String source, List<String> options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment programOut = arena.allocate(ADDRESS);
            int rc = (int) createProgram.invokeExact(programOut, arena.allocateFrom(source), arena.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL);
            if (rc != 0) {
                return new Result(false, "", "", "nvrtcCreateProgram: " + errorString(rc));
            }
            MemorySegment program = programOut.get(ADDRESS, 0);
            try {
                MemorySegment opts = arena.allocate(ADDRESS, Math.max(1, options.size()));
                for (int i = 0; i < options.size(); i++) {
                    opts.setAtIndex(ADDRESS, i, arena.allocateFrom(options.get(i)));
                }
                int compiled = (int) compileProgram.invokeExact(program, options.size(), opts);
                String log = read(arena, program, getProgramLogSize, getProgramLog);
                if (compiled != 0) {
                    return new Result(false, "", log, errorString(compiled));
                }
                return new Result(true, read(arena, program, getPtxSize, getPtx), log, "");
            } finally {
                int destroyed = (int) destroyProgram.invokeExact(programOut);
                if (destroyed != 0) {
                    throw new IllegalStateException("nvrtcDestroyProgram failed: " + errorString(destroyed));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private String read(Arena arena, MemorySegment program, MethodHandle size, MethodHandle get) throws Throwable {
        MemorySegment n = arena.allocate(JAVA_LONG);
        int rc = (int) size.invokeExact(program, n);
        if (rc != 0) {
            throw new IllegalStateException("NVRTC could not report a size: " + errorString(rc));
        }
        long bytes = n.get(JAVA_LONG, 0);
        if (bytes <= 1) {
            return "";
        }
        MemorySegment buffer = arena.allocate(bytes);
        rc = (int) get.invokeExact(program, buffer);
        if (rc != 0) {
            throw new IllegalStateException("NVRTC could not copy its output: " + errorString(rc));
        }
        return buffer.getString(0);
    }

    private String errorString(int code) {
        try {
            MemorySegment s = (MemorySegment) getErrorString.invokeExact(code);
            return s.equals(MemorySegment.NULL) ? "NVRTC error " + code : s.reinterpret(4096).getString(0) + " (" + code + ")";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("calling NVRTC failed: " + t, t);
    }

    @Override
    public String toString() {
        return "NVRTC " + location;
    }
}
