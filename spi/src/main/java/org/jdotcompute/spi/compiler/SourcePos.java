package org.jdotcompute.spi.compiler;

import java.util.Objects;

/**
 * A place in Java code, as a stack frame would show it.
 *
 * @param className  the binary class name
 * @param methodName the method
 * @param sourceFile the source file ({@code Unknown Source} if the class has none)
 * @param line       the line, {@code -1} if unknown
 */
record SourcePos(String className, String methodName, String sourceFile, int line) {
    SourcePos {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(sourceFile, "sourceFile");
    }

    /** {@code File.java:line}, or {@code File.java} when the line is unknown. */
    String where() {
        return line < 0 ? sourceFile : sourceFile + ":" + line;
    }
}
