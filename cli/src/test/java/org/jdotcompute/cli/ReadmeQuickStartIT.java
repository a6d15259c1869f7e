package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the README's quick start")
class ReadmeQuickStartIT {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n// (\\w+)\\.java\\n(.*?)```", Pattern.DOTALL);

    /** The Java file the README names in a code block starting with {@code // Name.java}. */
    static String readmeSource(String className) throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("jdotcompute.readme", "../README.md")));
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(className)) {
                return m.group(2);
            }
        }
        throw new AssertionError("README.md has no ```java block starting with '// " + className + ".java'");
    }

    @Test
    @DisplayName("compiles against the api jar alone and prints what the README says, on the class path")
    void quickStartRuns(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("QuickStart.java");
        Files.writeString(source, readmeSource("QuickStart"));
        Path api = ChildJvm.jar("jdotcompute-api");
        Path classes = tmp.resolve("classes");
        ChildJvm.Result javac = ChildJvm.tool("javac", "-cp", api.toString(), "-d", classes.toString(), source.toString());
        assertEquals(0, javac.exitCode(), "javac:\n" + javac.stderr());

        ChildJvm.Result run = ChildJvm.onClassPath(List.of(classes.toString()), "QuickStart");
        assertEquals(0, run.exitCode(), "stderr:\n" + run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(3, lines.size(), run.stdout());
        assertTrue(lines.get(0).endsWith(": y[0] = 5.0"), lines.get(0));
        assertEquals("java.lang.ArrayIndexOutOfBoundsException: Index 10 out of bounds for length 10", lines.get(1));
        assertTrue(lines.get(2).matches("at QuickStart\\.java:\\d+"), lines.get(2));
    }

    @Test
    @DisplayName("for ring kernels runs the seed's launch, activate, send, receive and close, and reports a failure")
    void ringQuickStartRuns(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("RingQuickStart.java");
        Files.writeString(source, readmeSource("RingQuickStart"));
        Path classes = tmp.resolve("classes");
        ChildJvm.Result javac = ChildJvm.tool("javac", "-cp", ChildJvm.jar("jdotcompute-api").toString(), "-d",
                classes.toString(), source.toString());
        assertEquals(0, javac.exitCode(), "javac:\n" + javac.stderr());

        ChildJvm.Result run = ChildJvm.onClassPath(List.of(classes.toString()), "RingQuickStart");
        assertEquals(0, run.exitCode(), "stderr:\n" + run.stderr());
        assertEquals(List.of("doubler answered 42", "summer total 10",
                "[picky] Invalid state: FAILED, expected: LAUNCHED, ACTIVE, DEACTIVATED <- negative input -1",
                "close() reported: negative input -1"), run.stdout().lines().toList());
    }
}
