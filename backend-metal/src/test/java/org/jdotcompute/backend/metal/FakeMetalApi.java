package org.jdotcompute.backend.metal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;

/**
 * A {@link MetalApi} in plain Java that records what the backend asks of Metal and answers as
 * configured; a dispatch runs {@link #kernel}, a Java stand-in for the GPU that reads and writes
 * the bound buffers. Not thread-safe; the tests use it from one thread.
 */
final class FakeMetalApi implements MetalApi {
    /** What one dispatch was given. */
    record Dispatched(long pipeline, List<Binding> bindings, Grid grid) {
    }

    /** The GPU stand-in: sees the bindings and the contents of every live buffer by handle. */
    interface FakeKernel {
        void run(List<Binding> bindings, Grid grid, Map<Long, MemorySegment> buffers);
    }

    DeviceFacts facts = new DeviceFacts("Fake Apple M9", 42, true, 1L << 30, 1L << 28, 32768, true, "Apple9", "15.0");
    /** A diagnostic to fail every compilation with, or null to succeed. */
    String compileError;
    /** A MetalException message to fail pipeline creation with, or null. */
    String pipelineError;
    int maxThreads = 1024;
    /** Buffers larger than this many bytes come back nil. */
    long nilAbove = Long.MAX_VALUE;
    Completion completion = Completion.completed();
    /** A MetalException message to fail encoding with, or null. */
    String encodeError;
    FakeKernel kernel = (bindings, grid, buffers) -> {
    };

    final List<String> compiled = new ArrayList<>();
    final List<Dispatched> dispatches = new ArrayList<>();
    final Map<Long, MemorySegment> live = new LinkedHashMap<>();
    final Set<Long> released = new HashSet<>();
    boolean closed;
    private long next = 1000;

    @Override
    public DeviceFacts device() {
        return facts;
    }

    @Override
    public long compileLibrary(String shaderName, String source) {
        compiled.add(source);
        if (compileError != null) {
            throw new MslCompilationException(shaderName, compileError);
        }
        return next++;
    }

    @Override
    public PipelineInfo pipeline(long library, String function) {
        if (pipelineError != null) {
            throw new MetalException(pipelineError);
        }
        return new PipelineInfo(next++, maxThreads, 32);
    }

    @Override
    public Optional<SharedBuffer> newSharedBuffer(long bytes, Arena scope) {
        if (bytes > nilAbove) {
            return Optional.empty();
        }
        long handle = next++;
        MemorySegment contents = scope.allocate(bytes, 16);
        live.put(handle, contents);
        return Optional.of(new SharedBuffer(handle, contents));
    }

    @Override
    public Completion dispatch(long pipeline, List<Binding> bindings, Grid grid) {
        if (encodeError != null) {
            throw new MetalException(encodeError);
        }
        // Metal copies setBytes data into the command; so does the fake, so tests may look after the launch.
        List<Binding> copied = new ArrayList<>();
        for (Binding b : bindings) {
            copied.add(switch (b) {
                case Binding.Bytes bytes -> new Binding.Bytes(bytes.index(), Arena.ofAuto().allocate(bytes.bytes().byteSize(), 8)
                        .copyFrom(bytes.bytes()));
                case Binding.Buffer buffer -> buffer;
            });
        }
        bindings = List.copyOf(copied);
        dispatches.add(new Dispatched(pipeline, bindings, grid));
        for (Binding b : bindings) {
            if (b instanceof Binding.Buffer buffer && !live.containsKey(buffer.buffer())) {
                throw new AssertionError("slot " + b.index() + " is bound to buffer " + buffer.buffer()
                        + ", which is not live");
            }
        }
        kernel.run(bindings, grid, live);
        return completion;
    }

    @Override
    public void release(long handle) {
        if (!released.add(handle)) {
            throw new AssertionError("handle " + handle + " released twice");
        }
        live.remove(handle);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The last dispatch. */
    Dispatched last() {
        return dispatches.getLast();
    }

    /** The contents of the buffer bound at {@code slot} in {@code bindings}. */
    static MemorySegment buffer(List<Binding> bindings, int slot, Map<Long, MemorySegment> buffers) {
        for (Binding b : bindings) {
            if (b.index() == slot && b instanceof Binding.Buffer buffer) {
                return buffers.get(buffer.buffer());
            }
        }
        throw new AssertionError("no buffer in slot " + slot);
    }

    /** The bytes bound at {@code slot} in {@code bindings}. */
    static MemorySegment bytes(List<Binding> bindings, int slot) {
        for (Binding b : bindings) {
            if (b.index() == slot && b instanceof Binding.Bytes bytes) {
                return bytes.bytes();
            }
        }
        throw new AssertionError("no bytes in slot " + slot);
    }
}
