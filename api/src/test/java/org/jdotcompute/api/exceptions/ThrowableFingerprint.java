package org.jdotcompute.api.exceptions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic text description of a throwable tree: class, message, the value of every
 * public no-argument accessor the class adds to {@code Throwable} (record style), cause, every
 * stack frame (class, method, file, line, module, version, loader) and every suppressed
 * exception, recursively. Objects seen before print as {@code @n}, so the description also
 * captures sharing (a group's children are the same objects as its suppressed exceptions).
 * Two throwables with equal fingerprints are equal in everything a caller can observe.
 *
 * <p>No JUnit dependency: the child JVM of the serialization test uses it too.
 */
final class ThrowableFingerprint {
    private static final Set<String> NOT_ACCESSORS = Set.of("getMessage", "getLocalizedMessage", "getCause",
            "getStackTrace", "getSuppressed", "fillInStackTrace", "toString", "hashCode", "getClass", "asThrowable",
            "printStackTrace");

    private final Map<Object, Integer> seen = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private ThrowableFingerprint() {
    }

    static String of(Throwable t) {
        ThrowableFingerprint fp = new ThrowableFingerprint();
        fp.describe(t, "");
        return fp.out.toString();
    }

    /** The accessor methods the fingerprint reads on {@code type}, sorted by name. */
    static List<Method> accessors(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() != void.class)
                .filter(m -> m.getDeclaringClass() != Throwable.class && m.getDeclaringClass() != Object.class)
                .filter(m -> !NOT_ACCESSORS.contains(m.getName()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private void describe(Throwable t, String indent) {
        if (t == null) {
            out.append("none\n");
            return;
        }
        Integer id = seen.get(t);
        if (id != null) {
            out.append('@').append(id).append('\n');
            return;
        }
        id = seen.size();
        seen.put(t, id);
        out.append('#').append(id).append(' ').append(t.getClass().getName()).append('\n');
        String in = indent + "  ";
        out.append(in).append("message: ").append(quote(t.getMessage())).append('\n');
        for (Method m : accessors(t.getClass())) {
            out.append(in).append(m.getName()).append("(): ");
            describeValue(invoke(m, t), in);
        }
        out.append(in).append("cause: ");
        describe(t.getCause() == t ? null : t.getCause(), in);
        for (StackTraceElement e : t.getStackTrace()) {
            out.append(in).append("at ").append(e.getClassLoaderName()).append('|').append(e.getModuleName())
                    .append('|').append(e.getModuleVersion()).append('|').append(e.getClassName()).append('.')
                    .append(e.getMethodName()).append('(').append(e.getFileName()).append(':')
                    .append(e.getLineNumber()).append(")\n");
        }
        for (Throwable s : t.getSuppressed()) {
            out.append(in).append("suppressed: ");
            describe(s, in);
        }
    }

    private void describeValue(Object value, String indent) {
        switch (value) {
            case null -> out.append("null\n");
            case Throwable t -> describe(t, indent);
            case List<?> list -> {
                out.append("list of ").append(list.size()).append('\n');
                for (Object element : list) {
                    out.append(indent).append("- ");
                    describeValue(element, indent + "  ");
                }
            }
            case int[] ints -> out.append("int[] ").append(Arrays.toString(ints)).append('\n');
            case String s -> out.append(quote(s)).append('\n');
            default -> out.append(value.getClass().getName()).append(' ').append(value).append('\n');
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + m, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(m + " threw", e.getCause());
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s.replace("\\", "\\\\").replace("\n", "\\n") + '"';
    }
}
