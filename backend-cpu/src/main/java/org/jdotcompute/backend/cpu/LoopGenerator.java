package org.jdotcompute.backend.cpu;

import static java.lang.classfile.ClassFile.ACC_FINAL;
import static java.lang.classfile.ClassFile.ACC_SUPER;
import static java.lang.constant.ConstantDescs.CD_MethodHandle;
import static java.lang.constant.ConstantDescs.CD_MethodHandles;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.DEFAULT_NAME;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

import org.jdotcompute.api.KernelContext;

/**
 * Generates a kernel's {@link KernelLoop} as a hidden class with the JDK's
 * {@code java.lang.classfile} API. For a kernel {@code saxpy(KernelContext, float, float[], float[])}
 * the generated {@code run} is, in Java terms:
 *
 * <pre>{@code
 * void run(Object[] args, ItemContext ctx, int from, int to) {
 *     float a = (Float) args[0]; float[] x = (float[]) args[1]; float[] y = (float[]) args[2];
 *     for (int i = from; i < to; i++) {
 *         ctx.x = i;
 *         KERNEL.invokeExact((KernelContext) ctx, a, x, y);   // KERNEL: ldc of the class data
 *     }
 * }
 * }</pre>
 *
 * The kernel's method handle is the hidden class's class data, loaded with a dynamic constant
 * ({@link MethodHandles#classData}); a constant handle's {@code invokeExact} is inlined by the JIT.
 */
final class LoopGenerator {
    private static final ClassDesc CD_KERNEL_LOOP = desc(KernelLoop.class);
    private static final ClassDesc CD_ITEM_CONTEXT = desc(ItemContext.class);
    private static final ClassDesc CD_KERNEL_CONTEXT = desc(KernelContext.class);
    private static final DirectMethodHandleDesc BSM_CLASS_DATA = ConstantDescs.ofConstantBootstrap(CD_MethodHandles,
            "classData", CD_Object);
    private static final DynamicConstantDesc<MethodHandle> KERNEL_HANDLE = DynamicConstantDesc.ofNamed(BSM_CLASS_DATA,
            DEFAULT_NAME, CD_MethodHandle);

    private LoopGenerator() {
    }

    private static ClassDesc desc(Class<?> c) {
        return c.describeConstable().orElseThrow();
    }

    /**
     * Generates and instantiates the loop of a kernel.
     *
     * @param kernelName     for the hidden class's name
     * @param handle         {@code (KernelContext, params...)void}
     * @param parameterTypes the parameters after the context
     */
    static KernelLoop generate(String kernelName, MethodHandle handle, List<Class<?>> parameterTypes)
            throws Throwable {
        MethodType exact = MethodType.methodType(void.class, KernelContext.class)
                .appendParameterTypes(parameterTypes);
        MethodHandle kernel = handle.type().equals(exact) ? handle : handle.asType(exact);
        MethodTypeDesc invokeDesc = exact.describeConstable().orElseThrow();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        ClassDesc self = ClassDesc.of(LoopGenerator.class.getPackageName(), "KernelLoop$"
                + kernelName.replaceAll("[^A-Za-z0-9_$]", "_"));
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(lookup))));
        byte[] bytes = cf.build(self, cb -> {
            cb.withFlags(ACC_FINAL | ACC_SUPER);
            cb.withSuperclass(CD_KERNEL_LOOP);
            cb.withMethodBody(INIT_NAME, MTD_void, 0, code -> code
                    .aload(0)
                    .invokespecial(CD_KERNEL_LOOP, INIT_NAME, MTD_void)
                    .return_());
            cb.withMethodBody("run", MethodTypeDesc.of(CD_void, CD_Object.arrayType(), CD_ITEM_CONTEXT, CD_int, CD_int),
                    ACC_FINAL, code -> {
                        int[] slots = unpack(code, parameterTypes, 5);
                        int i = slots[slots.length - 1];
                        var head = code.newLabel();
                        var end = code.newLabel();
                        code.iload(3).istore(i);
                        code.labelBinding(head);
                        code.iload(i).iload(4).if_icmpge(end);
                        code.aload(2).iload(i).putfield(CD_ITEM_CONTEXT, "x", CD_int);
                        code.ldc(KERNEL_HANDLE);
                        code.aload(2);
                        load(code, parameterTypes, slots);
                        code.invokevirtual(CD_MethodHandle, "invokeExact", invokeDesc);
                        code.iinc(i, 1).goto_(head);
                        code.labelBinding(end);
                        code.return_();
                    });
            cb.withMethodBody("runOne", MethodTypeDesc.of(CD_void, CD_Object.arrayType(), CD_KERNEL_CONTEXT),
                    ACC_FINAL, code -> {
                        int[] slots = unpack(code, parameterTypes, 3);
                        code.ldc(KERNEL_HANDLE);
                        code.aload(2);
                        load(code, parameterTypes, slots);
                        code.invokevirtual(CD_MethodHandle, "invokeExact", invokeDesc);
                        code.return_();
                    });
        });
        MethodHandles.Lookup hidden = lookup.defineHiddenClassWithClassData(bytes, kernel, true);
        return (KernelLoop) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
    }

    /** Unpacks {@code args} (local 1) into typed locals from {@code firstSlot}; returns their slots and the next free slot. */
    private static int[] unpack(CodeBuilder code, List<Class<?>> types, int firstSlot) {
        int[] slots = new int[types.size() + 1];
        int slot = firstSlot;
        for (int p = 0; p < types.size(); p++) {
            Class<?> t = types.get(p);
            ClassDesc cd = desc(t);
            TypeKind kind = TypeKind.from(cd);
            code.aload(1).loadConstant(p).aaload();
            if (t.isPrimitive()) {
                ClassDesc box = desc(MethodType.methodType(t).wrap().returnType());
                code.checkcast(box).invokevirtual(box, t.getName() + "Value", MethodTypeDesc.of(cd));
            } else {
                code.checkcast(cd);
            }
            code.storeLocal(kind, slot);
            slots[p] = slot;
            slot += kind.slotSize();
        }
        slots[types.size()] = slot;
        return slots;
    }

    private static void load(CodeBuilder code, List<Class<?>> types, int[] slots) {
        for (int p = 0; p < types.size(); p++) {
            code.loadLocal(TypeKind.from(desc(types.get(p))), slots[p]);
        }
    }
}
