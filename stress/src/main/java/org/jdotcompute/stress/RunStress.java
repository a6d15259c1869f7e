package org.jdotcompute.stress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress with the given arguments and exits non-zero when any test failed, errored or did
 * not run. (jcstress 0.16 throws an AssertionError for forbidden outcomes, but exits 0 when, for
 * example, no test matched or a test errored; this checks its report for all three.)
 */
public final class RunStress {
    private static final Pattern COUNT = Pattern.compile("All remaining tests: (\\d+) matching test results");

    private RunStress() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        boolean forbidden = false;
        try {
            org.openjdk.jcstress.Main.main(args);
        } catch (AssertionError e) { // jcstress's own verdict on forbidden outcomes
            console.println(e.getMessage());
            forbidden = true;
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        boolean failed = forbidden || !out.contains("Failed tests: No matches.");
        boolean errors = !out.contains("Error tests: No matches.");
        Matcher m = COUNT.matcher(out);
        int passed = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (failed || errors || passed == 0) {
            console.println("jcstress: FAILED (failed tests: " + failed + ", error tests: " + errors
                    + ", passing results: " + passed + "); see the report above and target/jcstress-results");
            System.exit(1);
        }
        console.println("jcstress: " + passed + " test results, none failed");
        System.exit(0);
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
