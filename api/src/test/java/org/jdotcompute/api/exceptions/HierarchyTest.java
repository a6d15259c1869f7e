package org.jdotcompute.api.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The hierarchy and constructors follow ERRORS.md")
class HierarchyTest {

    /** ERRORS.md's table: class → direct superclass. */
    static Stream<Arguments> superclasses() {
        return Stream.of(
                Arguments.of(ComputeException.class, RuntimeException.class),
                Arguments.of(KernelException.class, ComputeException.class),
                Arguments.of(KernelNotFoundException.class, KernelException.class),
                Arguments.of(KernelStateException.class, KernelException.class),
                Arguments.of(KernelAlreadyExistsException.class, KernelException.class),
                Arguments.of(KernelCompilationException.class, KernelException.class),
                Arguments.of(QueueException.class, ComputeException.class),
                Arguments.of(QueueFullException.class, QueueException.class),
                Arguments.of(QueueEmptyException.class, QueueException.class),
                Arguments.of(MessageException.class, ComputeException.class),
                Arguments.of(MessageSerializationException.class, MessageException.class),
                Arguments.of(MessageValidationException.class, MessageException.class),
                Arguments.of(BackendException.class, ComputeException.class),
                Arguments.of(BackendNotAvailableException.class, BackendException.class),
                Arguments.of(BackendExecutionException.class, BackendException.class),
                Arguments.of(MetalException.class, BackendException.class),
                Arguments.of(MslCompilationException.class, MetalException.class),
                Arguments.of(ComputeMemoryException.class, ComputeException.class),
                Arguments.of(AllocationException.class, ComputeMemoryException.class),
                Arguments.of(ComputeOutOfMemoryException.class, ComputeMemoryException.class),
                Arguments.of(DeviceKernelException.class, BackendExecutionException.class),
                Arguments.of(DeviceContextLostException.class, BackendExecutionException.class),
                Arguments.of(ComputeExceptionGroup.class, ComputeException.class),
                Arguments.of(ComputeErrorGroup.class, Error.class));
    }

    @ParameterizedTest(name = "{0} extends {1}")
    @MethodSource("superclasses")
    @DisplayName("each class has the table's superclass, is public and declares its own serialVersionUID")
    void superclassAndSerialVersion(Class<?> type, Class<?> superclass) throws Exception {
        assertSame(superclass, type.getSuperclass());
        assertTrue(Modifier.isPublic(type.getModifiers()));
        assertTrue(Serializable.class.isAssignableFrom(type));
        Field uid = type.getDeclaredField("serialVersionUID");
        int mods = uid.getModifiers();
        assertTrue(Modifier.isPrivate(mods) && Modifier.isStatic(mods) && Modifier.isFinal(mods)
                && uid.getType() == long.class, "private static final long serialVersionUID in " + type);
    }

    /** ERRORS.md's constructor list: the seed's arguments in the seed's order, and the same plus a cause. */
    static Stream<Arguments> constructors() {
        return Stream.of(
                Arguments.of(ComputeException.class, List.of(String.class)),
                Arguments.of(KernelException.class, List.of(String.class, String.class)),
                Arguments.of(KernelNotFoundException.class, List.of(String.class)),
                Arguments.of(KernelStateException.class, List.of(String.class, KernelState.class, List.class)),
                Arguments.of(KernelAlreadyExistsException.class, List.of(String.class)),
                Arguments.of(KernelCompilationException.class, List.of(String.class, String.class)),
                Arguments.of(QueueException.class, List.of(String.class)),
                Arguments.of(QueueFullException.class, List.of(int.class)),
                Arguments.of(QueueEmptyException.class, List.of()),
                Arguments.of(MessageException.class, List.of(String.class)),
                Arguments.of(MessageSerializationException.class, List.of(String.class, String.class)),
                Arguments.of(MessageValidationException.class, List.of(String.class, String.class, String.class)),
                Arguments.of(BackendException.class, List.of(String.class, String.class)),
                Arguments.of(BackendNotAvailableException.class, List.of(String.class)),
                Arguments.of(BackendExecutionException.class, List.of(String.class, String.class)),
                Arguments.of(MetalException.class, List.of(String.class)),
                Arguments.of(MslCompilationException.class, List.of(String.class, String.class)),
                Arguments.of(ComputeMemoryException.class, List.of(String.class)),
                Arguments.of(AllocationException.class, List.of(long.class, String.class)),
                Arguments.of(ComputeOutOfMemoryException.class, List.of(long.class, long.class)),
                Arguments.of(DeviceContextLostException.class, List.of(String.class, String.class)),
                Arguments.of(ComputeExceptionGroup.class, List.of(String.class, List.class)),
                Arguments.of(ComputeErrorGroup.class, List.of(String.class, List.class)));
    }

    @ParameterizedTest(name = "{0}({1}) and the same with a trailing Throwable cause")
    @MethodSource("constructors")
    @DisplayName("each class has the seed's constructor and its cause overload")
    void seedConstructorAndCauseOverload(Class<?> type, List<Class<?>> parameters) throws Exception {
        assertTrue(Modifier.isPublic(type.getConstructor(parameters.toArray(Class<?>[]::new)).getModifiers()));
        Class<?>[] withCause = Stream.concat(parameters.stream(), Stream.of(Throwable.class)).toArray(Class<?>[]::new);
        assertTrue(Modifier.isPublic(type.getConstructor(withCause).getModifiers()),
                () -> type.getSimpleName() + Arrays.toString(withCause));
    }

    @Test
    @DisplayName("the extended constructors other engineers use exist")
    void extendedConstructors() throws Exception {
        BackendExecutionException.class.getConstructor(String.class, String.class, int.class, String.class,
                Throwable.class);
        DeviceContextLostException.class.getConstructor(String.class, String.class, int.class, String.class,
                Throwable.class);
        KernelCompilationException.class.getConstructor(String.class, String.class, String.class, String.class,
                Throwable.class);
        DeviceKernelException.class.getConstructor(String.class, String.class, String.class, int.class, int[].class,
                long.class, Throwable.class);
    }

    @Test
    @DisplayName("KernelState has the seed's states in lifecycle order, plus FAILED")
    void kernelStates() {
        assertEquals(List.of("CREATED", "LAUNCHED", "ACTIVE", "DEACTIVATED", "TERMINATING", "TERMINATED", "FAILED"),
                Arrays.stream(KernelState.values()).map(Enum::name).toList());
    }

    @Nested
    @DisplayName("Catch clauses catch what the seed's except clauses catch")
    class Catching {
        @Test
        @DisplayName("catch (KernelException) catches every kernel error")
        void kernelErrors() {
            List<RuntimeException> kernelErrors = List.of(new KernelNotFoundException("k"),
                    new KernelStateException("k", KernelState.ACTIVE, List.of(KernelState.LAUNCHED)),
                    new KernelAlreadyExistsException("k"), new KernelCompilationException("k", "bad"));
            for (RuntimeException thrown : kernelErrors) {
                try {
                    throw thrown;
                } catch (KernelException e) {
                    assertSame(thrown, e);
                    assertEquals("k", e.kernelId());
                }
            }
        }

        @Test
        @DisplayName("catch (BackendException) catches every backend error, the device errors included")
        void backendErrors() {
            List<RuntimeException> backendErrors = List.of(new BackendNotAvailableException("CUDA"),
                    new BackendExecutionException("CUDA", "x"), new MetalException("x"),
                    new MslCompilationException("s", "e"), new DeviceContextLostException("CUDA", "lost"),
                    new DeviceKernelException("CUDA", "K.k", "K.java", 1, new int[1], 1, new ArithmeticException()));
            for (RuntimeException thrown : backendErrors) {
                try {
                    throw thrown;
                } catch (BackendException e) {
                    assertSame(thrown, e);
                }
            }
            assertEquals("Metal", new MslCompilationException("s", "e").backend());
        }

        @Test
        @DisplayName("catch (QueueException), (MessageException) and (ComputeMemoryException) catch their errors")
        void otherFamilies() {
            assertInstanceOf(QueueException.class, new QueueFullException(1));
            assertInstanceOf(QueueException.class, new QueueEmptyException());
            assertInstanceOf(MessageException.class, new MessageSerializationException("T", "r"));
            assertInstanceOf(MessageException.class, new MessageValidationException("T", "f", "r"));
            assertInstanceOf(ComputeMemoryException.class, new AllocationException(1, "r"));
            assertInstanceOf(ComputeMemoryException.class, new ComputeOutOfMemoryException(1, 0));
        }

        @Test
        @DisplayName("a device out-of-memory is recoverable: an exception, never a java.lang.OutOfMemoryError")
        void deviceOutOfMemoryIsNotAnError() {
            Throwable oom = new ComputeOutOfMemoryException(1, 0);
            assertInstanceOf(RuntimeException.class, oom);
            assertFalse(oom instanceof Error);
        }

        @Test
        @DisplayName("catch (ComputeException) catches everything JDotCompute throws except an error group")
        void rootCatchesAll() {
            superclasses().map(a -> (Class<?>) a.get()[0]).forEach(type -> assertEquals(
                    type != ComputeErrorGroup.class, ComputeException.class.isAssignableFrom(type), type::getName));
        }

        @Test
        @DisplayName("catch (Exception) does not catch a ComputeErrorGroup")
        void errorGroupIsNotAnException() {
            Throwable caught = null;
            try {
                throw new ComputeErrorGroup("closing", List.of(new AssertionError("bug")));
            } catch (Exception e) {
                fail("an error group was caught as an Exception: " + e);
            } catch (Error e) {
                caught = e;
            }
            assertInstanceOf(ComputeErrorGroup.class, caught);
        }
    }
}
