package org.jdotcompute.spi.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a {@code // @marker} comment in a test source file, so tests never hard-code line numbers. */
final class SourceLines {
    private SourceLines() {
    }

    static int line(Class<?> type, String marker) {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = base.resolve("src/test/java").resolve(type.getName().replace('.', '/') + ".java");
        try {
            List<String> lines = Files.readAllLines(file);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// @" + marker + " ") || lines.get(i).endsWith("// @" + marker)) {
                    if (found >= 0) {
                        throw new IllegalStateException("marker @" + marker + " appears twice in " + file);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no marker @" + marker + " in " + file);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
