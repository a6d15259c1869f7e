/**
 * The JDotCompute exception model (design: {@code ERRORS.md}). Every exception is unchecked
 * and rooted at {@link org.jdotcompute.api.exceptions.ComputeException}, with the seed's
 * hierarchy and messages, to the character:
 * <pre>
 * ComputeException
 * ├── KernelException
 * │   ├── KernelNotFoundException
 * │   ├── KernelStateException
 * │   ├── KernelAlreadyExistsException
 * │   └── KernelCompilationException
 * ├── QueueException
 * │   ├── QueueFullException
 * │   └── QueueEmptyException
 * ├── MessageException
 * │   ├── MessageSerializationException
 * │   └── MessageValidationException
 * ├── BackendException
 * │   ├── BackendNotAvailableException
 * │   ├── BackendExecutionException
 * │   │   ├── DeviceKernelException
 * │   │   └── DeviceContextLostException
 * │   └── MetalException
 * │       └── MslCompilationException
 * ├── ComputeMemoryException
 * │   ├── AllocationException
 * │   └── ComputeOutOfMemoryException
 * └── ComputeExceptionGroup          (ExceptionGroup; ComputeErrorGroup extends Error)
 * </pre>
 * Exceptions a kernel throws on a device come back as a
 * {@link org.jdotcompute.api.exceptions.DeviceKernelException} whose cause is the Java
 * exception the JVM would have thrown; concurrent failures come back together as an
 * {@link org.jdotcompute.api.exceptions.ExceptionGroup}, handled with
 * {@link org.jdotcompute.api.exceptions.ExceptionGroups#catching}. Every exception class is
 * serializable.
 */
package org.jdotcompute.api.exceptions;
