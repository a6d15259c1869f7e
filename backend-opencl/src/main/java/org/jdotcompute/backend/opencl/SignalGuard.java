package org.jdotcompute.backend.opencl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Keeps the JVM's signal handlers in place while OpenCL drivers run in this process.
 *
 * <p>HotSpot relies on its own handlers: {@code SIGSEGV}/{@code SIGBUS} for implicit null checks
 * and safepoint polls, {@code SIGFPE} for integer division by zero in compiled code, and others.
 * OpenCL drivers replace some of them: PoCL installs a {@code SIGFPE} handler that skips the
 * faulting instruction (so {@code x / 0} in hot Java code anywhere in the JVM silently yields
 * garbage instead of {@code ArithmeticException}), and the LLVM inside PoCL's compiler installs
 * crash handlers for {@code SIGSEGV}, {@code SIGBUS}, {@code SIGILL}, {@code SIGFPE} and more when
 * it builds a program. So, before the first OpenCL call, this class sets
 * {@code POCL_SIGFPE_HANDLER=0} (unless the user set it) and records the JVM's handler of every
 * catchable signal; after each call that can initialise a driver or its compiler it puts back
 * every handler a driver replaced, and logs once which ones and during which call. Kernels
 * JDotCompute generates never trap on the device (integer division is guarded), so nothing needs
 * a driver's handler; a raw {@code compileSource} kernel that faults (e.g. divides by zero) takes
 * the JVM down with a crash report instead of producing garbage.
 *
 * <p>Linux only (elsewhere it does nothing: the {@code struct sigaction} layout and signal
 * numbers differ). Thread-safe.
 */
final class SignalGuard {
    private static final Logger LOG = System.getLogger(SignalGuard.class.getName());
    /** Linux signal numbers 1..31, except SIGKILL (9) and SIGSTOP (19), which cannot be caught. */
    private static final int[] SIGNALS = java.util.stream.IntStream.rangeClosed(1, 31)
            .filter(s -> s != 9 && s != 19).toArray();
    private static final String[] NAMES = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
    /** Larger than {@code struct sigaction} (152 bytes on glibc x86-64 and aarch64). */
    private static final long SIGACTION_BYTES = 256;
    private static final boolean SUPPORTED = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .contains("linux");
    private static final Object LOCK = new Object();
    private static MemorySegment jvmActions; // guarded by LOCK; the JVM's struct sigaction per signal, once saved
    private static final java.util.Set<String> reported = new java.util.HashSet<>(); // guarded by LOCK

    private SignalGuard() {
    }

    @SuppressWarnings("restricted") // libc sigaction/setenv; the module is granted native access by every launcher
    private static final class Libc {
        static final MethodHandle SIGACTION;
        static final MethodHandle SETENV;

        static {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            SIGACTION = linker.downcallHandle(libc.find("sigaction").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS));
            SETENV = linker.downcallHandle(libc.find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT));
        }
    }

    private static MemorySegment slot(MemorySegment all, int index) {
        return all.asSlice(index * SIGACTION_BYTES, SIGACTION_BYTES);
    }

    /**
     * Before the first OpenCL call: asks PoCL not to install its {@code SIGFPE} handler and records
     * the JVM's handlers. Failures are logged, never thrown: OpenCL still works.
     */
    static void beforeDriverInit() {
        if (!SUPPORTED) {
            return;
        }
        synchronized (LOCK) {
            if (jvmActions != null) {
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                if (System.getenv("POCL_SIGFPE_HANDLER") == null) {
                    int rc = (int) Libc.SETENV.invokeExact(arena.allocateFrom("POCL_SIGFPE_HANDLER"),
                            arena.allocateFrom("0"), 0);
                    if (rc != 0) {
                        LOG.log(Level.WARNING, "could not set POCL_SIGFPE_HANDLER=0 (setenv returned " + rc + ")");
                    }
                }
                MemorySegment saved = Arena.global().allocate(SIGACTION_BYTES * SIGNALS.length, 16);
                for (int i = 0; i < SIGNALS.length; i++) {
                    int rc = (int) Libc.SIGACTION.invokeExact(SIGNALS[i], MemorySegment.NULL, slot(saved, i));
                    if (rc != 0) {
                        LOG.log(Level.WARNING, "could not read the JVM's " + NAMES[SIGNALS[i]] + " handler (sigaction"
                                + " returned " + rc + "); OpenCL drivers may replace the JVM's signal handlers");
                        return;
                    }
                }
                jvmActions = saved;
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "could not guard the JVM's signal handlers against OpenCL drivers; integer"
                        + " division by zero in Java code may not throw after an OpenCL driver is loaded", t);
            }
        }
    }

    /**
     * After a call that can initialise a driver or its compiler: puts back every JVM signal
     * handler a driver replaced.
     *
     * @param call the OpenCL call just made, for the log
     * @return the names of the signals whose handlers were restored (empty if none)
     */
    static java.util.List<String> restoreIfReplaced(String call) {
        if (!SUPPORTED) {
            return java.util.List.of();
        }
        synchronized (LOCK) {
            if (jvmActions == null) {
                return java.util.List.of();
            }
            java.util.List<String> restored = new java.util.ArrayList<>();
            java.util.List<String> failed = new java.util.ArrayList<>();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment now = arena.allocate(SIGACTION_BYTES, 16);
                for (int i = 0; i < SIGNALS.length; i++) {
                    MemorySegment jvm = slot(jvmActions, i);
                    if ((int) Libc.SIGACTION.invokeExact(SIGNALS[i], MemorySegment.NULL, now) != 0
                            || now.get(ValueLayout.JAVA_LONG, 0) == jvm.get(ValueLayout.JAVA_LONG, 0)) {
                        continue;
                    }
                    int rc = (int) Libc.SIGACTION.invokeExact(SIGNALS[i], jvm, MemorySegment.NULL);
                    (rc == 0 ? restored : failed).add(NAMES[SIGNALS[i]]);
                }
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "could not check the JVM's signal handlers after " + call, t);
                return java.util.List.of();
            }
            if (!failed.isEmpty()) {
                LOG.log(Level.ERROR, "the OpenCL driver replaced the JVM's handlers of " + failed + " during " + call
                        + " and they could not be restored: the JVM may misbehave (e.g. integer division by zero"
                        + " in Java code may not throw)");
            }
            if (!restored.isEmpty() && reported.add(call + restored)) {
                LOG.log(Level.DEBUG, () -> "the OpenCL driver replaced the JVM's handlers of " + restored + " during "
                        + call + "; restored them (the JVM needs them: SIGSEGV for null checks and safepoints,"
                        + " SIGFPE for division by zero)");
            }
            return java.util.List.copyOf(restored);
        }
    }
}
