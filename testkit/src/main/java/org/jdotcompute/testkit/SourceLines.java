package org.jdotcompute.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Finds a line of a kernel's source by a marker comment, so that tests of reported failure
 * locations ({@code DeviceKernelException.sourceLine()}) never hard-code line numbers. Mark the
 * line that fails with a trailing comment, e.g. {@code out[i] = 1000 / a[i]; // FAILS:divide},
 * and ask for {@code SourceLines.of(MyKernels.class, "FAILS:divide")}.
 *
 * <p>The source is read from the module under test: {@code src/test/java} or, failing that,
 * {@code src/main/java} below the directory in the system property {@code basedir} (set by Maven
 * Surefire), else the working directory, at the path of the top-level class of the given type.
 *
 * <p>Stateless and thread-safe.
 */
public final class SourceLines {
    private static final List<String> SOURCE_ROOTS = List.of("src/test/java", "src/main/java");

    private SourceLines() {
    }

    /**
     * The (1-based) number of the one line of {@code type}'s source file that ends with the
     * comment {@code // marker}.
     *
     * @param marker the comment's text after {@code // }, e.g. {@code FAILS:divide}
     * @throws IllegalStateException if no line or more than one line ends with the marker
     * @throws UncheckedIOException  if the source file cannot be read
     */
    public static int of(Class<?> type, String marker) {
        Objects.requireNonNull(marker, "marker");
        Path source = source(type);
        String comment = "// " + marker;
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.toAbsolutePath(), e);
        }
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(comment)) {
                if (found >= 0) {
                    throw new IllegalStateException("marker '" + comment + "' ends lines " + found + " and " + (i + 1)
                            + " of " + source + "; make each marker unique");
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("no line of " + source + " ends with the marker '" + comment + "'");
        }
        return found;
    }

    /** The source file of {@code type}'s top-level class. */
    private static Path source(Class<?> type) {
        Class<?> top = Objects.requireNonNull(type, "type");
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String file = top.getName().replace('.', '/') + ".java";
        for (String root : SOURCE_ROOTS) {
            Path candidate = base.resolve(root).resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the source of " + top.getName() + " is in none of " + SOURCE_ROOTS + " below "
                + base.toAbsolutePath() + "; run the test from its module's directory (Maven Surefire does)");
    }
}
