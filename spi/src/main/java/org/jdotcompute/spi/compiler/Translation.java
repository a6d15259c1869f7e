package org.jdotcompute.spi.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.AtomicOp;
import org.jdotcompute.spi.ir.Block;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.ConstantArrayDecl;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrOperands;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.LocalArrayDecl;
import org.jdotcompute.spi.ir.Operand;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;

/**
 * One kernel's translation: the site table, the device functions translated so far (callees
 * complete before callers), and the final pass that decides failure handling. Not thread-safe;
 * one instance per translation.
 */
final class Translation {
    /** The JDK exceptions a kernel may throw (besides ComputeException and its subclasses). */
    static final Set<String> JDK_EXCEPTIONS = Set.of("java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
            "java.lang.UnsupportedOperationException");

    private final String kernelName;
    private final CheckMode checks;
    private final SiteTable sites = new SiteTable();
    private final Map<Class<?>, ClassModel> classModels = new HashMap<>();
    private final Map<FunctionKey, RawFunction> functions = new LinkedHashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private final List<ConstantArrayDecl> constants = new ArrayList<>();
    private final Map<String, ConstantArrayDecl> constantsByField = new HashMap<>();
    private int constantBase;
    private long constantBytes;

    /** The most bytes a kernel's constant tables may have in all: OpenCL's minimum constant buffer size. */
    static final int MAX_CONSTANT_BYTES = 65536;

    /** A device function as its caller sees it. */
    record Callee(String name, IrType returnType, boolean barrier, boolean hasFailurePoints) {
    }

    private record FunctionKey(String method, List<AddressSpace> spaces, SourcePos home) {
    }

    Translation(String kernelName, CheckMode checks) {
        this.kernelName = kernelName;
        this.checks = checks;
    }

    String kernelName() {
        return kernelName;
    }

    CheckMode checks() {
        return checks;
    }

    SiteTable sites() {
        return sites;
    }

    // ------------------------------------------------------------------ entry points

    /** Translates the kernel method {@code m} and everything it calls. */
    KernelIR kernel(java.lang.reflect.Method m) {
        Class<?> owner = m.getDeclaringClass();
        String descriptor = descriptor(m);
        ClassModel cm = classModel(owner, owner.getName() + ".java");
        MethodModel mm = method(cm, m.getName(), descriptor).orElseThrow(() -> new Rejection("the class file of "
                + owner.getName() + " has no method " + m.getName() + descriptor + "; was the class redefined?"));
        String id = methodId(owner.getName().replace('.', '/'), m.getName(), descriptor);
        inProgress.push(id);
        RawFunction raw = new FunctionTranslator(this, owner, cm, mm,
                uniqueName(simpleName(owner.getName()) + "_" + m.getName()), true, List.of(), null, null, "")
                .translate();
        inProgress.pop();
        return finish(raw, List.of());
    }

    /**
     * Translates the static method {@code m} as a device function, called by a synthetic kernel
     * {@code probe} that passes its parameters through (front-end robustness tests).
     */
    KernelIR probe(java.lang.reflect.Method m) {
        Class<?> owner = m.getDeclaringClass();
        String descriptor = descriptor(m);
        List<AddressSpace> spaces = new ArrayList<>();
        for (Class<?> p : m.getParameterTypes()) {
            if (p.isArray()) {
                spaces.add(AddressSpace.GLOBAL);
            }
        }
        Callee callee = translateCallee(owner, m.getName(), descriptor, spaces, null, null, "");
        RawFunction fn = functions.values().stream().filter(f -> f.name().equals(callee.name())).findFirst().orElseThrow();
        List<Var> params = new ArrayList<>();
        for (Var p : fn.parameters()) {
            params.add(new Var(params.size(), p.name(), p.type()));
        }
        List<Var> locals = new ArrayList<>();
        Optional<Var> dst = Optional.empty();
        if (!callee.returnType().equals(IrType.VOID)) {
            Var r = new Var(params.size(), "result", callee.returnType());
            locals.add(r);
            dst = Optional.of(r);
        }
        List<Operand> args = List.copyOf(params);
        RawFunction kernel = new RawFunction(uniqueName("probe"), true, "probe", params, IrType.VOID,
                concat(params, locals), List.of(), List.of(new RawFunction.RawBlock(0,
                        List.of(new Stmt.Call(dst, callee.name(), args)), new Terminator.Return(Optional.empty()), null)),
                callee.barrier(), Set.of(callee.name()), callee.hasFailurePoints(), List.of());
        return finish(kernel, List.of());
    }

    /**
     * {@code ir} with every {@link Stmt.Intrinsic} of an op in {@code ops} replaced by a call of a
     * device function translated from the {@code StrictMath} method of the same name (fdlibm), added
     * before the existing device functions together with its constant tables. The new functions
     * are {@link FailureMode#RETURN} functions that cannot fail: this translation runs under
     * {@link CheckMode#NONE}, and fdlibm's own indices are in bounds by construction.
     */
    KernelIR lower(KernelIR ir, Set<IntrinsicOp> ops) {
        Set<IntrinsicOp> used = EnumSet.noneOf(IntrinsicOp.class);
        for (IrFunction f : ir.functions()) {
            for (Block b : f.blocks()) {
                for (Stmt s : b.statements()) {
                    if (s instanceof Stmt.Intrinsic x && ops.contains(x.op())) {
                        used.add(x.op());
                    }
                }
            }
        }
        if (used.isEmpty()) {
            return ir;
        }
        ir.functions().forEach(f -> names.add(f.name()));
        constantBase = ir.constantArrays().size();
        for (ConstantArrayDecl c : ir.constantArrays()) {
            constantBytes += (long) c.length() * c.element().byteSize();
        }
        Map<IntrinsicOp, String> replacement = new EnumMap<>(IntrinsicOp.class);
        for (IntrinsicOp op : used) {
            StringBuilder descriptor = new StringBuilder("(");
            op.parameters().forEach(p -> descriptor.append('D'));
            descriptor.append(")D");
            if (op.result() != Scalar.DOUBLE || op.parameters().stream().anyMatch(p -> p != Scalar.DOUBLE)) {
                throw new IllegalArgumentException(op + " is not a double function of StrictMath");
            }
            Callee c = translateCallee(StrictMath.class, op.name().toLowerCase(java.util.Locale.ROOT),
                    descriptor.toString(), List.of(), null, null, "");
            replacement.put(op, c.name());
        }
        Map<String, Boolean> mayFail = new HashMap<>();
        List<IrFunction> lowered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawFunction f : functions.values()) {
            if (seen.add(f.name())) {
                if (f.hasFailurePoints() || f.barrier()) {
                    throw new IllegalStateException("front-end bug: StrictMath's " + f.javaName() + " can fail or"
                            + " reaches a barrier");
                }
                IrFunction fn = finishFunction(f, FailureMode.RETURN, mayFail);
                mayFail.put(fn.name(), fn.mayFail());
                lowered.add(fn);
            }
        }
        List<IrFunction> device = new ArrayList<>(lowered);
        for (IrFunction f : ir.deviceFunctions()) {
            device.add(replaceIntrinsics(f, replacement));
        }
        IrFunction kernel = replaceIntrinsics(ir.kernel(), replacement);
        Set<IrFeature> features = EnumSet.noneOf(IrFeature.class);
        features.addAll(ir.features());
        features.addAll(features(lowered, List.of()));
        List<ConstantArrayDecl> tables = new ArrayList<>(ir.constantArrays());
        tables.addAll(constants);
        KernelIR result = new KernelIR(ir.kernelName(), kernel, device, ir.sites(), features, ir.checks(), tables);
        List<String> problems = org.jdotcompute.spi.ir.IrVerifier.problems(result);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("front-end bug: lowering the transcendental functions of kernel "
                    + ir.kernelName() + " gave invalid IR: " + String.join("; ", problems) + "\n"
                    + org.jdotcompute.spi.ir.IrPrinter.print(result));
        }
        return result;
    }

    private static IrFunction replaceIntrinsics(IrFunction f, Map<IntrinsicOp, String> replacement) {
        List<Block> blocks = new ArrayList<>();
        for (Block b : f.blocks()) {
            List<Stmt> stmts = new ArrayList<>();
            for (Stmt s : b.statements()) {
                if (s instanceof Stmt.Intrinsic x && replacement.containsKey(x.op())) {
                    stmts.add(new Stmt.Call(Optional.of(x.dst()), replacement.get(x.op()), x.args()));
                } else {
                    stmts.add(s);
                }
            }
            blocks.add(new Block(b.id(), stmts, b.terminator()));
        }
        return new IrFunction(f.name(), f.kernel(), f.javaName(), f.parameters(), f.returnType(), f.locals(),
                f.localArrays(), blocks, f.failureMode(), f.mayFail(), f.privateArrays());
    }

    // ------------------------------------------------------------------ constant tables

    /** Whether {@code c} is the JDK's pure-Java fdlibm ({@code java.lang.FdLibm} and its nested classes). */
    static boolean isFdlibm(Class<?> c) {
        return isJdk(c) && (c.getName().equals("java.lang.FdLibm") || c.getName().startsWith("java.lang.FdLibm$"));
    }

    /**
     * The constant table of the static field {@code name} (descriptor {@code descriptor}, a
     * one-dimensional primitive array) that code in {@code context} reads through class
     * {@code ownerInternal}; read once per translation.
     *
     * @param where {@code File.java:line} of the read, for messages
     */
    ConstantArrayDecl constantArray(Class<?> context, String ownerInternal, String name, String descriptor,
            String where) {
        String label = ownerInternal.replace('/', '.') + "." + name;
        Class<?> ref = resolve(ownerInternal.replace('/', '.'), context, where);
        java.lang.reflect.Field field = findStaticField(ref, name, descriptor);
        if (field == null) {
            throw new Rejection("the static field '" + label + "' read at " + where + " cannot be found in "
                    + ref.getName() + " or its supertypes; recompile the kernel's classes together");
        }
        String key = field.getDeclaringClass().getName() + "." + name;
        ConstantArrayDecl known = constantsByField.get(key);
        if (known != null) {
            return known;
        }
        if (!Modifier.isFinal(field.getModifiers())) {
            throw new Rejection("reading the static field '" + key + "', which is not final, is not supported in"
                    + " kernels (" + where + "); declare it static final: kernels read a static final primitive array"
                    + " as a constant table, a snapshot of its values taken when the kernel is compiled; or pass the"
                    + " array as a kernel parameter");
        }
        ConstantTables.Outcome outcome = ConstantTables.read(field, classModel(field.getDeclaringClass(), where));
        List<Const> values = switch (outcome) {
            case ConstantTables.Values v -> v.values();
            case ConstantTables.Unreadable u -> throw new Rejection("the values of the static final array '" + key
                    + "' read at " + where + " cannot be determined at compile time: " + u.reason() + "; " + u.hint(),
                    u.cause());
        };
        Scalar element = Scalar.of(field.getType().getComponentType());
        long bytes = (long) values.size() * element.byteSize();
        if (constantBytes + bytes > MAX_CONSTANT_BYTES) {
            throw new Rejection("the static final array '" + key + "' read at " + where + " has " + bytes + " bytes,"
                    + " and with the kernel's other constant tables (" + constantBytes + " bytes) that exceeds the "
                    + MAX_CONSTANT_BYTES + " bytes of constant memory a kernel may use (OpenCL's minimum constant"
                    + " buffer size); pass the array as a kernel parameter instead");
        }
        constantBytes += bytes;
        ConstantArrayDecl decl = new ConstantArrayDecl(constantBase + constants.size(), element, values, key);
        constants.add(decl);
        constantsByField.put(key, decl);
        return decl;
    }

    /** The static field {@code name} of type {@code descriptor} as the JVM resolves it from {@code c}, or null. */
    private static java.lang.reflect.Field findStaticField(Class<?> c, String name, String descriptor) {
        if (c == null) {
            return null;
        }
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())
                    && f.getType().descriptorString().equals(descriptor)) {
                return f;
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            java.lang.reflect.Field f = findStaticField(i, name, descriptor);
            if (f != null) {
                return f;
            }
        }
        return findStaticField(c.getSuperclass(), name, descriptor);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ------------------------------------------------------------------ device functions

    /**
     * The device function {@code cls.name(desc)} called from {@code caller}, translated on first use.
     *
     * @param home     where the caller reports failures (used if the callee is JDK code)
     * @param userCall the user code that leads to this call (for messages about JDK code)
     * @param where    the call's location, for messages
     */
    Callee callee(Class<?> caller, String cls, String name, MethodTypeDesc desc, List<AddressSpace> spaces,
            SourcePos home, SourcePos userCall, String where) {
        Class<?> target = resolve(cls.replace('/', '.'), caller, where);
        boolean jdk = isJdk(target);
        return translateCallee(target, name, desc.descriptorString(), spaces, jdk ? home : null, jdk ? userCall : null,
                where);
    }

    private Callee translateCallee(Class<?> cls, String name, String descriptor, List<AddressSpace> spaces,
            SourcePos home, SourcePos calledFrom, String where) {
        String at = where.isEmpty() ? "" : " (" + where + ")";
        // A static method may be declared in a superclass of the class javac names.
        Class<?> declaring = cls;
        ClassModel cm = null;
        MethodModel mm = null;
        for (Class<?> c = cls; c != null && mm == null; c = c.getSuperclass()) {
            cm = classModel(c, where);
            mm = method(cm, name, descriptor).orElse(null);
            declaring = c;
        }
        String label = cls.getName() + "." + name;
        if (mm == null) {
            throw new Rejection("the method " + label + descriptor + at + " cannot be found in its class file");
        }
        String id = methodId(declaring.getName().replace('.', '/'), name, descriptor);
        if (inProgress.contains(id)) {
            throw new Rejection("the recursive call of " + label + at + " is not supported in kernels; GPUs have no"
                    + " call stack for recursion, so rewrite it as a loop");
        }
        if (!mm.flags().has(AccessFlag.STATIC)) {
            throw new Rejection("the instance method " + label + at + " is not supported in kernels; make it static");
        }
        if (mm.flags().has(AccessFlag.NATIVE)) {
            throw new Rejection("the native method " + label + at + " is not supported in kernels; only methods"
                    + " with Java bytecode can run on a device");
        }
        FunctionKey key = new FunctionKey(id, List.copyOf(spaces), home);
        RawFunction fn = functions.get(key);
        if (fn == null && home != null) {
            // JDK code without failure points is the same wherever it is called from.
            fn = functions.get(new FunctionKey(id, List.copyOf(spaces), null));
        }
        if (fn == null) {
            inProgress.push(id);
            String irName = uniqueName(simpleName(declaring.getName()) + "_" + name);
            fn = new FunctionTranslator(this, declaring, cm, mm, irName, false, spaces, home, calledFrom, where)
                    .translate();
            inProgress.pop();
            functions.put(key, fn);
            if (home != null && !fn.hasFailurePoints()) {
                functions.putIfAbsent(new FunctionKey(id, List.copyOf(spaces), null), fn);
            }
        }
        return new Callee(fn.name(), fn.returnType(), fn.barrier(), fn.hasFailurePoints());
    }

    private static String methodId(String internalOwner, String name, String descriptor) {
        return internalOwner + "." + name + descriptor;
    }

    private static Optional<MethodModel> method(ClassModel cm, String name, String descriptor) {
        return cm.methods().stream().filter(m -> m.methodName().equalsString(name)
                && m.methodType().equalsString(descriptor)).findFirst();
    }

    static String descriptor(java.lang.reflect.Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    private static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return FunctionTranslator.sanitize(s.replace('$', '_'));
    }

    private String uniqueName(String base) {
        String n = FunctionTranslator.sanitize(base);
        if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
            n = "f_" + n;
        }
        String candidate = n;
        for (int k = 2; !names.add(candidate); k++) {
            candidate = n + "_" + k;
        }
        return candidate;
    }

    /** Whether {@code c} belongs to the JDK (a {@code java.*} or {@code jdk.*} module). */
    static boolean isJdk(Class<?> c) {
        Module m = c.getModule();
        return m.isNamed() && (m.getName().startsWith("java.") || m.getName().startsWith("jdk."));
    }

    ClassModel classModel(Class<?> c, String where) {
        ClassModel cm = classModels.get(c);
        if (cm != null) {
            return cm;
        }
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
            if (in == null) {
                throw new Rejection("the class file of " + c.getName() + " cannot be read"
                        + (where.isEmpty() ? "" : " (" + where + ")") + ", so its code cannot be translated for a"
                        + " device; hidden, generated and lambda classes are not supported in kernels");
            }
            cm = ClassFile.of().parse(in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            throw new Rejection("the class file of " + c.getName() + " cannot be read: " + e.getMessage(), e);
        }
        classModels.put(c, cm);
        return cm;
    }

    private static Class<?> load(String binaryName, Class<?> context) {
        try {
            return Class.forName(binaryName, false, context.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Class<?> resolve(String binaryName, Class<?> context, String where) {
        try {
            return Class.forName(binaryName, false, context.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Rejection("the class " + binaryName + " called at " + where + " cannot be loaded from "
                    + context.getName() + "'s class loader: " + e, e);
        }
    }

    // ------------------------------------------------------------------ exceptions

    /** Whether kernels may throw {@code binaryName}. */
    boolean isSupportedException(String binaryName, Class<?> context) {
        if (JDK_EXCEPTIONS.contains(binaryName)) {
            return true;
        }
        Class<?> c = load(binaryName, context);
        return c != null && ComputeException.class.isAssignableFrom(c);
    }

    /** Whether {@code binaryName} is a Throwable. */
    boolean isThrowable(String binaryName, Class<?> context) {
        Class<?> c = load(binaryName, context);
        return c != null && Throwable.class.isAssignableFrom(c);
    }

    /** Checks that the host can recreate the exception with this constructor (DeviceKernelException.fromDevice). */
    void checkConstructor(String binaryName, List<Class<?>> parameterTypes, Class<?> context, String where) {
        if (JDK_EXCEPTIONS.contains(binaryName)) {
            return;
        }
        Class<?> c = load(binaryName, context);
        if (c == null) {
            throw new Rejection("the exception class " + binaryName + " thrown at " + where + " cannot be loaded");
        }
        String signature = c.getSimpleName() + "(" + String.join(", ",
                parameterTypes.stream().map(Class::getSimpleName).toList()) + ")";
        Constructor<?> ctor;
        try {
            ctor = c.getConstructor(parameterTypes.toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new Rejection("the constructor " + signature + " used at " + where + " is not public, which is not"
                    + " supported in kernels: the host recreates device exceptions through public constructors;"
                    + " make it public", e);
        }
        boolean exported = c.getModule().isExported(c.getPackageName(), ComputeException.class.getModule());
        if (!Modifier.isPublic(c.getModifiers()) || !Modifier.isPublic(ctor.getModifiers()) || !exported) {
            throw new Rejection("the exception class " + binaryName + " thrown at " + where + " is not public in a"
                    + " package exported to org.jdotcompute.api, which is not supported in kernels: the host recreates"
                    + " device exceptions reflectively; make the class public and export its package");
        }
    }

    // ------------------------------------------------------------------ final pass

    private KernelIR finish(RawFunction kernel, List<RawFunction> extra) {
        List<RawFunction> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawFunction f : functions.values()) {
            if (seen.add(f.name())) {
                order.add(f);
            }
        }
        order.addAll(extra);
        FailureMode mode = kernel.barrier() ? FailureMode.CONTINUE : FailureMode.RETURN;
        Map<String, Boolean> mayFail = new HashMap<>();
        List<IrFunction> device = new ArrayList<>();
        for (RawFunction f : order) {
            // In a CONTINUE kernel, a device function that can neither fail nor reach a barrier is a
            // RETURN function: a work-item that has failed skips its calls (see FailureMode).
            FailureMode m = mode == FailureMode.CONTINUE && (f.barrier() || f.hasFailurePoints())
                    ? FailureMode.CONTINUE : FailureMode.RETURN;
            IrFunction fn = finishFunction(f, m, mayFail);
            mayFail.put(fn.name(), fn.mayFail());
            device.add(fn);
        }
        IrFunction k = finishFunction(kernel, mode, mayFail);
        List<DeviceErrorSite> table = sites.sites();
        KernelIR ir = new KernelIR(kernelName, k, device, table, features(k, device, table), checks, constants);
        List<String> problems = org.jdotcompute.spi.ir.IrVerifier.problems(ir);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("front-end bug: the IR of kernel " + kernelName + " is invalid: "
                    + String.join("; ", problems) + "\n" + org.jdotcompute.spi.ir.IrPrinter.print(ir));
        }
        return ir;
    }

    private IrFunction finishFunction(RawFunction f, FailureMode mode, Map<String, Boolean> mayFail) {
        Map<Integer, List<Integer>> preds = new HashMap<>();
        Map<Integer, RawFunction.RawBlock> byId = new LinkedHashMap<>();
        for (RawFunction.RawBlock b : f.blocks()) {
            byId.put(b.id(), b);
            if (b.terminator() != null) {
                for (int s : new LinkedHashSet<>(b.terminator().successors())) {
                    preds.computeIfAbsent(s, k -> new ArrayList<>()).add(b.id());
                }
            }
        }
        Map<Integer, Integer> dense = new HashMap<>();
        for (RawFunction.RawBlock b : f.blocks()) {
            dense.put(b.id(), dense.size());
        }
        List<Block> blocks = new ArrayList<>();
        for (RawFunction.RawBlock b : f.blocks()) {
            List<Stmt> stmts = new ArrayList<>(b.statements());
            Terminator t = b.terminator();
            if (t == null) {
                t = throwTerminator(f, b, mode, preds, byId, stmts);
            }
            blocks.add(new Block(dense.get(b.id()), stmts, remap(t, dense)));
        }
        Set<Var> used = new HashSet<>(f.parameters());
        boolean fails = false;
        for (Block b : blocks) {
            for (Stmt s : b.statements()) {
                IrOperands.reads(s).forEach(o -> {
                    if (o instanceof Var v) {
                        used.add(v);
                    }
                });
                IrOperands.written(s).ifPresent(used::add);
                fails |= s instanceof Stmt.CheckIndex || s instanceof Stmt.CheckDivisor
                        || s instanceof Stmt.ReportFailure
                        || s instanceof Stmt.Call c && mayFail.getOrDefault(c.function(), false);
            }
            IrOperands.reads(b.terminator()).forEach(o -> {
                if (o instanceof Var v) {
                    used.add(v);
                }
            });
            fails |= b.terminator() instanceof Terminator.Throw;
        }
        List<Var> locals = f.variables().stream().filter(v -> used.contains(v) && !f.parameters().contains(v)).toList();
        return new IrFunction(f.name(), f.kernel(), f.javaName(), f.parameters(), f.returnType(), locals,
                f.localArrays(), blocks, mode, fails, f.privateArrays());
    }

    private Terminator throwTerminator(RawFunction f, RawFunction.RawBlock b, FailureMode mode,
            Map<Integer, List<Integer>> preds, Map<Integer, RawFunction.RawBlock> byId, List<Stmt> stmts) {
        AType.Exc exc = b.thrown();
        Terminator leave = f.kernel() ? new Terminator.Return(Optional.empty())
                : new Terminator.Return(zero(f.returnType()));
        // A device function that reaches no barrier may leave early in either mode.
        boolean mustContinue = mode == FailureMode.CONTINUE && (f.kernel() || f.barrier());
        if (!checks.checksThrows()) {
            // NONE: the throw is dropped; the work-item leaves (or, where it must reach the
            // barriers, carries on past the guarding if), without a record.
            if (mustContinue) {
                Integer continuation = guardContinuation(b.id(), preds, byId);
                return continuation == null ? leave : new Terminator.Goto(continuation);
            }
            return leave;
        }
        SourcePos p = exc.site();
        int site = sites.add(new DeviceErrorSite(exc.className(), exc.arguments(), exc.types(), kernelName,
                p.className(), p.methodName(), p.sourceFile(), p.line()));
        if (mode == FailureMode.RETURN) {
            return new Terminator.Throw(site, exc.values());
        }
        stmts.add(new Stmt.ReportFailure(site, exc.values()));
        if (!mustContinue) {
            return leave;
        }
        Integer continuation = guardContinuation(b.id(), preds, byId);
        if (continuation == null) {
            throw new Rejection("the throw of " + exc.className() + " at " + p.where() + " is not guarded by an if"
                    + " statement, which is not supported in a kernel that uses ctx.barrier(): a failing work-item"
                    + " must still reach every barrier, so it records the failure and continues after the if that"
                    + " guards the throw; write it as 'if (condition) throw new " + simpleName(exc.className())
                    + "(...);' with nothing else on the throwing branch");
        }
        return new Terminator.Goto(continuation);
    }

    /**
     * The block where a failing work-item continues: walking back from the throw block through
     * blocks that only jump to it, the other successor of the conditional branch that guards it.
     */
    private static Integer guardContinuation(int block, Map<Integer, List<Integer>> preds,
            Map<Integer, RawFunction.RawBlock> byId) {
        int cur = block;
        Set<Integer> seen = new HashSet<>();
        while (seen.add(cur)) {
            List<Integer> ps = preds.getOrDefault(cur, List.of());
            if (ps.size() != 1) {
                return null;
            }
            Terminator t = byId.get(ps.getFirst()).terminator();
            if (t instanceof Terminator.Goto) {
                cur = ps.getFirst();
            } else if (t instanceof Terminator.Branch br) {
                int other = br.ifTrue() == cur ? br.ifFalse() : br.ifTrue();
                return other == cur ? null : other;
            } else {
                return null;
            }
        }
        return null;
    }

    private static Optional<Operand> zero(IrType t) {
        if (!(t instanceof IrType.Prim p)) {
            return Optional.empty();
        }
        return Optional.of(switch (p.scalar()) {
            case LONG -> Const.ofLong(0);
            case FLOAT -> Const.ofFloat(0);
            case DOUBLE -> Const.ofDouble(0);
            default -> Const.ofInt(0);
        });
    }

    private static Terminator remap(Terminator t, Map<Integer, Integer> dense) {
        return switch (t) {
            case Terminator.Goto g -> new Terminator.Goto(dense.get(g.target()));
            case Terminator.Branch b -> new Terminator.Branch(b.op(), b.a(), b.b(), dense.get(b.ifTrue()),
                    dense.get(b.ifFalse()));
            case Terminator.Switch s -> new Terminator.Switch(s.key(), s.cases().stream()
                    .map(c -> new Terminator.Switch.Case(c.key(), dense.get(c.target()))).toList(),
                    dense.get(s.defaultTarget()));
            case Terminator.Return r -> r;
            case Terminator.Throw th -> th;
        };
    }

    private static Set<IrFeature> features(IrFunction kernel, List<IrFunction> device, List<DeviceErrorSite> sites) {
        List<IrFunction> all = new ArrayList<>(device);
        all.add(kernel);
        return features(all, sites);
    }

    /** What {@code functions} use, and DEVICE_FAILURES where {@code sites} is not empty. */
    private static Set<IrFeature> features(List<IrFunction> all, List<DeviceErrorSite> sites) {
        Set<IrFeature> f = EnumSet.noneOf(IrFeature.class);
        for (IrFunction fn : all) {
            for (Var v : fn.parameters()) {
                type(f, v.type());
            }
            for (Var v : fn.locals()) {
                type(f, v.type());
            }
            type(f, fn.returnType());
            for (LocalArrayDecl d : fn.localArrays()) {
                f.add(IrFeature.LOCAL_MEMORY);
                scalar(f, d.element());
            }
            for (Block b : fn.blocks()) {
                for (Stmt s : b.statements()) {
                    IrOperands.reads(s).forEach(o -> type(f, o.type()));
                    switch (s) {
                        case Stmt.Barrier x -> f.add(IrFeature.BARRIER);
                        case Stmt.Atomic a -> {
                            Scalar e = ((IrType.Array) a.array().type()).element();
                            f.add(e == Scalar.LONG ? IrFeature.ATOMIC_INT64
                                    : e == Scalar.FLOAT && a.op() == AtomicOp.ADD ? IrFeature.ATOMIC_FLOAT
                                    : IrFeature.ATOMIC_INT32);
                        }
                        default -> {
                        }
                    }
                }
                IrOperands.reads(b.terminator()).forEach(o -> type(f, o.type()));
            }
        }
        if (!sites.isEmpty()) {
            f.add(IrFeature.DEVICE_FAILURES);
        }
        return f;
    }

    private static void type(Set<IrFeature> f, IrType t) {
        switch (t) {
            case IrType.Prim p -> scalar(f, p.scalar());
            case IrType.Array a -> scalar(f, a.element());
            case IrType.Void v -> {
            }
        }
    }

    private static void scalar(Set<IrFeature> f, Scalar s) {
        if (s == Scalar.DOUBLE) {
            f.add(IrFeature.FP64);
        } else if (s == Scalar.LONG) {
            f.add(IrFeature.INT64);
        }
    }
}
