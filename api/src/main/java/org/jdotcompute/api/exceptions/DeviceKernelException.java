package org.jdotcompute.api.exceptions;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A kernel failed on the device. Its cause is the reconstructed Java exception — the class and
 * message the JVM itself produces for the same fault (e.g.
 * {@code ArrayIndexOutOfBoundsException: Index 10 out of bounds for length 10}) — carrying a
 * stack frame at the kernel's source line. Every backend, the CPU one included, throws exactly
 * this shape. Its {@link #reason()} is
 * {@code {ExceptionSimpleName}: {cause message} in kernel '{kernel}' at {File.java}:{line} (global id ({x}, {y}, {z}); {n} failing work-item(s))}
 * (without {@code ": {cause message}"} when the cause has no message).
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
     */
    public DeviceKernelException(String backend, String kernelName, String sourceFile, int sourceLine, int[] globalId,
            long failureCount, Throwable cause) {
        super(backend, reason(kernelName, sourceFile, sourceLine, pad(globalId), failureCount,
                Objects.requireNonNull(cause, "cause")), cause);
        this.kernelName = kernelName;
        this.sourceFile = sourceFile;
        this.sourceLine = sourceLine;
        this.globalId = pad(globalId);
        this.failureCount = failureCount;
    }

    private static int[] pad(int[] id) {
        if (id.length > 3) {
            throw new IllegalArgumentException("a global id has at most 3 coordinates, got " + Arrays.toString(id));
        }
        return Arrays.copyOf(id, 3);
    }

    private static String reason(String kernel, String file, int line, int[] id, long count, Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " in kernel '" + kernel
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
     * path). The source location is the topmost stack frame outside the JDK's own modules and
     * outside JDotCompute's API ({@code org.jdotcompute.api.*}, e.g. {@code Atomics}, which GPU
     * backends treat as intrinsics) — the kernel's code, or a device function it called.
     */
    public static DeviceKernelException fromJavaException(String backend, String kernelName, Throwable exception,
            int[] globalId, long failureCount) {
        StackTraceElement frame = userFrame(exception.getStackTrace());
        String file = frame == null || frame.getFileName() == null ? "Unknown Source" : frame.getFileName();
        int line = frame == null ? -1 : frame.getLineNumber();
        return new DeviceKernelException(backend, kernelName, file, line, globalId, failureCount, exception);
    }

    private static StackTraceElement userFrame(StackTraceElement[] trace) {
        for (StackTraceElement e : trace) {
            String module = e.getModuleName();
            boolean jdk = module != null && (module.startsWith("java.") || module.startsWith("jdk."));
            boolean api = e.getClassName().startsWith("org.jdotcompute.api.");
            if (!jdk && !api) {
                return e;
            }
        }
        return trace.length == 0 ? null : trace[0];
    }

    /**
     * Builds the exception from a decoded device error record (the GPU backends' path): the
     * cause is an instance of {@code site.exceptionClass()} made with the site's constructor
     * arguments, the templates filled with {@code values} as {@link String#valueOf} prints them,
     * and its stack trace is one frame at the site's source line.
     *
     * @param backend      the backend's display name
     * @param site         the site from the compiler's site table
     * @param values       the dynamic values, boxed as {@code site.valueTypes()} says, in order
     * @param globalId     the failing work-item's global id
     * @param failureCount how many work-items failed
     * @param loader       the class loader that sees the exception class (the kernel's)
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
        cause.setStackTrace(new StackTraceElement[] {new StackTraceElement(site.declaringClass(), site.methodName(),
                site.sourceFile(), site.sourceLine())});
        return new DeviceKernelException(backend, site.kernelName(), site.sourceFile(), site.sourceLine(), globalId,
                failureCount, cause);
    }

    /** Fills a {@code STRING} template: each {@link DeviceErrorSite#PLACEHOLDER} takes the next value. */
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
            return unreconstructable(site, args, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unreconstructable(site, args, e);
        }
    }

    private static Throwable unreconstructable(DeviceErrorSite site, Object[] args, Throwable why) {
        List<String> shown = new ArrayList<>();
        for (Object a : args) {
            shown.add(String.valueOf(a));
        }
        ComputeException stand = new ComputeException("the device threw " + site.exceptionClass() + shown
                + ", which could not be recreated on the host: " + why, why);
        return stand;
    }
}
