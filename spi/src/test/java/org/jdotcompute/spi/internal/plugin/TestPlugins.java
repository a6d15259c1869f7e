package org.jdotcompute.spi.internal.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.jdotcompute.spi.SpiVersion;

/**
 * Builds plugin jars at test time: compiles module sources with the system Java compiler against
 * the platform's modules ({@code org.jdotcompute.api}, {@code org.jdotcompute.spi}) and jars the
 * classes with {@code java.util.jar}.
 */
final class TestPlugins {
    private TestPlugins() {
    }

    /** Where a module of the boot layer comes from (a jar or a classes directory). */
    static Path platformModule(String name) {
        URI uri = ModuleLayer.boot().configuration().findModule(name).orElseThrow(
                () -> new IllegalStateException(name + " is not in the boot layer; run the tests on the module path"))
                .reference().location().orElseThrow();
        return Path.of(uri);
    }

    /** A module to build: its name, version, module-info body and other sources (relative path → text). */
    static final class ModuleSource {
        final String name;
        String version = "1.0";
        String moduleInfo;
        final Map<String, String> files = new LinkedHashMap<>();

        ModuleSource(String name) {
            this.name = name;
        }

        ModuleSource version(String v) {
            this.version = v;
            return this;
        }

        ModuleSource moduleInfo(String text) {
            this.moduleInfo = text;
            return this;
        }

        ModuleSource file(String path, String text) {
            files.put(path, text);
            return this;
        }

        /**
         * Compiles the module against the platform's modules and {@code modulePath}, and jars it
         * as {@code jar} (parent directories are created).
         */
        Path jar(Path jar, Path... modulePath) {
            try {
                Path work = Files.createTempDirectory("jdc-plugin-" + name + "-");
                Path src = work.resolve("src");
                Path classes = work.resolve("classes");
                Files.createDirectories(classes);
                List<Path> sources = new ArrayList<>();
                Map<String, String> all = new LinkedHashMap<>(files);
                all.put("module-info.java", moduleInfo);
                for (Map.Entry<String, String> e : all.entrySet()) {
                    Path file = src.resolve(e.getKey());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, e.getValue());
                    sources.add(file);
                }
                List<Path> mp = new ArrayList<>(List.of(platformModule("org.jdotcompute.api"),
                        platformModule("org.jdotcompute.spi")));
                mp.addAll(List.of(modulePath));
                compile(sources, classes, mp);
                Files.createDirectories(jar.toAbsolutePath().getParent());
                jarDirectory(classes, jar);
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void compile(List<Path> sources, Path classes, List<Path> modulePath) throws IOException {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            StringWriter out = new StringWriter();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", classes.toString(), "--module-path",
                        modulePath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                        "--module-version", version, "-proc:none", "-Xlint:none");
                boolean ok = javac.getTask(out, files, diagnostics, options, null,
                        files.getJavaFileObjectsFromPaths(sources)).call();
                if (!ok) {
                    throw new IllegalStateException("test plugin module " + name + " does not compile: " + out
                            + diagnostics.getDiagnostics());
                }
            }
        }
    }

    /** Jars the contents of {@code dir} (a classes directory or an exploded module) as {@code jar}. */
    static void jarDirectory(Path dir, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String entry = dir.relativize(p).toString().replace('\\', '/');
                if (entry.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        // a new file, not an overwrite: a loaded plugin may still read the old one
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A copy of a platform module as a jar, e.g. to make a plugin that bundles its own api. */
    static Path copyOfPlatformModule(String name, Path jar) throws IOException {
        Path from = platformModule(name);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        if (Files.isDirectory(from)) {
            jarDirectory(from, jar);
        } else {
            Files.copy(from, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }

    // ---- the fake backend every test plugin is made of ----

    /** How a fake backend behaves; the defaults make a well-behaved backend. */
    static final class Fake {
        final String module;
        final String id;
        String version = "1.0";
        String displayName;
        int spiVersion = SpiVersion.CURRENT;
        String constructor = "";
        String probe = "";
        /** Statements run when the backend opens (may start threads); {@code worker} is a field. */
        String open = "";
        String close = "";
        final List<String> requires = new ArrayList<>();

        Fake(String module, String id) {
            this.module = module;
            this.id = id;
            this.displayName = "\"Fake " + id + "\"";
        }

        Fake version(String v) {
            this.version = v;
            return this;
        }

        /** A Java expression for {@code displayName()}. */
        Fake displayName(String expression) {
            this.displayName = expression;
            return this;
        }

        Fake spiVersion(int v) {
            this.spiVersion = v;
            return this;
        }

        Fake constructor(String statements) {
            this.constructor = statements;
            return this;
        }

        Fake probe(String statements) {
            this.probe = statements;
            return this;
        }

        Fake open(String statements) {
            this.open = statements;
            return this;
        }

        Fake close(String statements) {
            this.close = statements;
            return this;
        }

        Fake requires(String moduleName) {
            requires.add(moduleName);
            return this;
        }

        /** A backend thread that runs until interrupted; its backend's close() does not stop it. */
        Fake leavesAThread() {
            return open("""
                    worker = new Thread(() -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            java.util.concurrent.locks.LockSupport.park();
                        }
                    }, "%s-worker");
                    worker.setDaemon(true);
                    worker.start();
                    """.formatted(id));
        }

        /** A backend thread that ignores interrupts until {@code stopFile} exists. */
        Fake leavesAStubbornThread(Path stopFile) {
            return open("""
                    worker = new Thread(() -> {
                        while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) {
                            Thread.interrupted();
                            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                        }
                    }, "%s-stubborn");
                    worker.setDaemon(true);
                    worker.start();
                    """.formatted(stopFile.toString().replace("\\", "\\\\"), id));
        }

        private String pkg() {
            return module;
        }

        ModuleSource source() {
            String pkgPath = pkg().replace('.', '/');
            String moduleInfo = "module " + module + " {\n    requires org.jdotcompute.spi;\n"
                    + requires.stream().map(r -> "    requires " + r + ";\n").collect(Collectors.joining())
                    + "\n    provides org.jdotcompute.spi.BackendProvider with " + pkg() + ".FakeProvider;\n}\n";
            String provider = """
                    package %1$s;

                    import java.util.List;
                    import java.util.Map;

                    import org.jdotcompute.api.DeviceInfo;
                    import org.jdotcompute.spi.Availability;
                    import org.jdotcompute.spi.Backend;
                    import org.jdotcompute.spi.BackendConfig;
                    import org.jdotcompute.spi.BackendProvider;

                    public final class FakeProvider implements BackendProvider {
                        static final DeviceInfo DEVICE = new DeviceInfo("%2$s device", "Example",
                                DeviceInfo.DeviceType.CPU, 1 << 20, 1, "1", Map.of());

                        public FakeProvider() {
                            %3$s
                        }

                        @Override
                        public String id() {
                            return "%2$s";
                        }

                        @Override
                        public String displayName() {
                            return %4$s;
                        }

                        @Override
                        public int priority() {
                            return 10;
                        }

                        @Override
                        public int spiVersion() {
                            return %5$d;
                        }

                        @Override
                        public Availability probe() {
                            %6$s
                            return Availability.available(List.of(DEVICE));
                        }

                        @Override
                        public Backend open(BackendConfig config) {
                            return new FakeBackend();
                        }
                    }
                    """.formatted(pkg(), id, constructor, displayName, spiVersion, probe);
            String backend = """
                    package %1$s;

                    import java.lang.foreign.MemorySegment;
                    import java.lang.foreign.ValueLayout;
                    import java.util.List;
                    import java.util.Set;
                    import java.util.concurrent.atomic.AtomicLong;

                    import org.jdotcompute.api.Capabilities;
                    import org.jdotcompute.api.DeviceBuffer;
                    import org.jdotcompute.api.DeviceInfo;
                    import org.jdotcompute.api.MemoryStats;
                    import org.jdotcompute.api.Range;
                    import org.jdotcompute.api.SourceKernel;
                    import org.jdotcompute.api.exceptions.KernelCompilationException;
                    import org.jdotcompute.spi.Backend;
                    import org.jdotcompute.spi.BackendKernel;
                    import org.jdotcompute.spi.KernelRequest;

                    /** Runs one "dialect" kernel, fill(int[] a, int v): a[i] = v for every i of the range. */
                    final class FakeBackend implements Backend {
                        private final AtomicLong launches = new AtomicLong();
                        Thread worker;

                        FakeBackend() {
                            %2$s
                        }

                        @Override
                        public DeviceInfo device() {
                            return FakeProvider.DEVICE;
                        }

                        @Override
                        public Capabilities capabilities() {
                            return new Capabilities(Set.of(Capabilities.Feature.SOURCE_KERNELS), 0, 1, 1 << 20);
                        }

                        @Override
                        public BackendKernel compile(KernelRequest request) {
                            throw new KernelCompilationException(request.kernelName(), "the fake backend compiles no Java");
                        }

                        @Override
                        public BackendKernel compileSource(SourceKernel source) {
                            if (!source.source().equals("fill")) {
                                throw new KernelCompilationException(source.entryPoint(), "only 'fill' is known");
                            }
                            return new FillKernel(source.entryPoint());
                        }

                        @Override
                        public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
                            FillKernel fill = (FillKernel) kernel;
                            int value = (Integer) arguments.get(1);
                            for (long i = 0; i < range.size(); i++) {
                                switch (arguments.get(0)) {
                                    case int[] a -> a[(int) i] = value;
                                    case FakeBuffer b -> b.segment.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, value);
                                    default -> throw new IllegalArgumentException("not a fake argument: " + arguments.get(0));
                                }
                            }
                            fill.launches++;
                            launches.incrementAndGet();
                        }

                        @Override
                        public DeviceBuffer allocate(long bytes) {
                            return new FakeBuffer(MemorySegment.ofArray(new byte[(int) bytes]));
                        }

                        @Override
                        public MemoryStats memoryStats() {
                            return new MemoryStats(0, 0, 0, 0, 0, 1 << 20);
                        }

                        @Override
                        public long launchCount() {
                            return launches.get();
                        }

                        @Override
                        public void synchronize() {
                        }

                        @Override
                        public void close() {
                            %3$s
                        }

                        static final class FillKernel implements BackendKernel {
                            final String name;
                            long launches;

                            FillKernel(String name) {
                                this.name = name;
                            }

                            @Override
                            public String name() {
                                return name;
                            }

                            @Override
                            public void close() {
                            }
                        }

                        static final class FakeBuffer implements DeviceBuffer {
                            final MemorySegment segment;
                            volatile boolean closed;

                            FakeBuffer(MemorySegment segment) {
                                this.segment = segment;
                            }

                            @Override
                            public long byteSize() {
                                return segment.byteSize();
                            }

                            @Override
                            public MemorySegment hostSegment() {
                                return segment;
                            }

                            @Override
                            public void copyToDevice() {
                            }

                            @Override
                            public void copyToHost() {
                            }

                            @Override
                            public boolean isClosed() {
                                return closed;
                            }

                            @Override
                            public void close() {
                                closed = true;
                            }
                        }
                    }
                    """.formatted(pkg(), open, close);
            return new ModuleSource(module).version(version).moduleInfo(moduleInfo)
                    .file(pkgPath + "/FakeProvider.java", provider)
                    .file(pkgPath + "/FakeBackend.java", backend);
        }

        /** Builds this fake backend's jar. */
        Path jar(Path jar, Path... modulePath) {
            return source().jar(jar, modulePath);
        }
    }

    /** A library module {@code com.example.lib} whose {@code Lib.version()} returns {@code text}. */
    static Path library(String version, String text, Path jar) {
        return new ModuleSource("com.example.lib").version(version)
                .moduleInfo("module com.example.lib {\n    exports com.example.lib;\n}\n")
                .file("com/example/lib/Lib.java", """
                        package com.example.lib;

                        public final class Lib {
                            private Lib() {
                            }

                            public static String version() {
                                return "%s";
                            }
                        }
                        """.formatted(text))
                .jar(jar);
    }
}
