package org.jdotcompute.spi.codegen;

/**
 * Presenting generated source to users, e.g. in a {@code KernelCompilationException}'s compiler
 * log, so that the native compiler's {@code <source>:12:5: error} lines can be read against it.
 *
 * <p>Thread-safe (stateless).
 */
public final class CSource {
    private CSource() {
    }

    /** {@code source} with a right-aligned 1-based line number and {@code "| "} before each line. */
    public static String numbered(String source) {
        String[] lines = source.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // the text ends with a line break
        }
        int width = Integer.toString(Math.max(1, count)).length();
        StringBuilder sb = new StringBuilder(source.length() + count * (width + 3));
        for (int i = 0; i < count; i++) {
            String n = Integer.toString(i + 1);
            sb.append(" ".repeat(width - n.length())).append(n).append(" | ").append(lines[i]).append('\n');
        }
        return sb.toString();
    }
}
