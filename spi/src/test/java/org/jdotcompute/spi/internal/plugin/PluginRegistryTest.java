package org.jdotcompute.spi.internal.plugin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.PluginState;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.SpiVersion;
import org.jdotcompute.spi.internal.plugin.TestPlugins.Fake;
import org.jdotcompute.spi.internal.plugin.TestPlugins.ModuleSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Backend plugins")
class PluginRegistryTest {
    private static final SourceKernel FILL = SourceKernel.of("fill", "fill", int[].class, int.class);

    @TempDir
    Path tmp;
    Path plugins;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void directories() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private PluginRegistry open(Path... dirs) {
        return closing(PluginRegistry.open(List.of(dirs), List.of(), Duration.ofSeconds(5)));
    }

    private static BackendStatus backend(List<BackendStatus> statuses, String id) {
        return statuses.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no backend '" + id + "' in " + statuses));
    }

    private static WeakReference<ClassLoader> loaderOf(PluginRegistry registry, String id) {
        return new WeakReference<>(registry.layer(id).orElseThrow().modules().iterator().next().getClassLoader());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    @DisplayName("the tests really run on the module path")
    void runsOnTheModulePath() {
        assertTrue(getClass().getModule().isNamed(), "tests must be patched into org.jdotcompute.spi");
    }

    @Test
    @DisplayName("the plugin backend wrapper forwards every method of Backend")
    void wrapperForwardsEverything() throws NoSuchMethodException {
        for (Method m : Backend.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = PluginBackend.class.getMethod(m.getName(), m.getParameterTypes());
            assertSame(PluginBackend.class, own.getDeclaringClass(),
                    "PluginBackend must override " + m + " to run it with the plugin's context class loader");
        }
    }

    @Test
    @DisplayName("plugins need the platform on the module path, and say so when it is on the class path")
    void classPathPlatform() {
        var e = assertThrows(IllegalStateException.class,
                () -> ParentLayer.of(ClassLoader.getSystemClassLoader().getUnnamedModule()));
        assertEquals("backend plugins need JDotCompute on the module path, but org.jdotcompute.spi is on the class"
                + " path, so a plugin module cannot require it; put jdotcompute-api and jdotcompute-spi on the module"
                + " path (--module-path)", e.getMessage());
    }

    @Nested
    @DisplayName("a good plugin")
    class GoodPlugin {
        Path dir;
        Path jar;

        @BeforeEach
        void build() {
            dir = plugins.resolve("good");
            jar = new Fake("com.example.good", "good").version("1.2").jar(dir.resolve("good.jar"));
        }

        @Test
        @DisplayName("in a sub-directory is loaded into its own layer, a child of the platform's, with one loader")
        void ownLayer() {
            PluginRegistry registry = open(plugins);
            ModuleLayer layer = registry.layer("good").orElseThrow();
            assertEquals(List.of(getClass().getModule().getLayer()), layer.parents());
            Module module = layer.findModule("com.example.good").orElseThrow();
            assertNotSame(getClass().getClassLoader(), module.getClassLoader());
            assertSame(ClassLoader.getPlatformClassLoader(), module.getClassLoader().getParent(),
                    "the class path must stay invisible to plugins");
            assertTrue(module.isNativeAccessEnabled(), "plugins are granted native access explicitly");
        }

        @Test
        @DisplayName("is listed with id, version, location, state, modules and backends")
        void listed() {
            PluginInfo info = open(plugins).plugin("good");
            assertEquals("good", info.id());
            assertEquals("1.2", info.version());
            assertEquals(dir, info.location());
            assertEquals(PluginState.LOADED, info.state());
            assertEquals("", info.reason());
            assertEquals(List.of("com.example.good@1.2"), info.modules());
            BackendStatus s = info.backends().getFirst();
            assertEquals("good", s.id());
            assertTrue(s.available(), s.reason());
            assertEquals("1.2", s.version());
            assertEquals("plugin 'good' (" + dir + "): com.example.good (" + jar.toUri() + ")", s.location());
        }

        @Test
        @DisplayName("as a single jar is a plugin named after the file")
        void singleJar() throws IOException {
            Files.move(jar, plugins.resolve("solo.jar"));
            Files.delete(dir);
            PluginInfo info = open(plugins).plugin("solo");
            assertEquals(PluginState.LOADED, info.state());
            assertEquals(plugins.resolve("solo.jar"), info.location());
            assertEquals("good", info.backends().getFirst().id());
        }

        @Test
        @DisplayName("opens a runtime whose kernels and buffers run on the plugin's backend")
        void runtime() {
            PluginRegistry registry = open(plugins);
            try (ComputeRuntime runtime = ComputeRuntime.builder().plugins(registry).backend("good").build()) {
                assertEquals("good", runtime.backend().id());
                assertEquals("Fake good", runtime.backend().displayName());
                assertEquals("good device", runtime.backend().device().name());
                assertSame(registry, runtime.plugins());
                assertTrue(runtime.discoveredBackends().stream().anyMatch(s -> s.id().equals("good") && s.available()));
                CompiledKernel fill = runtime.compileSource(FILL);
                int[] a = new int[8];
                runtime.launch(fill, Range.of(8), a, 7);
                assertEquals(List.of(7, 7, 7, 7, 7, 7, 7, 7), Arrays.stream(a).boxed().toList());
                try (DeviceBuffer buffer = runtime.allocateInts(4)) {
                    runtime.launch(fill, Range.of(4), buffer, 3);
                    int[] back = new int[4];
                    buffer.read(back);
                    assertEquals(List.of(3, 3, 3, 3), Arrays.stream(back).boxed().toList());
                }
                assertEquals(2, runtime.backend().launchCount());
            }
        }

        @Test
        @DisplayName("is discovered by a builder with pluginDirectory(dir), whose runtime owns and closes the manager")
        void builderDirectory() {
            List<BackendStatus> found = ComputeRuntime.builder().pluginDirectory(plugins).discover();
            assertTrue(backend(found, "good").available());
            PluginManager owned;
            try (ComputeRuntime runtime = ComputeRuntime.builder().pluginDirectory(plugins).backend("good").build()) {
                owned = runtime.plugins();
                assertEquals(List.of(plugins), owned.directories());
                assertEquals(PluginState.LOADED, owned.plugin("good").state());
            }
            assertTrue(owned.isClosed(), "closing the runtime closes the plugins it loaded");
        }

        @Test
        @DisplayName("is discovered through -Djdotcompute.plugins")
        void systemProperty() {
            System.setProperty(SystemProperties.PLUGINS, plugins.toString());
            try {
                assertTrue(backend(ComputeRuntime.discover(), "good").available());
            } finally {
                System.clearProperty(SystemProperties.PLUGINS);
            }
        }

        @Test
        @DisplayName("is logged with its location when it is loaded")
        void logged() {
            List<String> messages = new ArrayList<>();
            Logger logger = Logger.getLogger(PluginRegistry.class.getName());
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord r) {
                    messages.add(r.getLevel() + " " + r.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            logger.addHandler(handler);
            try {
                open(plugins);
            } finally {
                logger.removeHandler(handler);
            }
            assertEquals(List.of("INFO JDotCompute loaded plugin 'good' (" + dir + "), version 1.2, modules"
                    + " [com.example.good@1.2], backends: good (available)"), messages);
        }
    }

    @Nested
    @DisplayName("plugin directories")
    class Directories {
        @Test
        @DisplayName("that do not exist are rejected, naming the directory")
        void missing() {
            Path nowhere = tmp.resolve("nowhere");
            var e = assertThrows(IllegalArgumentException.class, () -> PluginManager.open(nowhere));
            assertEquals("plugin directory " + nowhere + " does not exist; give an existing directory whose"
                    + " sub-directories (or jar files) are the plugins", e.getMessage());
            var viaBuilder = assertThrows(IllegalArgumentException.class,
                    () -> ComputeRuntime.builder().pluginDirectory(nowhere).build());
            assertEquals(e.getMessage(), viaBuilder.getMessage());
        }

        @Test
        @DisplayName("that are files are rejected, naming them")
        void notADirectory() throws IOException {
            Path file = Files.writeString(tmp.resolve("file.jar"), "x");
            var e = assertThrows(IllegalArgumentException.class, () -> PluginManager.open(file));
            assertEquals("plugin directory " + file + " is not a directory; give the directory that holds the"
                    + " plugins (each sub-directory or jar file in it is one plugin)", e.getMessage());
        }

        @Test
        @DisplayName("with two plugins of the same id are rejected, naming both")
        void duplicateIds() throws IOException {
            new Fake("com.example.twin", "twin").jar(plugins.resolve("twin/twin.jar"));
            Files.copy(plugins.resolve("twin/twin.jar"), plugins.resolve("twin.jar"));
            var e = assertThrows(IllegalArgumentException.class, () -> PluginManager.open(plugins));
            assertEquals("two plugins have the id 'twin': " + plugins.resolve("twin") + " and "
                    + plugins.resolve("twin.jar") + "; rename one of them (a plugin's id is its sub-directory's"
                    + " name or its jar's file name without .jar)", e.getMessage());
        }

        @Test
        @DisplayName("given twice are read once; hidden entries and other files are skipped")
        void onceAndOnlyPlugins() throws IOException {
            new Fake("com.example.one", "one").jar(plugins.resolve("one.jar"));
            Files.writeString(plugins.resolve("README.txt"), "not a plugin");
            Files.createDirectories(plugins.resolve(".cache"));
            PluginRegistry registry = open(plugins, plugins.resolve("..").resolve("plugins"));
            assertEquals(List.of("one"), registry.plugins().stream().map(PluginInfo::id).toList());
        }

        @Test
        @DisplayName("and the builder's plugins(manager) cannot be combined")
        void notBoth() {
            PluginRegistry registry = open(plugins);
            var e = assertThrows(IllegalStateException.class,
                    () -> ComputeRuntime.builder().pluginDirectory(plugins).plugins(registry));
            assertEquals("pluginDirectory(...) was called with [" + plugins + "], so plugins(PluginManager) cannot"
                    + " be set; open the manager with these directories as well, or use one of the two", e.getMessage());
        }
    }

    @Nested
    @DisplayName("a broken plugin is reported unavailable, and the others keep working")
    class BrokenPlugins {
        Path good;

        @BeforeEach
        void goodNeighbour() {
            good = new Fake("com.example.good", "good").jar(plugins.resolve("good.jar"));
        }

        /** Loads the directory, checks the good neighbour and the failed plugin; returns its reason. */
        private String failure(String id) {
            PluginRegistry registry = open(plugins);
            PluginInfo info = registry.plugin(id);
            assertEquals(PluginState.FAILED, info.state(), info.toString());
            assertEquals(List.of(), info.backends());
            assertEquals(PluginState.LOADED, registry.plugin("good").state());
            List<BackendStatus> found = ComputeRuntime.builder().plugins(registry).discover();
            assertTrue(backend(found, "good").available());
            BackendStatus failed = backend(found, "plugin:" + id);
            assertFalse(failed.available());
            assertEquals(info.reason(), failed.reason());
            assertEquals(info.location().toString(), failed.location());
            try (ComputeRuntime runtime = ComputeRuntime.builder().plugins(registry).backend("good").build()) {
                assertEquals("good", runtime.backend().id());
                assertTrue(runtime.discoveredBackends().contains(failed));
            }
            return info.reason();
        }

        @Test
        @DisplayName("when it bundles its own copy of the api")
        void bundlesApi() throws IOException {
            Path dir = plugins.resolve("bundler");
            new Fake("com.example.bundler", "bundler").jar(dir.resolve("bundler.jar"));
            TestPlugins.copyOfPlatformModule("org.jdotcompute.api", dir.resolve("api.jar"));
            assertEquals("plugin 'bundler' (" + dir + ") bundles its own copy of org.jdotcompute.api ("
                    + dir.resolve("api.jar") + "), which would shadow the platform's: remove that jar from the plugin;"
                    + " the platform provides org.jdotcompute.api and org.jdotcompute.spi to every plugin",
                    failure("bundler"));
        }

        @Test
        @DisplayName("when it bundles its own copy of the spi")
        void bundlesSpi() throws IOException {
            Path dir = plugins.resolve("bundler");
            new Fake("com.example.bundler", "bundler").jar(dir.resolve("bundler.jar"));
            TestPlugins.copyOfPlatformModule("org.jdotcompute.spi", dir.resolve("spi.jar"));
            assertTrue(failure("bundler").startsWith("plugin 'bundler' (" + dir + ") bundles its own copy of"
                    + " org.jdotcompute.spi (" + dir.resolve("spi.jar") + ")"));
        }

        @Test
        @DisplayName("when it bundles a shared JNI binding")
        void bundlesJni() {
            Path dir = plugins.resolve("jni");
            new Fake("com.example.jni", "jni").jar(dir.resolve("jni.jar"));
            new ModuleSource("org.lwjgl").moduleInfo("module org.lwjgl {\n    exports org.lwjgl;\n}\n")
                    .file("org/lwjgl/Version.java", "package org.lwjgl;\n\npublic final class Version {\n}\n")
                    .jar(dir.resolve("lwjgl.jar"));
            assertEquals("plugin 'jni' (" + dir + ") bundles the JNI binding org.lwjgl (" + dir.resolve("lwjgl.jar")
                    + "): a native library can belong to one class loader only, so LWJGL and JCuda stay in the"
                    + " platform's layer; remove that jar from the plugin and put it on the application's module path",
                    failure("jni"));
        }

        @Test
        @DisplayName("when two of its modules split a package")
        void splitInside() {
            Path dir = plugins.resolve("split");
            new Fake("com.example.split", "split").jar(dir.resolve("split.jar"));
            for (String m : List.of("one", "two")) {
                new ModuleSource("com.example." + m).moduleInfo("module com.example." + m + " {\n}\n")
                        .file("com/example/shared/" + m + ".java", "package com.example.shared;\n\nclass " + m + " {\n}\n")
                        .jar(dir.resolve(m + ".jar"));
            }
            assertEquals("plugin 'split' (" + dir + ") has a split package: com.example.shared is in both"
                    + " com.example.one (" + dir.resolve("one.jar") + ") and com.example.two (" + dir.resolve("two.jar")
                    + "); a package must be in one module only: merge the modules or move the package",
                    failure("split"));
        }

        @Test
        @DisplayName("when one of its modules has a package of the platform")
        void splitWithPlatform() {
            Path dir = plugins.resolve("sneaky");
            new Fake("com.example.sneaky", "sneaky").jar(dir.resolve("sneaky.jar"));
            new ModuleSource("com.example.ring").moduleInfo("module com.example.ring {\n}\n")
                    .file("org/jdotcompute/api/ring/Extra.java", "package org.jdotcompute.api.ring;\n\nclass Extra {\n}\n")
                    .jar(dir.resolve("ring.jar"));
            assertEquals("plugin 'sneaky' (" + dir + ") has a split package: org.jdotcompute.api.ring of"
                    + " com.example.ring (" + dir.resolve("ring.jar") + ") is also in the platform's module"
                    + " org.jdotcompute.api; rename the package in the plugin", failure("sneaky"));
        }

        @Test
        @DisplayName("when a module it requires is missing")
        void missingDependency() {
            Path absent = new ModuleSource("com.example.absent")
                    .moduleInfo("module com.example.absent {\n    exports com.example.absent;\n}\n")
                    .file("com/example/absent/Absent.java", "package com.example.absent;\n\npublic class Absent {\n}\n")
                    .jar(tmp.resolve("libs/absent.jar"));
            Path dir = plugins.resolve("needy");
            new Fake("com.example.needy", "needy").requires("com.example.absent").jar(dir.resolve("needy.jar"), absent);
            assertEquals("plugin 'needy' (" + dir + ") is missing a dependency: com.example.needy ("
                    + dir.resolve("needy.jar") + ") requires com.example.absent, which is neither in the plugin nor in"
                    + " the platform's module layer; add the jar of com.example.absent to the plugin", failure("needy"));
        }

        @Test
        @DisplayName("when none of its modules declares a provider")
        void noProvider() {
            TestPlugins.library("1.0", "lib", plugins.resolve("lonely/lib.jar"));
            assertEquals("plugin 'lonely' (" + plugins.resolve("lonely") + ") provides no backend: none of its modules"
                    + " (com.example.lib) declares 'provides org.jdotcompute.spi.BackendProvider with ...' in its"
                    + " module-info (META-INF/services is not read for named modules); add it", failure("lonely"));
        }

        @Test
        @DisplayName("when its directory holds no module")
        void empty() throws IOException {
            Files.createDirectories(plugins.resolve("empty"));
            assertEquals("plugin 'empty' (" + plugins.resolve("empty") + ") contains no modules: put the plugin's jar"
                    + " files in it", failure("empty"));
        }

        @Test
        @DisplayName("when its jar is not a jar")
        void notAJar() throws IOException {
            Path junk = Files.writeString(plugins.resolve("junk.jar"), "this is not a zip file");
            String reason = failure("junk");
            assertTrue(reason.startsWith("plugin 'junk' (" + junk + ") cannot be read as modules: "), reason);
            assertTrue(reason.endsWith("; check that every file in it is a valid jar"), reason);
        }

        @Test
        @DisplayName("backend when it implements another SPI version, with a location naming plugin and jar")
        void wrongSpiVersion() {
            Path jar = new Fake("com.example.future", "future").spiVersion(SpiVersion.CURRENT + 1)
                    .jar(plugins.resolve("future.jar"));
            PluginRegistry registry = open(plugins);
            assertEquals(PluginState.LOADED, registry.plugin("future").state());
            BackendStatus s = backend(ComputeRuntime.builder().plugins(registry).discover(), "future");
            assertFalse(s.available());
            assertEquals("the provider implements SPI version " + (SpiVersion.CURRENT + 1) + " but this engine supports"
                    + " SPI version " + SpiVersion.CURRENT + "; use a Fake future backend built for this JDotCompute"
                    + " release", s.reason());
            assertEquals("plugin 'future' (" + jar + "): com.example.future (" + jar.toUri() + ")", s.location());
            var e = assertThrows(BackendNotAvailableException.class,
                    () -> ComputeRuntime.builder().plugins(registry).backend("future").build());
            assertEquals("[Fake future] Backend not available", e.getMessage());
            assertTrue(backend(registry.plugin("good").backends(), "good").available());
        }

        @Test
        @DisplayName("backend when its provider's constructor throws")
        void constructorThrows() {
            new Fake("com.example.boom", "boom").constructor("throw new IllegalStateException(\"constructor exploded\");")
                    .jar(plugins.resolve("boom.jar"));
            PluginRegistry registry = open(plugins);
            BackendStatus s = backend(registry.plugin("boom").backends(), "com.example.boom.FakeProvider");
            assertFalse(s.available());
            assertTrue(s.reason().startsWith("the provider com.example.boom.FakeProvider could not be instantiated: "),
                    s.reason());
            assertTrue(s.reason().endsWith("java.lang.IllegalStateException: constructor exploded"), s.reason());
            assertTrue(backend(registry.plugin("good").backends(), "good").available());
        }

        @Test
        @DisplayName("backend when its provider's probe throws")
        void probeThrows() {
            new Fake("com.example.boom", "boom").probe("if (true) throw new IllegalStateException(\"probe exploded\");")
                    .jar(plugins.resolve("boom.jar"));
            BackendStatus s = backend(open(plugins).plugin("boom").backends(), "boom");
            assertEquals("the provider's probe() threw (it must not): java.lang.IllegalStateException: probe exploded",
                    s.reason());
        }

        @Test
        @DisplayName("backend when another plugin already has its id")
        void duplicateBackendId() {
            Path first = new Fake("com.example.first", "twin").jar(plugins.resolve("a-first.jar"));
            new Fake("com.example.second", "twin").jar(plugins.resolve("b-second.jar"));
            PluginRegistry registry = open(plugins);
            assertTrue(registry.plugin("a-first").backends().getFirst().available());
            BackendStatus s = registry.plugin("b-second").backends().getFirst();
            assertEquals("the backend id 'twin' is already used by com.example.first.FakeProvider from plugin 'a-first' ("
                    + first + "): com.example.first (" + first.toUri() + "); give the backend of plugin 'b-second' ("
                    + plugins.resolve("b-second.jar") + ") another id", s.reason());
            try (ComputeRuntime runtime = ComputeRuntime.builder().plugins(registry).backend("twin").build()) {
                assertEquals("plugin 'a-first' (" + first + "): com.example.first (" + first.toUri() + ")",
                        runtime.discoveredBackends().stream().filter(b -> b.id().equals("twin") && b.available())
                                .findFirst().orElseThrow().location());
            }
        }

        @Test
        @DisplayName("and naming a backend that only a failed plugin would have provided finds no backend")
        void explicitChoiceOfAFailedPlugin() throws IOException {
            Files.createDirectories(plugins.resolve("empty"));
            PluginRegistry registry = open(plugins);
            var e = assertThrows(BackendNotAvailableException.class,
                    () -> ComputeRuntime.builder().plugins(registry).backend("empty").build());
            assertEquals("[empty] Backend not available", e.getMessage());
            assertTrue(e.getCause().getMessage().contains("the backends that exist are: plugin:empty, good"),
                    e.getCause().getMessage());
        }
    }

    @Nested
    @DisplayName("two plugins depending on different versions of one library")
    class SideBySide {
        @Test
        @DisplayName("each get their own version, side by side")
        void bothWork() {
            for (String v : List.of("1", "2")) {
                Path dir = plugins.resolve("uses-lib-" + v);
                Path lib = TestPlugins.library(v + ".0", "lib " + v, dir.resolve("lib-" + v + ".0.jar"));
                new Fake("com.example.user" + v, "user" + v).requires("com.example.lib")
                        .displayName("\"User of \" + com.example.lib.Lib.version()").jar(dir.resolve("user.jar"), lib);
            }
            PluginRegistry registry = open(plugins);
            assertEquals(List.of("com.example.lib@1.0", "com.example.user1@1.0"), registry.plugin("uses-lib-1").modules());
            assertEquals(List.of("com.example.lib@2.0", "com.example.user2@1.0"), registry.plugin("uses-lib-2").modules());
            List<BackendStatus> found = ComputeRuntime.builder().plugins(registry).discover();
            assertEquals("User of lib 1", backend(found, "user1").displayName());
            assertEquals("User of lib 2", backend(found, "user2").displayName());
            try (ComputeRuntime one = ComputeRuntime.builder().plugins(registry).backend("user1").build();
                    ComputeRuntime two = ComputeRuntime.builder().plugins(registry).backend("user2").build()) {
                assertEquals("User of lib 1", one.backend().displayName());
                assertEquals("User of lib 2", two.backend().displayName());
            }
        }
    }

    @Nested
    @DisplayName("unloading and reloading")
    class Lifecycle {
        @Test
        @DisplayName("unload closes the runtimes on the plugin's backends, stops its threads, and leaves the others")
        void unload() {
            new Fake("com.example.leaky", "leaky").leavesAThread().jar(plugins.resolve("leaky.jar"));
            new Fake("com.example.other", "other").jar(plugins.resolve("other.jar"));
            PluginRegistry registry = open(plugins);
            ComputeRuntime leaky = closing(ComputeRuntime.builder().plugins(registry).backend("leaky").build());
            ComputeRuntime other = closing(ComputeRuntime.builder().plugins(registry).backend("other").build());
            assertTrue(threadAlive("leaky-worker"), "the plugin's backend started its thread");

            PluginInfo info = registry.unload("leaky");

            assertEquals(new PluginInfo("leaky", "1.0", plugins.resolve("leaky.jar"), PluginState.UNLOADED, "",
                    List.of("com.example.leaky@1.0"), List.of()), info);
            assertEquals(info, registry.plugin("leaky"));
            assertTrue(leaky.isClosed(), "a runtime on an unloaded plugin is closed");
            assertFalse(threadAlive("leaky-worker"), "unloading stops the plugin's threads");
            assertFalse(other.isClosed());
            int[] a = new int[2];
            other.launch(other.compileSource(FILL), Range.of(2), a, 5);
            assertEquals(List.of(5, 5), Arrays.stream(a).boxed().toList(), "a runtime on another plugin keeps working");
            assertFalse(ComputeRuntime.builder().plugins(registry).discover().stream().anyMatch(s -> s.id().equals("leaky")));
            var e = assertThrows(BackendNotAvailableException.class,
                    () -> ComputeRuntime.builder().plugins(registry).backend("leaky").build());
            assertEquals("[leaky] Backend not available", e.getMessage());
            assertEquals(info, registry.unload("leaky"), "unloading twice changes nothing");
        }

        @Test
        @DisplayName("an unloaded plugin's class loader is garbage-collected, even while its closed runtime, kernel"
                + " and buffer are still referenced")
        void collected() {
            new Fake("com.example.gc", "gc").leavesAThread().jar(plugins.resolve("gc.jar"));
            PluginRegistry registry = open(plugins);
            WeakReference<ClassLoader> loader = loaderOf(registry, "gc");
            ComputeRuntime runtime = ComputeRuntime.builder().plugins(registry).backend("gc").build();
            CompiledKernel kernel = runtime.compileSource(FILL);
            DeviceBuffer buffer = runtime.allocateInts(4);
            runtime.launch(kernel, Range.of(4), buffer, 9);
            int[] back = new int[4];
            buffer.read(back);
            assertEquals(List.of(9, 9, 9, 9), Arrays.stream(back).boxed().toList());

            registry.unload("gc");

            assertTrue(runtime.isClosed());
            assertTrue(buffer.isClosed());
            assertEquals(1, runtime.backend().launchCount(), "the final count is kept");
            assertEquals("gc device", runtime.backend().device().name(), "the device description is kept");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                System.gc();
                return loader.get() == null;
            });
            assertEquals("CompiledKernel[fill on gc]", kernel.toString(), "the references were held until here");
        }

        @Test
        @DisplayName("a thread that ignores the interrupt is reported by name, and the plugin is unloaded all the same")
        void stubbornThread() throws IOException {
            Path stop = tmp.resolve("stop");
            new Fake("com.example.stubborn", "stubborn").leavesAStubbornThread(stop).jar(plugins.resolve("stubborn.jar"));
            PluginRegistry registry = closing(PluginRegistry.open(List.of(plugins), List.of(), Duration.ofMillis(300)));
            ComputeRuntime runtime = closing(ComputeRuntime.builder().plugins(registry).backend("stubborn").build());
            try {
                var e = assertThrows(ComputeExceptionGroup.class, () -> registry.unload("stubborn"));
                assertEquals("unloading plugin 'stubborn' (" + plugins.resolve("stubborn.jar") + ") (1 sub-exception)",
                        e.getMessage());
                IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.exceptions().getFirst());
                assertEquals("plugin 'stubborn' (" + plugins.resolve("stubborn.jar") + ") was unloaded, but its"
                        + " thread(s) 'stubborn-stubborn' did not stop within 300 ms after an interrupt; its classes"
                        + " stay in memory until they end. The backend's close() must stop the threads it started",
                        cause.getMessage());
                assertEquals(PluginState.UNLOADED, registry.plugin("stubborn").state());
                assertTrue(runtime.isClosed());
            } finally {
                Files.writeString(stop, "stop");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !threadAlive("stubborn-stubborn"));
        }

        @Test
        @DisplayName("reload after replacing the jar loads the new version and closes runtimes on the old one")
        void reload() {
            Path jar = plugins.resolve("swap.jar");
            new Fake("com.example.swap", "swap").version("1.0").displayName("\"Swap 1\"").jar(jar);
            PluginRegistry registry = open(plugins);
            ComputeRuntime old = closing(ComputeRuntime.builder().plugins(registry).backend("swap").build());
            assertEquals("Swap 1", old.backend().displayName());
            ModuleLayer before = registry.layer("swap").orElseThrow();

            new Fake("com.example.swap", "swap").version("2.0").displayName("\"Swap 2\"").jar(jar);
            PluginInfo info = registry.reload("swap");

            assertEquals(PluginState.LOADED, info.state());
            assertEquals("2.0", info.version());
            assertEquals("Swap 2", info.backends().getFirst().displayName());
            assertTrue(old.isClosed(), "the runtime on the old version was closed");
            assertNotSame(before, registry.layer("swap").orElseThrow());
            try (ComputeRuntime fresh = ComputeRuntime.builder().plugins(registry).backend("swap").build()) {
                assertEquals("Swap 2", fresh.backend().displayName());
                assertEquals("2.0", fresh.backend().version());
            }
        }

        @Test
        @DisplayName("reload brings back an unloaded plugin, and a failed one once it is fixed")
        void reloadFixes() throws IOException {
            Path dir = Files.createDirectories(plugins.resolve("later"));
            PluginRegistry registry = open(plugins);
            assertEquals(PluginState.FAILED, registry.plugin("later").state());
            new Fake("com.example.later", "later").jar(dir.resolve("later.jar"));
            assertEquals(PluginState.LOADED, registry.reload("later").state());
            assertEquals(PluginState.UNLOADED, registry.unload("later").state());
            assertEquals(PluginState.LOADED, registry.reload("later").state());
        }

        @Test
        @DisplayName("an unknown id is rejected, naming the ids there are")
        void unknownId() {
            new Fake("com.example.one", "one").jar(plugins.resolve("one.jar"));
            PluginRegistry registry = open(plugins);
            var e = assertThrows(IllegalArgumentException.class, () -> registry.unload("two"));
            assertEquals("no plugin has the id 'two'; the plugins are: one (from [" + plugins + "])", e.getMessage());
        }

        @Test
        @DisplayName("closing the manager unloads every plugin and closes their runtimes; using it then throws")
        void close() {
            new Fake("com.example.one", "one").jar(plugins.resolve("one.jar"));
            PluginRegistry registry = PluginRegistry.open(List.of(plugins), List.of(), Duration.ofSeconds(5));
            ComputeRuntime runtime = closing(ComputeRuntime.builder().plugins(registry).backend("one").build());
            registry.close();
            assertTrue(registry.isClosed());
            assertTrue(runtime.isClosed());
            var e = assertThrows(IllegalStateException.class, registry::plugins);
            assertEquals("PluginManager[" + plugins + "] is closed; open a new PluginManager", e.getMessage());
            var build = assertThrows(IllegalStateException.class,
                    () -> ComputeRuntime.builder().plugins(registry).build());
            assertEquals(e.getMessage(), build.getMessage());
        }

        @Test
        @DisplayName("unloading the plugin of a runtime that owns its manager closes the runtime and the manager")
        void unloadFromAnOwnedManager() {
            new Fake("com.example.one", "one").jar(plugins.resolve("one.jar"));
            ComputeRuntime runtime = closing(ComputeRuntime.builder().pluginDirectory(plugins).backend("one").build());
            PluginInfo info = runtime.plugins().unload("one");
            assertEquals(PluginState.UNLOADED, info.state());
            assertTrue(runtime.isClosed());
            assertTrue(runtime.plugins().isClosed());
        }
    }
}
