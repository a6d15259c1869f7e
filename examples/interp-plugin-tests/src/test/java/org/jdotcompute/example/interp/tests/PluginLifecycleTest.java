package org.jdotcompute.example.interp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.PluginState;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.jdotcompute.testkit.corpus.JvmReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin's life as an application sees it: its directory dropped into a plugin
 * directory of the application's, loaded, used, unloaded and reloaded while another runtime keeps
 * working.
 */
@DisplayName("The interp example plugin")
class PluginLifecycleTest {
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final CorpusKernel KERNEL = Corpus.byName("control.conditionals");

    @TempDir
    Path tmp;
    /** The application's plugin directory, holding a copy of the example's plugin directory. */
    Path plugins;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void dropThePluginIn() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        copyPlugin();
    }

    private void copyPlugin() throws IOException {
        Path from = InterpPlugin.directory().resolve(InterpPlugin.PLUGIN_ID);
        Path to = Files.createDirectories(plugins.resolve(InterpPlugin.PLUGIN_ID));
        try (Stream<Path> jars = Files.list(from)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, to.resolve(jar.getFileName()));
            }
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    /** Runs a corpus kernel and checks one output against plain Java. */
    private static void works(ComputeRuntime runtime) {
        List<Object> expected = KERNEL.inputs(3);
        JvmReference.run(KERNEL, expected);
        List<Object> actual = KERNEL.inputs(3);
        CompiledKernel k = runtime.compile(KERNEL.owner(), KERNEL.methodName());
        runtime.launch(k, KERNEL.range(), actual.toArray());
        int out = KERNEL.outputs().getFirst();
        assertArrayEquals((float[]) expected.get(out), (float[]) actual.get(out));
    }

    @Test
    @DisplayName("dropped into a plugin directory, is listed with id, version, location, module and available backend")
    void listed() {
        PluginManager manager = closing(PluginManager.open(plugins));
        PluginInfo info = manager.plugin("interp");
        assertEquals(PluginState.LOADED, info.state(), info.reason());
        assertEquals(VERSION, info.version());
        assertEquals(plugins.resolve("interp"), info.location());
        assertEquals(List.of("org.jdotcompute.example.interp@" + VERSION), info.modules());
        BackendStatus backend = info.backends().getFirst();
        assertEquals(List.of("interp"), info.backends().stream().map(BackendStatus::id).toList());
        assertTrue(backend.available(), backend.reason());
        assertEquals("IR interpreter", backend.displayName());
        assertEquals(10, backend.priority());
        assertEquals(VERSION, backend.version());
    }

    @Test
    @DisplayName("is used through pluginDirectory(dir) by a runtime that owns its manager, buffers included")
    void pluginDirectory() {
        ComputeRuntime runtime = closing(ComputeRuntime.builder().pluginDirectory(plugins).backend("interp").build());
        assertEquals("interp", runtime.backend().id());
        assertEquals(VERSION, runtime.backend().version());
        works(runtime);
        CompiledKernel fill = runtime.compile(Corpus.byName("memory.ids2d").owner(), "ids2d");
        try (DeviceBuffer out = runtime.allocateInts(16 * 8 * 7)) {
            runtime.launch(fill, Range.of2d(16, 8).withLocal(4, 2), out);
            int[] back = new int[16 * 8 * 7];
            out.read(back);
            int[] expected = new int[16 * 8 * 7];
            runtime.launch(fill, Range.of2d(16, 8).withLocal(4, 2), (Object) expected);
            assertArrayEquals(expected, back, "a buffer gives what an array gives");
            assertNotEquals(0, java.util.Arrays.stream(back).filter(v -> v != 0).count());
        }
        assertEquals(3, runtime.backend().launchCount());
        runtime.close();
        assertTrue(runtime.plugins().isClosed(), "the runtime closed the manager it owned");
    }

    @Test
    @DisplayName("is unloaded and reloaded while a runtime that does not use it keeps working")
    void unloadAndReload() throws IOException {
        PluginManager manager = closing(PluginManager.open(plugins));
        ComputeRuntime onPlugin = closing(ComputeRuntime.builder().plugins(manager).backend("interp").build());
        // Another runtime, not on this manager's plugin: the same example loaded independently, in its own layer,
        // from the build's plugin directory.
        ComputeRuntime other = closing(InterpPlugin.builder().build());
        works(onPlugin);
        works(other);

        PluginInfo unloaded = manager.unload("interp");

        assertEquals(PluginState.UNLOADED, unloaded.state());
        assertTrue(onPlugin.isClosed(), "unloading closes the runtime on the plugin's backend");
        assertEquals(1, onPlugin.backend().launchCount(), "the final launch count is kept");
        assertFalse(other.isClosed());
        works(other);
        var e = assertThrows(BackendNotAvailableException.class,
                () -> ComputeRuntime.builder().plugins(manager).backend("interp").build());
        assertEquals("[interp] Backend not available", e.getMessage());

        // Reloading with the jar gone fails, with the reason; putting it back and reloading again fixes it.
        try (Stream<Path> jars = Files.list(plugins.resolve("interp"))) {
            for (Path jar : jars.toList()) {
                Files.delete(jar);
            }
        }
        PluginInfo failed = manager.reload("interp");
        assertEquals(PluginState.FAILED, failed.state());
        assertEquals("plugin 'interp' (" + plugins.resolve("interp") + ") contains no modules: put the plugin's jar"
                + " files in it", failed.reason());
        works(other);
        copyPlugin();

        PluginInfo reloaded = manager.reload("interp");

        assertEquals(PluginState.LOADED, reloaded.state(), reloaded.reason());
        try (ComputeRuntime again = ComputeRuntime.builder().plugins(manager).backend("interp").build()) {
            works(again);
            assertEquals(1, again.backend().launchCount(), "a fresh backend of the reloaded plugin");
        }
        works(other);
        assertEquals(4, other.backend().launchCount());
    }

    @Test
    @DisplayName("is found through -Djdotcompute.plugins")
    void systemProperty() {
        String previous = System.getProperty("jdotcompute.plugins");
        System.setProperty("jdotcompute.plugins", plugins.toString());
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend("interp").build()) {
            assertEquals("interp", runtime.backend().id());
            assertTrue(ComputeRuntime.discover().stream().anyMatch(s -> s.id().equals("interp") && s.available()));
            works(runtime);
        } finally {
            if (previous == null) {
                System.clearProperty("jdotcompute.plugins");
            } else {
                System.setProperty("jdotcompute.plugins", previous);
            }
        }
    }
}
