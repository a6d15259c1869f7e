package org.jdotcompute.api.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Exceptions are serializable (the seed's \"picklable for multiprocessing\")")
class SerializationTest {
    private static final String PACKAGE = "org.jdotcompute.api.exceptions";

    /** One fully populated instance of every exception class: cause, extra suppressed, real stack trace. */
    static List<Throwable> oneOfEach() {
        List<Throwable> all = new ArrayList<>();
        all.add(decorate(new ComputeException("plain message", cause())));
        all.add(decorate(new KernelException("k-1", "bad 42", cause())));
        all.add(decorate(new KernelNotFoundException("it's \"quoted\"", cause())));
        all.add(decorate(new KernelStateException("k-2", KernelState.TERMINATED,
                List.of(KernelState.LAUNCHED, KernelState.DEACTIVATED), cause())));
        all.add(decorate(new KernelAlreadyExistsException("k-3", cause())));
        all.add(decorate(new KernelCompilationException("k-4", "invokedynamic at Kernels.java:12", "OpenCL",
                "<kernel>:3:5: error: use of undeclared identifier 'x'\n1 error generated.", cause())));
        all.add(decorate(new QueueException("queue broke", cause())));
        all.add(decorate(new QueueFullException(-1, cause())));
        all.add(decorate(new QueueEmptyException(cause())));
        all.add(decorate(new MessageException("message broke", cause())));
        all.add(decorate(new MessageSerializationException("Order", "component 'payload' is an Object", cause())));
        all.add(decorate(new MessageValidationException("Order", "qty", "must be >= 0", cause())));
        all.add(decorate(new BackendException("PluginX", "plugin failed", cause())));
        all.add(decorate(new BackendNotAvailableException("CUDA", cause())));
        all.add(decorate(new BackendExecutionException("OpenCL", "clFinish failed", -5, "CL_OUT_OF_RESOURCES",
                cause())));
        all.add(decorate(new MetalException("no Metal device", cause())));
        all.add(decorate(new MslCompilationException("add", "error: expected ';'", cause())));
        all.add(decorate(new ComputeMemoryException("memory broke", cause())));
        all.add(decorate(new AllocationException(-8, "negative size", cause())));
        all.add(decorate(new ComputeOutOfMemoryException(1L << 40, -1, cause())));
        all.add(decorate(new DeviceContextLostException("CUDA", "CUDA_ERROR_ILLEGAL_ADDRESS (700)", 700,
                "CUDA_ERROR_ILLEGAL_ADDRESS", cause())));
        all.add(deviceKernelException());
        all.add(nestedGroup());
        all.add(decorate(new ComputeErrorGroup("closing runtime",
                List.of(new AssertionError("handler invariant"), nestedGroup()), cause())));
        return all;
    }

    static Throwable cause() {
        return new IllegalStateException("the cause", new IOException("root cause"));
    }

    static <T extends Throwable> T decorate(T t) {
        t.addSuppressed(new IOException("suppressed while failing"));
        return t;
    }

    static ComputeExceptionGroup nestedGroup() {
        ComputeExceptionGroup inner = new ComputeExceptionGroup("terminating kernels",
                List.of(new KernelStateException("a", KernelState.FAILED, List.of(), new ArithmeticException("/ by zero")),
                        new QueueFullException(16)));
        return decorate(new ComputeExceptionGroup("closing runtime",
                List.of(new AllocationException(3, "closed"), inner, new IOException("disk")), cause()));
    }

    static DeviceKernelException deviceKernelException() {
        DeviceErrorSite site = DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + DeviceErrorSite.PLACEHOLDER + " out of bounds for length " + DeviceErrorSite.PLACEHOLDER,
                List.of(DeviceErrorSite.ArgumentType.INT, DeviceErrorSite.ArgumentType.INT), "Kernels.add",
                SerializationTest.class.getName(), "add", "Kernels.java", 42);
        return decorate(DeviceKernelException.fromDevice("CUDA", site, List.of(10, 10), new int[] {7, 1, 0}, 3,
                SerializationTest.class.getClassLoader()));
    }

    static Throwable roundTrip(Throwable t) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Throwable) in.readObject();
        }
    }

    static List<Named<Throwable>> cases() {
        return oneOfEach().stream().map(t -> Named.of(t.getClass().getSimpleName(), t)).toList();
    }

    @ParameterizedTest(name = "{0} round-trips with class, message, fields, cause, suppressed and stack trace")
    @MethodSource("cases")
    void roundTripKeepsEverything(Throwable original) throws Exception {
        Throwable copy = roundTrip(original);

        assertNotSame(original, copy);
        assertSame(original.getClass(), copy.getClass());
        assertEquals(original.getMessage(), copy.getMessage());
        assertTrue(copy.getStackTrace().length > 0, "a stack trace survives");
        assertEquals(ThrowableFingerprint.of(original), ThrowableFingerprint.of(copy));
    }

    @Test
    @DisplayName("a group's children are still its suppressed exceptions after a round trip (same objects)")
    void groupChildrenStayShared() throws Exception {
        ComputeExceptionGroup copy = (ComputeExceptionGroup) roundTrip(nestedGroup());

        Throwable[] suppressed = copy.getSuppressed();
        for (int i = 0; i < copy.exceptions().size(); i++) {
            assertSame(copy.exceptions().get(i), suppressed[i]);
        }
        assertEquals(4, copy.leaves().size());
    }

    @Nested
    @DisplayName("The round-trip cases cover the package")
    class Coverage {
        @Test
        @DisplayName("every public Throwable class of the exceptions package has a round-trip case")
        void everyPublicThrowableHasACase() throws Exception {
            Set<String> throwables = publicThrowablesOfPackage();
            Set<String> covered = oneOfEach().stream().map(t -> t.getClass().getName())
                    .collect(Collectors.toCollection(TreeSet::new));

            assertTrue(throwables.contains(ComputeException.class.getName())
                    && throwables.contains(ComputeErrorGroup.class.getName())
                    && throwables.size() >= 24, "the scan found the package's classes: " + throwables);
            Set<String> missing = new TreeSet<>(throwables);
            missing.removeAll(covered);
            assertEquals(Set.of(), missing, "public Throwables of " + PACKAGE + " without a round-trip case");
        }

        /** Scans the package in the module (the module path, not the class path) for public Throwable classes. */
        private Set<String> publicThrowablesOfPackage() throws IOException, ClassNotFoundException {
            Module module = ComputeException.class.getModule();
            assertTrue(module.getPackages().contains(PACKAGE));
            ResolvedModule resolved = module.getLayer().configuration().findModule(module.getName()).orElseThrow();
            ModuleReference reference = resolved.reference();
            String prefix = PACKAGE.replace('.', '/') + '/';
            Set<String> found = new TreeSet<>();
            List<String> names;
            try (ModuleReader reader = reference.open()) {
                names = reader.list().filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                        .filter(n -> n.indexOf('/', prefix.length()) < 0).toList();
            }
            for (String name : names) {
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                Class<?> c = Class.forName(className, false, ComputeException.class.getClassLoader());
                if (Throwable.class.isAssignableFrom(c) && isPublicApi(c)) {
                    found.add(c.getName());
                }
            }
            return found;
        }

        private boolean isPublicApi(Class<?> c) {
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                if (!Modifier.isPublic(k.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
    }

    @Nested
    @DisplayName("Through a real child JVM")
    class ChildJvm {
        @Test
        @DisplayName("a leaf, a nested group and a DeviceKernelException cross to another JVM and back unchanged")
        void throughAChildJvm(@TempDir Path temp) throws Exception {
            List<Throwable> sent = List.of(
                    oneOfEach().stream().filter(t -> t instanceof KernelStateException).findFirst().orElseThrow(),
                    nestedGroup(), deviceKernelException());
            List<String> fingerprints = sent.stream().map(ThrowableFingerprint::of).toList();

            Process child = startChild(temp);
            try (OutputStream stdin = child.getOutputStream();
                    ObjectOutputStream out = new ObjectOutputStream(stdin)) {
                out.writeInt(sent.size());
                for (int i = 0; i < sent.size(); i++) {
                    out.writeObject(sent.get(i));
                    out.writeObject(fingerprints.get(i));
                }
            }
            byte[] reply;
            try (InputStream stdout = child.getInputStream()) {
                reply = stdout.readAllBytes();
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
            String stderr = Files.readString(temp.resolve("child-stderr.txt"), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "child exit status; its stderr:\n" + stderr);

            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(reply))) {
                assertEquals(sent.size(), in.readInt());
                for (int i = 0; i < sent.size(); i++) {
                    Throwable back = (Throwable) in.readObject();
                    String childFingerprint = (String) in.readObject();
                    assertSame(sent.get(i).getClass(), back.getClass());
                    assertEquals(fingerprints.get(i), childFingerprint, "what the child saw");
                    assertEquals(fingerprints.get(i), ThrowableFingerprint.of(back), "what came back");
                }
            }
        }

        private Process startChild(Path temp) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElseThrow(() -> new IllegalStateException("this JVM's java command is unknown"));
            String modulePath = System.getProperty("jdk.module.path");
            assertTrue(modulePath != null && !modulePath.isEmpty(), "the tests run on the module path");
            List<String> command = List.of(java, "--module-path", modulePath, "--patch-module",
                    "org.jdotcompute.api=" + testClassesRoot(), "-m",
                    "org.jdotcompute.api/" + SerializationChild.class.getName());
            return new ProcessBuilder(command).redirectError(temp.resolve("child-stderr.txt").toFile()).start();
        }

        /** The directory Surefire patched the test classes from (the child needs SerializationChild). */
        private Path testClassesRoot() {
            String resource = SerializationChild.class.getSimpleName() + ".class";
            URL url = SerializationChild.class.getResource(resource);
            assertTrue(url != null && url.getProtocol().equals("file"), "test classes are in a directory: " + url);
            Path file = Path.of(URI.create(url.toString()));
            int depth = SerializationChild.class.getName().split("\\.").length;
            Path root = file;
            for (int i = 0; i < depth; i++) {
                root = root.getParent();
            }
            return root;
        }
    }
}
