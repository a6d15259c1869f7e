package org.jdotcompute.testkit.corpus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.exceptions.DeviceKernelException;

/**
 * The failure a corpus kernel must produce, as {@link DeviceKernelException} reports it: the
 * cause's class and message, the source location, how many work-items fail and which one is
 * reported (when only one fails). Immutable and thread-safe.
 *
 * @param exceptionClass the binary name of the cause's class
 * @param message        the cause's message (empty for exceptions made without one)
 * @param sourceFile     the reported source file, e.g. {@code FailureKernels.java}
 * @param sourceLine     the reported line
 * @param failureCount   how many work-items fail
 * @param globalId       the reported work-item's global id (three coordinates), or empty if
 *                       several fail and any of them may be reported
 */
public record ExpectedFailure(String exceptionClass, Optional<String> message, String sourceFile, int sourceLine,
        long failureCount, List<Integer> globalId) {
    public ExpectedFailure {
        Objects.requireNonNull(exceptionClass, "exceptionClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sourceFile, "sourceFile");
        globalId = List.copyOf(globalId);
        if (!globalId.isEmpty() && globalId.size() != 3) {
            throw new IllegalArgumentException("a global id has three coordinates, got " + globalId);
        }
        if (failureCount < 1) {
            throw new IllegalArgumentException("an expected failure has at least one failing work-item, got "
                    + failureCount);
        }
    }

    /** One failing work-item at {@code x} (a 1-D launch). */
    public static ExpectedFailure single(Class<? extends Throwable> type, String message, String file, int line, int x) {
        return new ExpectedFailure(type.getName(), Optional.ofNullable(message), file, line, 1, List.of(x, 0, 0));
    }

    /** Several failing work-items; any may be reported. */
    public static ExpectedFailure several(Class<? extends Throwable> type, String message, String file, int line,
            long count) {
        return new ExpectedFailure(type.getName(), Optional.ofNullable(message), file, line, count, List.of());
    }

    /** What differs between this expectation and {@code actual}, or empty if it matches. */
    public Optional<String> mismatch(DeviceKernelException actual) {
        Throwable cause = actual.getCause();
        StringBuilder sb = new StringBuilder();
        if (cause == null || !cause.getClass().getName().equals(exceptionClass)) {
            sb.append("cause class ").append(cause == null ? "none" : cause.getClass().getName()).append(" != ")
                    .append(exceptionClass).append("; ");
        }
        String m = cause == null ? null : cause.getMessage();
        if (!Objects.equals(m, message.orElse(null))) {
            sb.append("message '").append(m).append("' != '").append(message.orElse(null)).append("'; ");
        }
        if (!actual.sourceFile().equals(sourceFile) || actual.sourceLine() != sourceLine) {
            sb.append("location ").append(actual.sourceFile()).append(':').append(actual.sourceLine()).append(" != ")
                    .append(sourceFile).append(':').append(sourceLine).append("; ");
        }
        if (actual.failureCount() != failureCount) {
            sb.append("failure count ").append(actual.failureCount()).append(" != ").append(failureCount).append("; ");
        }
        int[] gid = actual.globalId();
        if (!globalId.isEmpty() && !List.of(gid[0], gid[1], gid[2]).equals(globalId)) {
            sb.append("global id ").append(java.util.Arrays.toString(gid)).append(" != ").append(globalId).append("; ");
        }
        return sb.isEmpty() ? Optional.empty() : Optional.of(sb.substring(0, sb.length() - 2));
    }
}
