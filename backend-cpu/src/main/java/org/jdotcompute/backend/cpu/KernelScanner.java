package org.jdotcompute.backend.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds out from bytecode whether a kernel needs work-groups: whether it — or a method it calls
 * statically, privately or through a lambda, transitively — calls {@code KernelContext.barrier()}
 * or one of the {@code KernelContext.localX(n)} methods. JDK classes and the api module are not
 * followed. Not thread-safe; one instance per scan.
 */
final class KernelScanner {
    private static final String CONTEXT = "org/jdotcompute/api/KernelContext";
    private static final Set<String> GROUP_METHODS = Set.of("barrier", "localFloats", "localDoubles", "localInts",
            "localLongs", "localShorts", "localBytes");

    /** The scan's result. */
    sealed interface Result {
        /** A call to a group feature was found, in {@code where} ({@code Class.method}). */
        record UsesGroups(String call, String where) implements Result {
        }

        /** No group feature is used. */
        record NoGroups() implements Result {
        }

        /** The kernel's own bytecode could not be read. */
        record Unknown(String why) implements Result {
        }
    }

    private record Target(String owner, String name, String descriptor) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<ClassModel>> classes = new HashMap<>();

    private KernelScanner(ClassLoader loader) {
        this.loader = loader;
    }

    /** Scans the kernel {@code method}. Never throws for unreadable bytecode: {@link Result.Unknown}. */
    static Result scan(Method method) {
        ClassLoader loader = method.getDeclaringClass().getClassLoader();
        KernelScanner scanner = new KernelScanner(loader == null ? ClassLoader.getPlatformClassLoader() : loader);
        return scanner.run(new Target(method.getDeclaringClass().getName().replace('.', '/'), method.getName(),
                MethodTypesDesc.of(method)));
    }

    private Result run(Target kernel) {
        if (model(kernel.owner()).isEmpty()) {
            return new Result.Unknown("the class file of " + kernel.owner().replace('/', '.') + " cannot be read");
        }
        Set<Target> seen = new HashSet<>();
        ArrayDeque<Target> work = new ArrayDeque<>();
        work.add(kernel);
        while (!work.isEmpty()) {
            Target t = work.poll();
            if (!seen.add(t)) {
                continue;
            }
            Optional<CodeModel> code = code(t);
            if (code.isEmpty()) {
                continue;
            }
            for (var element : code.get()) {
                if (element instanceof InvokeInstruction call) {
                    String owner = call.owner().asInternalName();
                    String name = call.name().stringValue();
                    if (owner.equals(CONTEXT) && GROUP_METHODS.contains(name)) {
                        return new Result.UsesGroups("ctx." + name + "()",
                                t.owner().replace('/', '.') + "." + t.name());
                    }
                    if (follow(owner) && call.opcode() != Opcode.INVOKEINTERFACE && !name.equals("<init>")) {
                        work.add(new Target(owner, name, call.type().stringValue()));
                    }
                } else if (element instanceof InvokeDynamicInstruction indy) {
                    for (ConstantDesc arg : indy.bootstrapArgs()) {
                        if (arg instanceof DirectMethodHandleDesc mh) {
                            String owner = mh.owner().descriptorString();
                            owner = owner.substring(1, owner.length() - 1);
                            if (follow(owner)) {
                                work.add(new Target(owner, mh.methodName(), mh.lookupDescriptor()));
                            }
                        }
                    }
                }
            }
        }
        return new Result.NoGroups();
    }

    private static boolean follow(String owner) {
        return !(owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
                || owner.startsWith("sun/") || owner.startsWith("com/sun/") || owner.startsWith("org/jdotcompute/api/")
                || owner.startsWith("["));
    }

    private Optional<CodeModel> code(Target t) {
        return model(t.owner()).flatMap(m -> {
            for (MethodModel mm : m.methods()) {
                if (mm.methodName().equalsString(t.name()) && mm.methodType().equalsString(t.descriptor())) {
                    return mm.code();
                }
            }
            return Optional.empty();
        });
    }

    private Optional<ClassModel> model(String internalName) {
        return classes.computeIfAbsent(internalName, n -> {
            try (InputStream in = loader.getResourceAsStream(n + ".class")) {
                if (in == null) {
                    return Optional.empty();
                }
                return Optional.of(ClassFile.of().parse(in.readAllBytes()));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** Method descriptors of reflected methods. */
    private static final class MethodTypesDesc {
        private MethodTypesDesc() {
        }

        static String of(Method m) {
            return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
        }
    }
}
