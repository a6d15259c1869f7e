package org.jdotcompute.spi.codegen;

/**
 * An indenting source builder: four spaces per level, {@code \n} line ends, labels one level out.
 *
 * <p>Not thread-safe; confine to one emission.
 */
public final class CWriter {
    private static final String INDENT = "    ";
    private final StringBuilder out = new StringBuilder(1024);
    private int depth;

    /** An empty writer at depth 0. */
    public CWriter() {
    }

    /** Writes one line at the current depth ({@code ""} writes an empty line). */
    public CWriter line(String text) {
        if (!text.isEmpty()) {
            out.append(INDENT.repeat(depth));
        }
        out.append(text).append('\n');
        return this;
    }

    /** Writes {@code header + " {"} and indents. */
    public CWriter open(String header) {
        line(header + " {");
        depth++;
        return this;
    }

    /** Outdents and writes {@code "}" + trailer}. */
    public CWriter close(String trailer) {
        if (depth == 0) {
            throw new IllegalStateException("close() without a matching open()");
        }
        depth--;
        return line("}" + trailer);
    }

    /** Outdents and writes {@code "}"}. */
    public CWriter close() {
        return close("");
    }

    /** Writes a label ({@code "B3:"}) one level out from the current depth. */
    public CWriter label(String name) {
        out.append(INDENT.repeat(Math.max(0, depth - 1))).append(name).append(":\n");
        return this;
    }

    /** Appends {@code text} as is (it should end with a line break). */
    public CWriter raw(String text) {
        out.append(text);
        return this;
    }

    /** The current indentation depth. */
    public int depth() {
        return depth;
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
