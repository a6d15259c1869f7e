package org.jdotcompute.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jdotcompute.api.SystemProperties;

/**
 * Loads JCuda's JNI libraries in a way that works on the module path, once per process.
 *
 * <p><b>Why.</b> JCuda's classes load their JNI library in their static initialisers through
 * {@code jcuda.LibUtils}, which first tries {@code System.loadLibrary(name)} (the
 * {@code java.library.path}) and then reads {@code /lib/<file>} with
 * {@code LibUtils.class.getResourceAsStream}, writes it to {@code ${java.io.tmpdir}/<file>}
 * <em>unless that file already exists</em>, and {@code System.load}s it. On the module path the
 * resource lookup only searches the {@code jcuda} module, not {@code jcuda.natives}, so the
 * static initialiser fails and the class is unusable for the life of the JVM (JCuda issue
 * jcuda-main#40). JCuda 12.6.0 has no switch to turn its loading off.
 *
 * <p><b>How.</b> For each library this class (1) copies {@code lib/<file>} out of the
 * {@code jcuda.natives} module (which is readable: {@code lib} is not a package) into a private
 * directory — {@link SystemProperties#NATIVE_DIRECTORY} if set (kept, reused when its content
 * matches), else a fresh owner-only temporary directory (deleted once loaded); (2) loads it with
 * {@code System.load} from this class, which must share JCuda's class loader (checked: a JNI
 * library belongs to one class loader); (3) initialises the JCuda class while
 * {@code java.io.tmpdir} names that private directory, so {@code LibUtils} finds the library file
 * already there and its {@code System.load} of the same path is a no-op: JCuda neither reads its
 * resources nor writes anything. The property is restored at once; JDK code does not see the
 * change ({@code File.createTempFile} and {@code Files.createTempFile} read the directory once at
 * startup), only third-party code reading the property during those microseconds could. All of it
 * happens under one lock, outside constructors and static initialisers, and the outcome (success
 * or the failure) is remembered: a JNI library and a failed class initialisation are process-wide.
 *
 * <p>Thread-safe.
 */
final class JCudaNatives {
    /** A JCuda JNI library this backend uses. */
    enum Library {
        /** The driver API ({@code jcuda.driver.JCudaDriver}); needs {@code libcuda.so.1}. */
        DRIVER("JCudaDriver", "jcuda.driver.JCudaDriver"),
        /** The statically linked PTX compiler ({@code jcuda.nvptxcompiler.JNvPTXCompiler}); needs no driver. */
        PTX_COMPILER("JNvPTXCompiler", "jcuda.nvptxcompiler.JNvPTXCompiler");

        private final String baseName;
        private final String className;

        Library(String baseName, String className) {
            this.baseName = baseName;
            this.className = className;
        }

        /** The library's file name in the natives jar, e.g. {@code libJCudaDriver-12.6.0-linux-x86_64.so}. */
        String fileName() {
            return "lib" + baseName + "-" + JCUDA_VERSION + "-linux-x86_64.so";
        }

        /** The JCuda class whose static initialiser loads the library. */
        String className() {
            return className;
        }
    }

    /** The JCuda release whose natives this module ships with (the natives jar's file names carry it). */
    static final String JCUDA_VERSION = "12.6.0";

    private static final System.Logger LOG = System.getLogger(JCudaNatives.class.getName());
    private static final Object LOCK = new Object();
    /** Per library: empty once loaded, or the failure. Process-wide by nature (see the class comment). */
    private static final Map<Library, Optional<Throwable>> OUTCOMES = new EnumMap<>(Library.class);

    private JCudaNatives() {
    }

    /**
     * Loads {@code library} and initialises its JCuda class, once per process.
     *
     * @throws NativeLoadException why it could not be loaded (the same failure on every call)
     */
    static void load(Library library) {
        synchronized (LOCK) {
            Optional<Throwable> outcome = OUTCOMES.get(library);
            if (outcome == null) {
                outcome = attempt(library);
                OUTCOMES.put(library, outcome);
            }
            if (outcome.isPresent()) {
                Throwable t = outcome.get();
                throw new NativeLoadException("JCuda's native library " + library.fileName()
                        + " could not be loaded: " + t.getMessage(), t);
            }
        }
    }

    /** Whether this platform has JCuda natives in this build (Linux x86-64 only). */
    static Optional<String> unsupportedPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        return Optional.of("the CUDA backend ships JCuda " + JCUDA_VERSION + " natives for linux-x86_64 only; this is "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
    }

    private static Optional<Throwable> attempt(Library library) {
        try {
            Optional<String> unsupported = unsupportedPlatform();
            if (unsupported.isPresent()) {
                return Optional.of(new UnsupportedOperationException(unsupported.get()));
            }
            Class<?> libUtils = Class.forName("jcuda.LibUtils", false, JCudaNatives.class.getClassLoader());
            String configured = System.getProperty(SystemProperties.NATIVE_DIRECTORY, "");
            boolean privateTemp = configured.isBlank();
            Path dir = privateTemp ? Files.createTempDirectory("jdotcompute-cuda-natives-")
                    : Files.createDirectories(Path.of(configured));
            Path file = dir.resolve(library.fileName());
            try {
                extract(library, file);
                systemLoadForJCuda(libUtils, file);
                initialiseWithTmpdir(library, dir, libUtils.getClassLoader());
                LOG.log(System.Logger.Level.DEBUG, () -> "loaded " + file + " for " + library.className());
            } finally {
                if (privateTemp) {
                    // Linux keeps a loaded library mapped after its file is gone.
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                }
            }
            return Optional.empty();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) { // I/O, reflection, UnsatisfiedLinkError, a failed JCuda initialiser: remembered
            return Optional.of(t);
        }
    }

    /** Copies the library out of {@code jcuda.natives}, keeping an identical existing file. */
    private static void extract(Library library, Path file) throws IOException {
        byte[] content = readResource(library);
        if (Files.isRegularFile(file) && Files.size(file) == content.length
                && sha256(Files.readAllBytes(file)).equals(sha256(content))) {
            return;
        }
        Path partial = Files.createTempFile(file.getParent(), library.baseName, ".part");
        try {
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static byte[] readResource(Library library) throws IOException {
        String name = "lib/" + library.fileName();
        Module natives = JCudaNatives.class.getModule().getLayer() == null ? null
                : JCudaNatives.class.getModule().getLayer().findModule("jcuda.natives").orElse(null);
        try (InputStream in = natives != null ? natives.getResourceAsStream(name)
                : JCudaNatives.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " was not found in " + (natives != null ? "module jcuda.natives"
                        : "the class path") + "; put jcuda-natives-" + JCUDA_VERSION
                        + "-linux-x86_64.jar next to jcuda-" + JCUDA_VERSION + ".jar");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * {@code System.load(file)} from this class. A JNI library belongs to the class loader of the
     * caller of {@code System.load}, and JCuda's native methods link only against libraries of
     * their own class loader, so this backend and JCuda must share one (they do on the module path,
     * the class path, and in the parent layer where JNI bindings stay, see the brief).
     */
    @SuppressWarnings("restricted") // loading a JNI library is the point
    private static void systemLoadForJCuda(Class<?> libUtils, Path file) {
        if (libUtils.getClassLoader() != JCudaNatives.class.getClassLoader()) {
            throw new IllegalStateException("JCuda (" + libUtils.getClassLoader() + ") and the CUDA backend ("
                    + JCudaNatives.class.getClassLoader() + ") are in different class loaders, so a JNI library loaded"
                    + " for one is invisible to the other; put jcuda, jcuda-natives and the CUDA backend in the same"
                    + " module layer (the parent layer)");
        }
        System.load(file.toAbsolutePath().toString());
    }

    private static void initialiseWithTmpdir(Library library, Path dir, ClassLoader jcudaLoader)
            throws ClassNotFoundException {
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toAbsolutePath().toString());
        try {
            Class.forName(library.className(), true, jcudaLoader);
        } catch (ExceptionInInitializerError e) {
            throw new IllegalStateException("JCuda's " + library.className() + " failed to initialise: " + e.getCause(),
                    e.getCause() == null ? e : e.getCause());
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    /** A JCuda native library could not be loaded. */
    static final class NativeLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NativeLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
