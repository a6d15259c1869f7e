package org.jdotcompute.backend.metal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;

/**
 * The Metal API through the Objective-C runtime and {@code java.lang.foreign}: the only class of
 * the backend that touches native code, and it refuses to start anywhere but macOS. Written from
 * Apple's documentation and headers; it has not yet run on a Mac (see the module's README notes).
 *
 * <p><b>Calling Objective-C.</b> {@code objc_getClass} and {@code sel_registerName} give classes
 * and selectors; every message goes through {@code objc_msgSend}, with one downcall handle per
 * exact method signature, each declared as a plain (non-variadic) C function of the method's
 * argument types. That is what Apple requires: {@code objc_msgSend} must be cast to the exact
 * prototype, and on arm64 variadic arguments travel on the stack where a method expects them in
 * registers. No method called here returns a struct or a floating-point value, so the
 * {@code _stret} and {@code _fpret} variants that x86-64 needs for those are never needed; the
 * {@code MTLSize} arguments are passed by value, which both ABIs handle in {@code objc_msgSend}.
 *
 * <p><b>Memory.</b> Objects from {@code new…}, {@code alloc}/{@code init} and
 * {@code MTLCreateSystemDefaultDevice} are owned (+1) and released exactly once: the caller of
 * {@link MetalApi} releases what it returns, and this class releases its own temporaries in
 * {@code finally} blocks. Autoreleased objects (strings, errors, command buffers, encoders) live
 * in an autorelease pool pushed and popped around each operation on the calling thread.
 *
 * <p><b>Libraries.</b> {@code libobjc}, Foundation ({@code NSString}), Metal, and CoreGraphics
 * (without which {@code MTLCreateSystemDefaultDevice} returns nil in a process without a window
 * server connection, such as a command-line JVM) are opened by path with {@code dlopen}, which
 * finds them in the dyld shared cache; they stay loaded for the life of the JVM.
 *
 * <p>Thread-safe: Metal devices, queues, libraries and pipelines are thread-safe; each
 * operation uses its own command buffer, encoder and autorelease pool.
 *
 * <p>Restricted {@code java.lang.foreign} methods (library lookup, downcalls, {@code reinterpret})
 * are used here and nowhere else in the module; run with
 * {@code --enable-native-access=org.jdotcompute.backend.metal} (or {@code ALL-UNNAMED} on the
 * class path) to silence the JDK's warning.
 */
@SuppressWarnings("restricted") // the one class of the module that calls native code, by design
final class MetalBridge implements MetalApi {
    private static final Logger LOG = System.getLogger(MetalBridge.class.getName());

    private static final String OBJC = "/usr/lib/libobjc.A.dylib";
    private static final String FOUNDATION = "/System/Library/Frameworks/Foundation.framework/Foundation";
    private static final String METAL = "/System/Library/Frameworks/Metal.framework/Metal";
    private static final String CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics";

    /** {@code MTLResourceStorageModeShared | MTLResourceCPUCacheModeDefaultCache}. */
    private static final long STORAGE_MODE_SHARED = 0;
    /** {@code MTLMathModeSafe}. */
    private static final long MATH_MODE_SAFE = 0;
    /** {@code MTLMathFloatingPointFunctionsPrecise}. */
    private static final long FP_FUNCTIONS_PRECISE = 1;
    /** {@code MTLGPUFamilyApple1}; Apple{@code n} is 1000 + n. */
    private static final long GPU_FAMILY_APPLE1 = 1001;
    /** {@code MTLGPUFamilyMac2}. */
    private static final long GPU_FAMILY_MAC2 = 2002;
    /** {@code MTLGPUFamilyApple4}: the first Apple family with non-uniform threadgroups. */
    private static final long GPU_FAMILY_APPLE4 = 1004;
    private static final StructLayout MTL_SIZE = MemoryLayout.structLayout(JAVA_LONG.withName("width"),
            JAVA_LONG.withName("height"), JAVA_LONG.withName("depth"));

    private final Linker linker = Linker.nativeLinker();
    private final MethodHandle getClass;
    private final MethodHandle registerName;
    private final MethodHandle poolPush;
    private final MethodHandle poolPop;
    // One objc_msgSend handle per exact method signature (receiver and selector first).
    /** {@code id (id, SEL)} */
    private final MethodHandle msgObject;
    /** {@code void (id, SEL)} */
    private final MethodHandle msgVoid;
    /** {@code NSUInteger/NSInteger/uint64_t (id, SEL)} */
    private final MethodHandle msgLong;
    /** {@code BOOL (id, SEL)} */
    private final MethodHandle msgBool;
    /** {@code BOOL (id, SEL, NSInteger)} */
    private final MethodHandle msgBoolLong;
    /** {@code BOOL (id, SEL, SEL)} */
    private final MethodHandle msgBoolPointer;
    /** {@code id (id, SEL, id or const char*)} */
    private final MethodHandle msgObjectPointer;
    /** {@code void (id, SEL, id)} */
    private final MethodHandle msgVoidPointer;
    /** {@code void (id, SEL, BOOL)} */
    private final MethodHandle msgVoidBool;
    /** {@code void (id, SEL, NSInteger)} */
    private final MethodHandle msgVoidLong;
    /** {@code id (id, SEL, id, id, NSError**)}: newLibraryWithSource:options:error: */
    private final MethodHandle msgObject3Pointers;
    /** {@code id (id, SEL, id, NSError**)}: newComputePipelineStateWithFunction:error: */
    private final MethodHandle msgObject2Pointers;
    /** {@code id (id, SEL, NSUInteger, NSUInteger)}: newBufferWithLength:options: */
    private final MethodHandle msgObject2Longs;
    /** {@code void (id, SEL, id or const void*, NSUInteger, NSUInteger)}: setBuffer:offset:atIndex:, setBytes:length:atIndex: */
    private final MethodHandle msgVoidPointer2Longs;
    /** {@code void (id, SEL, MTLSize, MTLSize)}: dispatchThreadgroups:threadsPerThreadgroup:, dispatchThreads:threadsPerThreadgroup: */
    private final MethodHandle msgVoid2Sizes;

    private final Map<String, MemorySegment> selectors = new ConcurrentHashMap<>();
    private final Map<String, MemorySegment> classes = new ConcurrentHashMap<>();
    private final MemorySegment device;
    private final MemorySegment queue;
    private final DeviceFacts facts;

    /**
     * Opens the system default Metal device.
     *
     * @throws MetalException if this is not macOS, a framework cannot be loaded, or there is no Metal device
     */
    static MetalBridge open() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.toLowerCase(Locale.ROOT).startsWith("mac")) {
            throw new MetalException("requires macOS with a Metal device; this is " + os);
        }
        return new MetalBridge();
    }

    private MetalBridge() {
        SymbolLookup objc = library(OBJC);
        library(FOUNDATION);
        SymbolLookup metal = library(METAL);
        library(CORE_GRAPHICS);
        MemorySegment msgSend = symbol(objc, "objc_msgSend", OBJC);
        getClass = linker.downcallHandle(symbol(objc, "objc_getClass", OBJC), FunctionDescriptor.of(ADDRESS, ADDRESS));
        registerName = linker.downcallHandle(symbol(objc, "sel_registerName", OBJC), FunctionDescriptor.of(ADDRESS, ADDRESS));
        poolPush = linker.downcallHandle(symbol(objc, "objc_autoreleasePoolPush", OBJC), FunctionDescriptor.of(ADDRESS));
        poolPop = linker.downcallHandle(symbol(objc, "objc_autoreleasePoolPop", OBJC), FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle createDevice = linker.downcallHandle(symbol(metal, "MTLCreateSystemDefaultDevice", METAL),
                FunctionDescriptor.of(ADDRESS));
        msgObject = linker.downcallHandle(msgSend, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        msgVoid = linker.downcallHandle(msgSend, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        msgLong = linker.downcallHandle(msgSend, FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS));
        msgBool = linker.downcallHandle(msgSend, FunctionDescriptor.of(JAVA_BYTE, ADDRESS, ADDRESS));
        msgBoolLong = linker.downcallHandle(msgSend, FunctionDescriptor.of(JAVA_BYTE, ADDRESS, ADDRESS, JAVA_LONG));
        msgBoolPointer = linker.downcallHandle(msgSend, FunctionDescriptor.of(JAVA_BYTE, ADDRESS, ADDRESS, ADDRESS));
        msgObjectPointer = linker.downcallHandle(msgSend, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        msgVoidPointer = linker.downcallHandle(msgSend, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        msgVoidBool = linker.downcallHandle(msgSend, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_BYTE));
        msgVoidLong = linker.downcallHandle(msgSend, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG));
        msgObject3Pointers = linker.downcallHandle(msgSend,
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        msgObject2Pointers = linker.downcallHandle(msgSend, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        msgObject2Longs = linker.downcallHandle(msgSend, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG));
        msgVoidPointer2Longs = linker.downcallHandle(msgSend,
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG));
        msgVoid2Sizes = linker.downcallHandle(msgSend, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, MTL_SIZE, MTL_SIZE));

        MemorySegment dev;
        try {
            dev = (MemorySegment) createDevice.invokeExact();
        } catch (Throwable t) {
            throw new MetalException("MTLCreateSystemDefaultDevice failed", t);
        }
        if (isNil(dev)) {
            throw new MetalException("MTLCreateSystemDefaultDevice returned nil: no Metal device is available to this"
                    + " process (a virtual machine or a headless Mac without GPU access?); use the opencl or cpu backend");
        }
        device = dev;
        MemorySegment q = object(device, "newCommandQueue");
        if (isNil(q)) {
            String name = deviceName();
            voidMessage(device, "release");
            throw new MetalException("newCommandQueue returned nil on device '" + name + "'");
        }
        queue = q;
        try {
            facts = readFacts();
        } catch (RuntimeException e) {
            voidMessage(queue, "release");
            voidMessage(device, "release");
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------
    // The Objective-C runtime

    private static SymbolLookup library(String path) {
        try {
            return SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new MetalException("cannot load " + path + " (" + e.getMessage() + "); is this macOS 10.13 or later?", e);
        }
    }

    private static MemorySegment symbol(SymbolLookup lookup, String name, String library) {
        return lookup.find(name).orElseThrow(() -> new MetalException("symbol " + name + " not found in " + library));
    }

    private MemorySegment sel(String name) {
        return selectors.computeIfAbsent(name, n -> {
            try (Arena arena = Arena.ofConfined()) {
                return (MemorySegment) registerName.invokeExact(arena.allocateFrom(n));
            } catch (Throwable t) {
                throw failure("sel_registerName(" + n + ")", t);
            }
        });
    }

    private MemorySegment cls(String name) {
        return classes.computeIfAbsent(name, n -> {
            MemorySegment c;
            try (Arena arena = Arena.ofConfined()) {
                c = (MemorySegment) getClass.invokeExact(arena.allocateFrom(n));
            } catch (Throwable t) {
                throw failure("objc_getClass(" + n + ")", t);
            }
            if (isNil(c)) {
                throw new MetalException("the Objective-C class " + n + " is not loaded");
            }
            return c;
        });
    }

    /** Whether an object pointer is {@code nil}. */
    private static boolean isNil(MemorySegment pointer) {
        return pointer.address() == 0;
    }

    private static MetalException failure(String what, Throwable t) {
        if (t instanceof MetalException m) {
            return m;
        }
        return new MetalException(what + " failed: " + t, t);
    }

    /** An autorelease pool scope on the calling thread. */
    private final class Pool implements AutoCloseable {
        private final MemorySegment token;

        Pool() {
            try {
                token = (MemorySegment) poolPush.invokeExact();
            } catch (Throwable t) {
                throw failure("objc_autoreleasePoolPush", t);
            }
        }

        @Override
        public void close() {
            try {
                poolPop.invokeExact(token);
            } catch (Throwable t) {
                throw failure("objc_autoreleasePoolPop", t);
            }
        }
    }

    private MemorySegment object(MemorySegment receiver, String selector) {
        try {
            return (MemorySegment) msgObject.invokeExact(receiver, sel(selector));
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private void voidMessage(MemorySegment receiver, String selector) {
        try {
            msgVoid.invokeExact(receiver, sel(selector));
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private long longMessage(MemorySegment receiver, String selector) {
        try {
            return (long) msgLong.invokeExact(receiver, sel(selector));
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private boolean boolMessage(MemorySegment receiver, String selector) {
        try {
            return (byte) msgBool.invokeExact(receiver, sel(selector)) != 0;
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private boolean supportsFamily(long family) {
        try {
            return (byte) msgBoolLong.invokeExact(device, sel("supportsFamily:"), family) != 0;
        } catch (Throwable t) {
            throw failure("[supportsFamily:]", t);
        }
    }

    private boolean respondsTo(MemorySegment receiver, String selector) {
        try {
            return (byte) msgBoolPointer.invokeExact(receiver, sel("respondsToSelector:"), sel(selector)) != 0;
        } catch (Throwable t) {
            throw failure("[respondsToSelector:" + selector + "]", t);
        }
    }

    private MemorySegment objectMessage(MemorySegment receiver, String selector, MemorySegment argument) {
        try {
            return (MemorySegment) msgObjectPointer.invokeExact(receiver, sel(selector), argument);
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private void voidMessage(MemorySegment receiver, String selector, MemorySegment argument) {
        try {
            msgVoidPointer.invokeExact(receiver, sel(selector), argument);
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private void boolSetter(MemorySegment receiver, String selector, boolean value) {
        try {
            msgVoidBool.invokeExact(receiver, sel(selector), value ? (byte) 1 : (byte) 0);
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    private void longSetter(MemorySegment receiver, String selector, long value) {
        try {
            msgVoidLong.invokeExact(receiver, sel(selector), value);
        } catch (Throwable t) {
            throw failure("[" + selector + "]", t);
        }
    }

    /** An autoreleased {@code NSString} (call inside a {@link Pool}). */
    private MemorySegment nsString(String text, Arena arena) {
        MemorySegment s = objectMessage(cls("NSString"), "stringWithUTF8String:", arena.allocateFrom(text));
        if (isNil(s)) {
            throw new MetalException("NSString stringWithUTF8String: returned nil");
        }
        return s;
    }

    /** The Java text of an {@code NSString}, {@code ""} for nil. */
    private String javaString(MemorySegment nsString) {
        if (isNil(nsString)) {
            return "";
        }
        MemorySegment utf8 = object(nsString, "UTF8String");
        return isNil(utf8) ? "" : utf8.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** An {@code NSError}'s complete description (call inside a {@link Pool}). */
    private String errorText(MemorySegment error) {
        if (isNil(error)) {
            return "";
        }
        String description = javaString(object(error, "localizedDescription"));
        if (!description.isEmpty()) {
            return description;
        }
        return "NSError " + javaString(object(error, "domain")) + " code " + longMessage(error, "code");
    }

    private String deviceName() {
        try (Pool _ = new Pool()) {
            return javaString(object(device, "name"));
        }
    }

    private DeviceFacts readFacts() {
        String family = "unknown";
        for (long f = GPU_FAMILY_APPLE1 + 9; f >= GPU_FAMILY_APPLE1; f--) {
            if (supportsFamily(f)) {
                family = "Apple" + (f - GPU_FAMILY_APPLE1 + 1);
                break;
            }
        }
        if (family.equals("unknown") && supportsFamily(GPU_FAMILY_MAC2)) {
            family = "Mac2";
        }
        boolean nonUniform = supportsFamily(GPU_FAMILY_APPLE4) || supportsFamily(GPU_FAMILY_MAC2);
        return new DeviceFacts(deviceName(), longMessage(device, "registryID"), boolMessage(device, "hasUnifiedMemory"),
                longMessage(device, "recommendedMaxWorkingSetSize"), longMessage(device, "maxBufferLength"),
                longMessage(device, "maxThreadgroupMemoryLength"), nonUniform, family,
                System.getProperty("os.version", "unknown"));
    }

    // ------------------------------------------------------------------------------------------
    // MetalApi

    @Override
    public DeviceFacts device() {
        return facts;
    }

    @Override
    public long compileLibrary(String shaderName, String source) {
        try (Pool _ = new Pool(); Arena arena = Arena.ofConfined()) {
            MemorySegment text = nsString(source, arena);
            MemorySegment options = object(object(cls("MTLCompileOptions"), "alloc"), "init");
            if (isNil(options)) {
                throw new MetalException("[[MTLCompileOptions alloc] init] returned nil");
            }
            try {
                boolSetter(options, "setFastMathEnabled:", false);
                if (respondsTo(options, "setMathMode:")) { // macOS 15 and later
                    longSetter(options, "setMathMode:", MATH_MODE_SAFE);
                }
                if (respondsTo(options, "setMathFloatingPointFunctions:")) {
                    longSetter(options, "setMathFloatingPointFunctions:", FP_FUNCTIONS_PRECISE);
                }
                MemorySegment errorOut = arena.allocate(ADDRESS);
                MemorySegment library;
                try {
                    library = (MemorySegment) msgObject3Pointers.invokeExact(device, sel("newLibraryWithSource:options:error:"),
                            text, options, errorOut);
                } catch (Throwable t) {
                    throw failure("[newLibraryWithSource:options:error:]", t);
                }
                MemorySegment error = errorOut.get(ADDRESS, 0);
                if (isNil(library)) {
                    String diagnostic = errorText(error);
                    throw new MslCompilationException(shaderName, diagnostic.isEmpty()
                            ? "newLibraryWithSource:options:error: returned nil without an NSError" : diagnostic);
                }
                if (!isNil(error)) {
                    String warnings = errorText(error);
                    LOG.log(Level.DEBUG, () -> "Metal compiler warnings for shader '" + shaderName + "':\n" + warnings);
                }
                return library.address();
            } finally {
                voidMessage(options, "release");
            }
        }
    }

    @Override
    public PipelineInfo pipeline(long library, String function) {
        try (Pool _ = new Pool(); Arena arena = Arena.ofConfined()) {
            MemorySegment fn = objectMessage(MemorySegment.ofAddress(library), "newFunctionWithName:",
                    nsString(function, arena));
            if (isNil(fn)) {
                throw new MetalException("the MSL library has no function named '" + function + "'");
            }
            try {
                MemorySegment errorOut = arena.allocate(ADDRESS);
                MemorySegment pso;
                try {
                    pso = (MemorySegment) msgObject2Pointers.invokeExact(device,
                            sel("newComputePipelineStateWithFunction:error:"), fn, errorOut);
                } catch (Throwable t) {
                    throw failure("[newComputePipelineStateWithFunction:error:]", t);
                }
                if (isNil(pso)) {
                    throw new MetalException("cannot build a compute pipeline for function '" + function + "': "
                            + errorText(errorOut.get(ADDRESS, 0)));
                }
                return new PipelineInfo(pso.address(), (int) longMessage(pso, "maxTotalThreadsPerThreadgroup"),
                        (int) longMessage(pso, "threadExecutionWidth"));
            } finally {
                voidMessage(fn, "release");
            }
        }
    }

    @Override
    public Optional<SharedBuffer> newSharedBuffer(long bytes, Arena scope) {
        MemorySegment buffer;
        try {
            buffer = (MemorySegment) msgObject2Longs.invokeExact(device, sel("newBufferWithLength:options:"), bytes,
                    STORAGE_MODE_SHARED);
        } catch (Throwable t) {
            throw failure("[newBufferWithLength:options:]", t);
        }
        if (isNil(buffer)) {
            return Optional.empty();
        }
        MemorySegment contents = object(buffer, "contents");
        return Optional.of(new SharedBuffer(buffer.address(), contents.reinterpret(bytes, scope, null)));
    }

    @Override
    public Completion dispatch(long pipeline, List<Binding> bindings, Grid grid) {
        try (Pool _ = new Pool(); Arena arena = Arena.ofConfined()) {
            MemorySegment commands = object(queue, "commandBuffer");
            if (isNil(commands)) {
                throw new MetalException("commandBuffer returned nil");
            }
            MemorySegment encoder = object(commands, "computeCommandEncoder");
            if (isNil(encoder)) {
                throw new MetalException("computeCommandEncoder returned nil");
            }
            voidMessage(encoder, "setComputePipelineState:", MemorySegment.ofAddress(pipeline));
            for (Binding b : bindings) {
                try {
                    switch (b) {
                        case Binding.Buffer buf -> msgVoidPointer2Longs.invokeExact(encoder, sel("setBuffer:offset:atIndex:"),
                                MemorySegment.ofAddress(buf.buffer()), 0L, (long) buf.index());
                        case Binding.Bytes bytes -> msgVoidPointer2Longs.invokeExact(encoder, sel("setBytes:length:atIndex:"),
                                bytes.bytes(), bytes.bytes().byteSize(), (long) bytes.index());
                    }
                } catch (Throwable t) {
                    throw failure("binding buffer slot " + b.index(), t);
                }
            }
            MemorySegment size = size(arena, grid.width(), grid.height(), grid.depth());
            MemorySegment group = size(arena, grid.groupWidth(), grid.groupHeight(), grid.groupDepth());
            String dispatch = grid.exactThreads() ? "dispatchThreads:threadsPerThreadgroup:"
                    : "dispatchThreadgroups:threadsPerThreadgroup:";
            try {
                msgVoid2Sizes.invokeExact(encoder, sel(dispatch), size, group);
            } catch (Throwable t) {
                throw failure("[" + dispatch + "]", t);
            }
            voidMessage(encoder, "endEncoding");
            voidMessage(commands, "commit");
            voidMessage(commands, "waitUntilCompleted");
            long status = longMessage(commands, "status");
            if (status == Completion.COMPLETED) {
                return Completion.completed();
            }
            MemorySegment error = object(commands, "error");
            long code = isNil(error) ? 0 : longMessage(error, "code");
            return new Completion(status, code, errorText(error));
        }
    }

    private static MemorySegment size(Arena arena, long width, long height, long depth) {
        MemorySegment s = arena.allocate(MTL_SIZE);
        s.set(JAVA_LONG, 0, width);
        s.set(JAVA_LONG, 8, height);
        s.set(JAVA_LONG, 16, depth);
        return s;
    }

    @Override
    public void release(long handle) {
        voidMessage(MemorySegment.ofAddress(handle), "release");
    }

    @Override
    public void close() {
        voidMessage(queue, "release");
        voidMessage(device, "release");
    }
}
