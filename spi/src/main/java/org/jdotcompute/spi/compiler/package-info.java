/**
 * The Java-bytecode front end: translates a kernel method into {@link org.jdotcompute.spi.ir.KernelIR}
 * with the JDK's {@code java.lang.classfile} API. Audience: backend authors.
 */
package org.jdotcompute.spi.compiler;
