package org.jdotcompute.backend.opencl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jdotcompute.api.SystemProperties;
import org.lwjgl.opencl.CL;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.Library;

/**
 * Loads LWJGL's natives and the OpenCL ICD loader, once per JVM, on first use (never in a static
 * initialiser). Thread-safe.
 *
 * <p>The ICD loader's name is {@value SystemProperties#OPENCL_LIBRARY} if set, else
 * {@code libOpenCL.so.1} on Linux (the only name the runtime package installs) and LWJGL's
 * default elsewhere. It is handed to LWJGL through {@link Configuration#OPENCL_LIBRARY_NAME}
 * before the first OpenCL call, with {@link Configuration#OPENCL_EXPLICIT_INIT} so that a
 * failed load can be reported (and retried) instead of poisoning LWJGL's {@code CL} class.
 *
 * <p>Unless the user chose one ({@code org.lwjgl.system.memoryBackend}), LWJGL's memory backend is
 * set to {@code ffm}: on JDK 25 LWJGL otherwise picks a {@code sun.misc.Unsafe} backend on the
 * class path, which prints the JDK's "terminally deprecated method" warnings. These LWJGL settings
 * are JVM-wide and take effect only if no other code initialised LWJGL first.
 *
 * <p>Unless the user configured LWJGL's debug output ({@code org.lwjgl.util.Debug},
 * {@code org.lwjgl.util.DebugStream}), LWJGL's diagnostic lines — e.g. "Failed to load a
 * library" when no ICD loader is installed — go to the {@code System.Logger} named
 * {@code org.lwjgl} at {@code DEBUG} level rather than to {@code System.err}: the probe
 * reports the same fact as the backend's unavailability reason.
 */
final class ClLibrary {
    private static final Logger LOG = System.getLogger(ClLibrary.class.getName());
    private static final Object LOCK = new Object();
    private static String loadedName; // guarded by LOCK; null until loaded
    private static UnavailableException lastFailure; // guarded by LOCK
    private static String lastFailedName; // guarded by LOCK

    private ClLibrary() {
    }

    /** The ICD loader name to load: the system property, else the platform default ({@code ""}: LWJGL's default). */
    static String requestedName() {
        String property = System.getProperty(SystemProperties.OPENCL_LIBRARY);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? "libOpenCL.so.1" : "";
    }

    /**
     * Makes LWJGL's OpenCL bindings usable.
     *
     * @return the ICD loader's name as loaded ({@code "(LWJGL default)"} when none was named)
     * @throws UnavailableException naming what is missing and how to install it
     */
    static String load() throws UnavailableException {
        synchronized (LOCK) {
            if (loadedName != null) {
                return loadedName;
            }
            String name = requestedName();
            if (lastFailure != null && name.equals(lastFailedName)) {
                throw lastFailure;
            }
            try {
                loadedName = doLoad(name);
                lastFailure = null;
                return loadedName;
            } catch (UnavailableException e) {
                lastFailure = e;
                lastFailedName = name;
                throw e;
            }
        }
    }

    private static String doLoad(String name) throws UnavailableException {
        String shown = name.isEmpty() ? "(LWJGL default)" : name;
        try {
            routeLwjglDiagnostics();
            if (Configuration.MEMORY_BACKEND.get() == null) {
                Configuration.MEMORY_BACKEND.set("ffm");
            }
            Configuration.OPENCL_EXPLICIT_INIT.set(true);
            if (!name.isEmpty()) {
                Configuration.OPENCL_LIBRARY_NAME.set(name);
            }
            Library.initialize();
        } catch (LinkageError | RuntimeException e) {
            throw new UnavailableException("the LWJGL natives could not be loaded (" + e
                    + "); put lwjgl-3.4.3-natives-<platform>.jar (module org.lwjgl.natives) on the module path or class path"
                    + " and allow native access with --enable-native-access=org.lwjgl (ALL-UNNAMED on the class path)", e);
        }
        try {
            SignalGuard.beforeDriverInit();
            if (lwjglClCreated()) {
                LOG.log(Level.DEBUG, "LWJGL's OpenCL bindings were already created by other code; using them");
            } else {
                CL.create();
                SignalGuard.restoreIfReplaced("loading the OpenCL ICD loader");
            }
        } catch (UnsatisfiedLinkError e) {
            throw new UnavailableException("the OpenCL ICD loader " + shown + " was not found: install ocl-icd-libopencl1"
                    + " and a driver, e.g. apt-get install pocl-opencl-icd, or name the library with -D"
                    + SystemProperties.OPENCL_LIBRARY + "=/path/to/libOpenCL.so.1", e);
        } catch (LinkageError | RuntimeException e) {
            throw new UnavailableException("the OpenCL ICD loader " + shown + " could not be loaded: " + e, e);
        }
        LOG.log(Level.DEBUG, () -> "OpenCL ICD loader " + shown + " loaded through LWJGL");
        return shown;
    }

    /** Whether LWJGL's {@code CL} has its function provider (it throws {@link IllegalStateException} when it has none). */
    private static boolean lwjglClCreated() {
        try {
            return CL.getFunctionProvider() != null;
        } catch (IllegalStateException notLoaded) {
            return false;
        }
    }

    private static void routeLwjglDiagnostics() {
        boolean userWantsThem = Boolean.getBoolean("org.lwjgl.util.Debug") || Boolean.getBoolean("org.lwjgl.util.DebugLoader");
        if (!userWantsThem && Configuration.DEBUG_STREAM.get() == null) {
            Configuration.DEBUG_STREAM.set(new PrintStream(new LoggerLines(System.getLogger("org.lwjgl")), true,
                    StandardCharsets.UTF_8));
        }
    }

    /** An output stream that logs each line at DEBUG level. Thread-safe. */
    private static final class LoggerLines extends OutputStream {
        private final Logger logger;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LoggerLines(Logger logger) {
            this.logger = logger;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                logger.log(Level.DEBUG, text);
            } else {
                line.write(b);
            }
        }
    }
}
