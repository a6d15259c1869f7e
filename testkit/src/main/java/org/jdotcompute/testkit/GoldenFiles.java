package org.jdotcompute.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Golden files for code generators: generated text (OpenCL C, PTX, MSL) compared
 * with a file that was reviewed by eye once and committed under {@code src/test/resources}.
 * After an intended change, run the tests with {@code -Djdotcompute.golden.update=true}: each
 * golden file is then rewritten from the generated text instead of compared; review the diff
 * and commit it.
 *
 * <p>The reviewed file is read from, and rewritten in, {@code src/test/resources} below the
 * directory in the system property {@code basedir} (set by Maven Surefire), else the working
 * directory — the module under test, as for {@link SourceLines}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoldenFiles {
    /** The system property that rewrites golden files instead of comparing them. */
    public static final String UPDATE = "jdotcompute.golden.update";

    private GoldenFiles() {
    }

    /**
     * Asserts that {@code actual} is exactly the golden file {@code resource}, or rewrites that
     * file when {@value #UPDATE} is {@code true}.
     *
     * @param resource the file's path below {@code src/test/resources}, e.g. {@code golden/saxpy.cl}
     * @param actual   the generated text
     * @param what     what the text is, for the failure message, e.g. {@code the OpenCL C for saxpy}
     * @throws UncheckedIOException if the golden file cannot be read or written
     */
    public static void assertMatches(String resource, String actual, String what) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(actual, "actual");
        Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources", resource);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertTrue(Files.isRegularFile(file), "golden file " + file + " is missing; run with -D" + UPDATE
                    + "=true and review it");
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, what + " changed; if intended,"
                    + " regenerate with -D" + UPDATE + "=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the golden file " + file.toAbsolutePath(), e);
        }
    }
}
