package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Objects;

import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * EXC: what the backend throws survives a serialization round trip — class, message, fields,
 * cause chain and stack traces — so failures can cross process boundaries.
 */
public abstract class ExceptionRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected ExceptionRules() {
    }


    /** Serializes and deserializes {@code t}, resolving classes through its own class loader first. */
    static <T extends Throwable> T roundTrip(T t) {
        byte[] bytes;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(t);
        } catch (IOException e) {
            throw new AssertionError(t.getClass().getName() + " cannot be serialized: " + e, e);
        }
        bytes = buffer.toByteArray();
        ClassLoader loader = t.getClass().getClassLoader();
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            @SuppressWarnings("unchecked")
            T back = (T) in.readObject();
            return back;
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(t.getClass().getName() + " cannot be deserialized: " + e, e);
        }
    }

    /** Checks class, message, stack trace and the cause chain of {@code back} against {@code original}. */
    static void assertSameThrowable(Throwable original, Throwable back) {
        Throwable o = original;
        Throwable b = back;
        int depth = 0;
        while (o != null) {
            String where = depth == 0 ? "the exception" : "cause " + depth;
            if (b == null) {
                fail(where + " (" + o + ") was lost in the round trip");
            }
            assertEquals(o.getClass(), b.getClass(), where + "'s class");
            assertEquals(o.getMessage(), b.getMessage(), where + "'s message");
            assertArrayEquals(o.getStackTrace(), b.getStackTrace(), where + "'s stack trace");
            assertEquals(o.getSuppressed().length, b.getSuppressed().length, where + "'s suppressed exceptions");
            o = o.getCause();
            b = b.getCause();
            depth++;
        }
        assertEquals(null, b, "the round trip added a cause");
    }

    @Test
    @DisplayName("EXC-001 a DeviceKernelException from the backend survives a serialization round trip")
    public void deviceKernelException(Kit kit) {
        kit.assume(Feature.DEVICE_EXCEPTIONS, "EXC-001 makes a kernel throw on the device");
        CorpusKernel k = Corpus.byName("failure.throwDynamicInt");
        ComputeRuntime rt = kit.runtime(k.checks());
        DeviceKernelException e = kit.launchFailing(rt, rt.compile(k.owner(), k.methodName()), k.range(),
                k.inputs(kit.seedFor("EXC-001")).toArray());
        DeviceKernelException back = roundTrip(e);
        assertSameThrowable(e, back);
        assertEquals(e.backend(), back.backend(), "backend()");
        assertEquals(e.reason(), back.reason(), "reason()");
        assertEquals(e.kernelName(), back.kernelName(), "kernelName()");
        assertEquals(e.sourceFile(), back.sourceFile(), "sourceFile()");
        assertEquals(e.sourceLine(), back.sourceLine(), "sourceLine()");
        assertArrayEquals(e.globalId(), back.globalId(), "globalId()");
        assertEquals(e.failureCount(), back.failureCount(), "failureCount()");
    }

    @Test
    @DisplayName("EXC-002 a ComputeOutOfMemoryException from the backend survives a serialization round trip")
    public void outOfMemory(Kit kit) {
        try (ComputeRuntime rt = kit.open(new BackendConfig(CheckMode.INDEX, MemoryRules.LIMIT))) {
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                    () -> rt.allocate(MemoryRules.LIMIT * 2));
            ComputeOutOfMemoryException back = roundTrip(e);
            assertSameThrowable(e, back);
            assertEquals(e.requested(), back.requested(), "requested()");
            assertEquals(e.available(), back.available(), "available()");
        }
    }

    @Test
    @DisplayName("EXC-003 a KernelCompilationException from the backend survives a serialization round trip")
    public void compilation(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        // Not valid in any dialect: a backend with source kernels rejects it, one without rejects compileSource.
        KernelCompilationException e = assertThrows(KernelCompilationException.class, () -> rt.compileSource(
                SourceKernel.of("conformanceBroken", "this is ) not ( kernel source in any dialect", int[].class)));
        assertEquals(kit.status().displayName(), e.backend(), "backend(): the backend rejected the source");
        KernelCompilationException back = roundTrip(e);
        assertSameThrowable(e, back);
        assertEquals(e.kernelId(), back.kernelId(), "kernelId()");
        assertEquals(e.reason(), back.reason(), "reason()");
        assertEquals(e.backend(), back.backend(), "backend()");
        assertEquals(e.compilerLog(), back.compilerLog(), "compilerLog()");
    }

    @Test
    @DisplayName("EXC-004 an AllocationException survives a serialization round trip")
    public void allocation(Kit kit) {
        AllocationException e = assertThrows(AllocationException.class, () -> kit.runtime().allocate(-1));
        AllocationException back = roundTrip(e);
        assertSameThrowable(e, back);
        assertEquals(e.size(), back.size(), "size()");
        assertEquals(e.reason(), back.reason(), "reason()");
    }

    /** Resolves classes through a given loader first (a plugin's exception classes), then the default way. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, Objects.requireNonNull(loader));
                } catch (ClassNotFoundException notThere) {
                    return super.resolveClass(desc);
                }
            }
            return super.resolveClass(desc);
        }
    }
}
