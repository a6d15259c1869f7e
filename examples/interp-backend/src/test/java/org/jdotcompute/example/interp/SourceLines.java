package org.jdotcompute.example.interp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a {@code // FAILS:name} marker in {@link Kernels}' source. */
final class SourceLines {
    private static final Path SOURCE = Path.of("src/test/java/org/jdotcompute/example/interp/Kernels.java");

    private SourceLines() {
    }

    static int of(String marker) {
        try {
            List<String> lines = Files.readAllLines(SOURCE);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// FAILS:" + marker)) {
                    if (found >= 0) {
                        throw new IllegalStateException("marker " + marker + " appears twice in " + SOURCE);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no marker // FAILS:" + marker + " in " + SOURCE);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SOURCE.toAbsolutePath(), e);
        }
    }
}
