package org.jdotcompute.api.exceptions;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A kernel failed on the device: a work-item threw a Java exception (an array index out of
 * bounds, a division by zero, a user {@code throw}). Its cause is the reconstructed Java
 * exception — the class and message the JVM itself produces for the same fault (e.g.
 * {@code ArrayIndexOutOfBoundsException: Index 10 out of bounds for length 10}) — carrying a
 * stack frame at the kernel's source line. Its {@link #reason()} is
 * {@code {ExceptionSimpleName}: {cause message} in kernel '{kernel}' at {File.java}:{line} (global id ({x}, {y}, {z}); {n} failing work-item(s))}
 * (without {@code ": {cause message}"} when the cause has no message), so the message is
 * {@code [{backend}] Execution failed: {reason}}.
 *
 * <p>When raised: by every backend, the CPU one included, when a launch's kernel threw — always
 * this exact shape, so {@code catch (DeviceKernelException e)} and
 * {@code e.getCause() instanceof ArrayIndexOutOfBoundsException} work the same everywhere.
 * Backends build it with {@link #fromJavaException} (a real exception caught on the host) or
 * {@link #fromDevice} (a decoded device error record). When several work-items failed, the one
 * reported is the backend's choice; {@link #failureCount()} says how many failed.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class DeviceKernelException extends BackendExecutionException {
    private static final long serialVersionUID = 1L;
    private final String kernelName;
    private final String sourceFile;
    private final int sourceLine;
    private final int[] globalId;
    private final long failureCount;

    /**
     * @param backend      the backend's display name
     * @param kernelName   the kernel, {@code SimpleClassName.method}
     * @param sourceFile   the failing code's source file
     * @param sourceLine   the failing code's line ({@code -1} if unknown)
     * @param globalId     the reported work-item's global id, up to three coordinates (missing ones are 0)
     * @param failureCount how many work-items failed
     * @param cause        the Java exception (required)
     * @throws NullPointerException     if a reference argument is null
     * @throws IllegalArgumentException if {@code globalId} has more than three coordinates
     */
    public DeviceKernelException(String backend, String kernelName, String sourceFile, int sourceLine, int[] globalId,
            long failureCount, Throwable cause) {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(sourceFile, "sourceFile");
        Objects.requireNonNull(cause, "cause");
        super(backend, reason(kernelName, sourceFile, sourceLine, pad(globalId), failureCount, cause), cause);
        this.kernelName = kernelName;
        this.sourceFile = sourceFile;
        this.sourceLine = sourceLine;
        this.globalId = pad(globalId);
        this.failureCount = failureCount;
    }

    private static int[] pad(int[] id) {
        Objects.requireNonNull(id, "globalId");
        if (id.length > 3) {
            throw new IllegalArgumentException("a global id has at most 3 coordinates, got " + Arrays.toString(id));
        }
        return Arrays.copyOf(id, 3);
    }

    private static String reason(String kernel, String file, int line, int[] id, long count, Throwable cause) {
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return (name.isEmpty() ? cause.getClass().getName() : name) + (message == null ? "" : ": " + message) + " in kernel '" + kernel
                + "' at " + file + ":" + line + " (global id (" + id[0] + ", " + id[1] + ", " + id[2] + "); "
                + count + " failing work-item(s))";
    }

    /** The kernel's name, {@code SimpleClassName.method}. */
    public String kernelName() {
        return kernelName;
    }

    /** The source file of the failing code. */
    public String sourceFile() {
        return sourceFile;
    }

    /** The line of the failing code, {@code -1} if unknown. */
    public int sourceLine() {
        return sourceLine;
    }

    /** The reported work-item's global id: three coordinates, unused dimensions 0. */
    public int[] globalId() {
        return globalId.clone();
    }

    /** How many work-items failed. */
    public long failureCount() {
        return failureCount;
    }

    /**
     * Builds the exception from a real Java exception a work-item threw (the CPU backend's
     * path); {@code exception} itself becomes the cause, untouched. The source location is the
     * topmost stack frame outside the JDK's own modules ({@code java.*}, {@code jdk.*}) and outside
     * {@code org.jdotcompute.api.Atomics} (which GPU backends treat as intrinsics) — the kernel's code, or a device function it called — so a fault inside
     * {@code Math.floorMod} is reported at the kernel line that called it. With no such frame: the
     * top frame; with no frames at all: {@code Unknown Source}, line {@code -1}.
     *
     * @param backend      the backend's display name
     * @param kernelName   the kernel, {@code SimpleClassName.method}
     * @param exception    what the work-item threw
     * @param globalId     the work-item's global id, up to three coordinates
     * @param failureCount how many work-items failed
     */
    public static DeviceKernelException fromJavaException(String backend, String kernelName, Throwable exception,
            int[] globalId, long failureCount) {
        StackTraceElement frame = userFrame(exception.getStackTrace());
        String file = frame == null || frame.getFileName() == null ? "Unknown Source" : frame.getFileName();
        int line = frame == null || frame.getLineNumber() < 0 ? -1 : frame.getLineNumber();
        return new DeviceKernelException(backend, kernelName, file, line, globalId, failureCount, exception);
    }

    private static final String ATOMICS = "org.jdotcompute.api.Atomics";

    private static StackTraceElement userFrame(StackTraceElement[] trace) {
        for (StackTraceElement e : trace) {
            String module = e.getModuleName();
            boolean jdk = module != null && (module.startsWith("java.") || module.startsWith("jdk."));
            boolean api = e.getClassName().equals(ATOMICS); // an intrinsic on GPU backends
            if (!jdk && !api) {
                return e;
            }
        }
        return trace.length == 0 ? null : trace[0];
    }

    /**
     * Builds the exception from a decoded device error record (the GPU backends' path): the
     * cause is an instance of {@code site.exceptionClass()} made with its public constructor
     * whose parameters are the site's argument types, the templates filled with {@code values}
     * as {@link String#valueOf} prints them (so {@code "bad " + 0.1f} reads {@code bad 0.1}, as
     * Java's string concatenation prints it), and its stack trace is one frame at the site:
     * {@code declaringClass.methodName(sourceFile:sourceLine)}, with the declaring class's module
     * name and version when {@code loader} can see the class.
     *
     * <p>If the exception cannot be made — the class is missing, not a {@code Throwable}, has no
     * such public constructor, is not accessible, or its constructor throws — nothing is lost:
     * the cause is a {@link ComputeException} whose message names the class and every argument
     * value ({@code the device threw com.example.BadInput("bad 42", 7) but it cannot be recreated
     * on the host: …}), whose cause says why, and whose stack trace is the same frame.
     *
     * @param backend      the backend's display name
     * @param site         the site from the compiler's site table
     * @param values       the dynamic values, boxed as {@code site.valueTypes()} says, in order
     * @param globalId     the failing work-item's global id
     * @param failureCount how many work-items failed
     * @param loader       the class loader that sees the exception class (the kernel's;
     *                     {@code null}: the bootstrap loader, which sees only JDK classes)
     * @throws IllegalArgumentException if {@code values} do not match {@code site.valueTypes()}
     */
    public static DeviceKernelException fromDevice(String backend, DeviceErrorSite site, List<?> values,
            int[] globalId, long failureCount, ClassLoader loader) {
        if (values.size() != site.dynamicValueCount()) {
            throw new IllegalArgumentException("site " + site.exceptionClass() + " at " + site.sourceFile() + ":"
                    + site.sourceLine() + " takes " + site.dynamicValueCount() + " value(s), got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            Class<?> expected = MethodTypes.box(site.valueTypes().get(i).javaType());
            if (!expected.isInstance(values.get(i))) {
                throw new IllegalArgumentException("dynamic value " + i + " of site " + site.exceptionClass() + " at "
                        + site.sourceFile() + ":" + site.sourceLine() + " must be a " + expected.getSimpleName()
                        + ", got " + values.get(i));
            }
        }
        Throwable cause = reconstruct(site, values, loader);
        cause.setStackTrace(new StackTraceElement[] {siteFrame(site, loader)});
        return new DeviceKernelException(backend, site.kernelName(), site.sourceFile(), site.sourceLine(), globalId,
                failureCount, cause);
    }

    /** The frame of {@code site}, as the JVM would print it for code in the declaring class. */
    private static StackTraceElement siteFrame(DeviceErrorSite site, ClassLoader loader) {
        Module module;
        try {
            module = Class.forName(site.declaringClass(), false, loader).getModule();
        } catch (ClassNotFoundException | LinkageError unseen) {
            // The frame loses only its module name; class, method, file and line are the site's.
            return new StackTraceElement(site.declaringClass(), site.methodName(), site.sourceFile(),
                    site.sourceLine());
        }
        String version = module.getDescriptor() == null ? null
                : module.getDescriptor().version().map(ModuleDescriptor.Version::toString).orElse(null);
        return new StackTraceElement(null, module.getName(), version, site.declaringClass(), site.methodName(),
                site.sourceFile(), site.sourceLine());
    }

    /**
     * Fills a {@code STRING} template: each {@link DeviceErrorSite#PLACEHOLDER} takes the next
     * value, printed by {@link String#valueOf(Object)} (for boxed primitives the same text as
     * string concatenation gives).
     *
     * @throws java.util.NoSuchElementException if {@code values} runs out
     */
    public static String fillTemplate(String template, Iterator<?> values) {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == DeviceErrorSite.PLACEHOLDER) {
                sb.append(String.valueOf(values.next()));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Throwable reconstruct(DeviceErrorSite site, List<?> values, ClassLoader loader) {
        Iterator<?> it = values.iterator();
        Class<?>[] types = new Class<?>[site.arguments().size()];
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            DeviceErrorSite.Argument a = site.arguments().get(i);
            types[i] = a.type().javaType();
            args[i] = a.type() == DeviceErrorSite.ArgumentType.STRING ? fillTemplate(a.template(), it) : it.next();
        }
        try {
            Class<?> type = Class.forName(site.exceptionClass(), false, loader);
            if (!Throwable.class.isAssignableFrom(type)) {
                throw new ClassCastException(type.getName() + " is not a Throwable");
            }
            Constructor<?> constructor = type.getConstructor(types);
            return (Throwable) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return unreconstructable(site, args, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unreconstructable(site, args, e);
        }
    }

    private static Throwable unreconstructable(DeviceErrorSite site, Object[] args, Throwable why) {
        StringJoiner shown = new StringJoiner(", ", "(", ")");
        StringJoiner types = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < args.length; i++) {
            shown.add(args[i] instanceof String s ? '"' + s + '"' : args[i] instanceof Character c ? "'" + c + "'"
                    : String.valueOf(args[i]));
            types.add(site.arguments().get(i).type().javaType().getSimpleName());
        }
        String name = site.exceptionClass();
        String next = switch (why) {
            case NoSuchMethodException _ -> "; give " + name + " a public constructor " + types;
            case IllegalAccessException _ -> "; make " + name + " and its constructor public, in a package its"
                    + " module exports (or opens) to org.jdotcompute.api";
            case ClassNotFoundException _, NoClassDefFoundError _ -> "; make " + name
                    + " visible to the kernel's class loader";
            default -> "";
        };
        return new ComputeException("the device threw " + name + shown + " but it cannot be recreated on the host: "
                + why + next, why);
    }
}
