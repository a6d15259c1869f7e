package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.IrPrinter;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Stmt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bytecode shapes javac rarely emits, assembled with the ClassFile API: three-way compares used
 * as values, the dup/swap family on both categories, and stack values that live across a branch.
 * Each kernel runs once as JVM code and once through the front end and the interpreter.
 */
@DisplayName("Hand-assembled bytecode translates with the JVM's semantics")
class BytecodeShapesTest {
    private static final ClassDesc CTX = ClassDesc.of(KernelContext.class.getName());

    /** Defines a class from bytes and serves the same bytes as its .class resource. */
    private static final class BytesLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        BytesLoader(String name, byte[] bytes) {
            super(BytecodeShapesTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> findClass(String n) throws ClassNotFoundException {
            if (n.equals(name)) {
                return defineClass(n, bytes, 0, bytes.length);
            }
            throw new ClassNotFoundException(n);
        }

        @Override
        public InputStream getResourceAsStream(String resource) {
            if (resource.equals(name.replace('.', '/') + ".class")) {
                return new ByteArrayInputStream(bytes);
            }
            return super.getResourceAsStream(resource);
        }
    }

    private static Method define(String method, MethodTypeDesc type, Consumer<CodeBuilder> code) throws Exception {
        String name = "gen.Shapes";
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL);
            cb.withMethodBody(method, type, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code);
        });
        Class<?> c = new BytesLoader(name, bytes).loadClass(name);
        for (Method m : c.getMethods()) {
            if (m.getName().equals(method)) {
                return m;
            }
        }
        throw new AssertionError(method);
    }

    private static KernelContext context() {
        return (KernelContext) Proxy.newProxyInstance(KernelContext.class.getClassLoader(),
                new Class<?>[] {KernelContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "globalSize", "localSize", "numGroups" -> 1;
                    default -> 0;
                });
    }

    @Test
    @DisplayName("lcmp, fcmpl and fcmpg used as values become Compare3 with the NaN result of each")
    void compareAsValue() throws Exception {
        MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_void, CTX, ConstantDescs.CD_long.arrayType(),
                ConstantDescs.CD_float.arrayType(), ConstantDescs.CD_int.arrayType());
        Method m = define("cmp", type, b -> {
            b.aload(3).iconst_0().aload(1).iconst_0().laload().aload(1).iconst_1().laload().lcmp().iastore();
            b.aload(3).iconst_1().aload(2).iconst_0().faload().aload(2).iconst_1().faload().fcmpl().iastore();
            b.aload(3).iconst_2().aload(2).iconst_0().faload().aload(2).iconst_1().faload().fcmpg().iastore();
            b.aload(3).iconst_3().aload(2).iconst_1().faload().aload(2).iconst_1().faload().fcmpg().iastore();
            b.return_();
        });
        KernelIR ir = KernelTranslator.translate(m, CheckMode.INDEX);
        assertEquals(4, ir.kernel().blocks().stream().flatMap(x -> x.statements().stream())
                .filter(s -> s instanceof Stmt.Compare3).count(), IrPrinter.print(ir));
        for (float[] f : new float[][] {{1f, Float.NaN}, {Float.NaN, 2f}, {-0f, 0f}, {3f, 2f}}) {
            long[] l = {Long.MIN_VALUE, 5};
            int[] expected = new int[4];
            m.invoke(null, context(), l, f.clone(), expected);
            int[] actual = new int[4];
            new IrInterpreter(ir).execute(Range.of(1), List.of(l, f.clone(), actual));
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    @DisplayName("swap, dup_x2, dup2, dup2_x1 and dup2_x2 move values of both categories like the JVM")
    void stackShuffles() throws Exception {
        MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_void, CTX, ConstantDescs.CD_long.arrayType(),
                ConstantDescs.CD_int.arrayType());
        Method m = define("shuffle", type, b -> {
            b.aload(2).iconst_0().iconst_5().bipush(7).swap().isub().iastore(); // i[0] = 7 - 5
            b.aload(2).iconst_1().bipush(9).dup_x2().iastore().istore(6); // i[1] = 9; t = 9
            b.aload(2).iconst_2().iload(6).iconst_1().iadd().iastore(); // i[2] = t + 1
            b.aload(2).iconst_3().dup2().iaload().bipush(100).iadd().iastore(); // i[3] += 100
            b.aload(1).iconst_0().ldc(10L).dup2_x2().lastore().lstore(4); // l[0] = 10; u = 10
            b.aload(1).iconst_1().lload(4).ldc(3L).ladd().lastore(); // l[1] = u + 3
            b.iconst_4().ldc(77L).dup2_x1().pop2().pop().lstore(4); // u = 77
            b.aload(1).iconst_2().lload(4).lastore(); // l[2] = u
            b.aload(1).iconst_3().ldc(5L).dup2_x1().pop2().pop().lstore(4).pop(); // u = 5, via the copy
            b.aload(1).iconst_3().lload(4).lastore();
            b.return_();
        });
        KernelIR ir = KernelTranslator.translate(m, CheckMode.INDEX);
        long[] l = new long[4];
        int[] i = {0, 0, 0, 11, 0, 0, 0};
        m.invoke(null, context(), l, i);
        long[] l2 = new long[4];
        int[] i2 = {0, 0, 0, 11, 0, 0, 0};
        new IrInterpreter(ir).execute(Range.of(1), List.of(l2, i2));
        assertArrayEquals(l, l2);
        assertArrayEquals(i, i2);
        assertArrayEquals(new int[] {2, 9, 10, 111, 0, 0, 0}, i2);
        assertArrayEquals(new long[] {10, 13, 77, 5}, l2);
    }

    @Test
    @DisplayName("stack values shuffled before a branch reach both successors intact")
    void shuffledAcrossBranch() throws Exception {
        MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_void, CTX, ConstantDescs.CD_int.arrayType());
        Method m = define("across", type, b -> {
            var other = b.newLabel();
            var end = b.newLabel();
            b.aload(1).iconst_0().iaload().istore(2); // k = i[0]
            b.aload(1).bipush(6).iload(2).dup_x1(); // [arr, k, 6, k]
            b.ifeq(other); // [arr, k, 6]
            b.swap().iastore().goto_(end); // i[6] = k
            b.labelBinding(other);
            b.iconst_1().iadd().swap().pop().pop().pop(); // drop all three
            b.labelBinding(end);
            b.return_();
        });
        KernelIR ir = KernelTranslator.translate(m, CheckMode.INDEX);
        for (int k : new int[] {0, 3, -4}) {
            int[] expected = {k, 0, 0, 0, 0, 0, 0, 0};
            m.invoke(null, context(), (Object) expected);
            int[] actual = {k, 0, 0, 0, 0, 0, 0, 0};
            new IrInterpreter(ir).execute(Range.of(1), List.of((Object) actual));
            assertArrayEquals(expected, actual, IrPrinter.print(ir));
        }
    }

    @Test
    @DisplayName("a constant condition folds to a jump, so its dead branch is never translated")
    void constantBranchFolds() throws Exception {
        MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_void, CTX, ConstantDescs.CD_int.arrayType());
        Method m = define("folded", type, b -> {
            var dead = b.newLabel();
            b.iconst_1().ifeq(dead);
            b.aload(1).iconst_0().iconst_1().iastore().return_();
            b.labelBinding(dead);
            b.aconst_null().athrow();
        });
        KernelIR ir = KernelTranslator.translate(m, CheckMode.INDEX);
        assertEquals(2, ir.kernel().blocks().size(), IrPrinter.print(ir));
        assertEquals(new org.jdotcompute.spi.ir.Terminator.Goto(1), ir.kernel().entry().terminator());
        assertTrue(IrPrinter.print(ir).contains("p1[0] = 1"), IrPrinter.print(ir));
    }
}
