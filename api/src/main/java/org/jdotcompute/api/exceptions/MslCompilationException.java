package org.jdotcompute.api.exceptions;

/**
 * Metal Shading Language source failed to compile; {@link #errorMessage()} is the compiler's
 * complete diagnostic. Message: {@code [Metal] Failed to compile MSL shader '{name}': {error}}.
 *
 * <p>When raised: generated or custom MSL fails to compile (invalid shader syntax, an
 * unsupported feature); it is the cause of the {@link KernelCompilationException} the compile
 * call throws.
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class MslCompilationException extends MetalException {
    private static final long serialVersionUID = 1L;
    private final String shaderName;
    private final String errorMessage;

    /** @param shaderName the shader; @param errorMessage the compiler's diagnostic */
    public MslCompilationException(String shaderName, String errorMessage) {
        this(shaderName, errorMessage, null);
    }

    /** As {@link #MslCompilationException(String, String)}, with a cause. */
    public MslCompilationException(String shaderName, String errorMessage, Throwable cause) {
        super("Failed to compile MSL shader '" + shaderName + "': " + errorMessage, cause);
        this.shaderName = shaderName;
        this.errorMessage = errorMessage;
    }

    /** The shader's name. */
    public String shaderName() {
        return shaderName;
    }

    /** The compiler's complete diagnostic. */
    public String errorMessage() {
        return errorMessage;
    }
}
