package org.jdotcompute.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a data-parallel kernel: a {@code static void} method whose first parameter is
 * {@link KernelContext}, followed by primitives and primitive arrays. The annotation documents
 * intent; {@link ComputeRuntime#compile(Class, String)} checks the shape either way.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {
}
