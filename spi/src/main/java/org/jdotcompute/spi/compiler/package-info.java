/**
 * The Java-bytecode front end: translates a kernel method into {@link org.jdotcompute.spi.ir.KernelIR}
 * with the JDK's {@code java.lang.classfile} API. Audience: backend authors. The entry point is
 * {@link org.jdotcompute.spi.compiler.KernelTranslator#translate}; the engine calls it lazily through
 * {@code KernelRequest.ir()}.
 *
 * <h2>How it works</h2>
 * The kernel's class file is read with {@code Class.getResourceAsStream} (class files are never
 * encapsulated) and its method split into basic blocks at branch targets. The type of every
 * local and stack slot is inferred by abstract interpretation to a fixpoint: primitives, arrays
 * (element type and address space), the {@code KernelContext}, and — only at compile time —
 * strings, uninitialised and constructed exceptions. IR variables are one per (local slot, type)
 * ({@code l3_i}, {@code l2_af_loc}), per (stack depth, type) at block boundaries ({@code s0_f}),
 * parameters {@code p_name}, temporaries {@code t0_i}, and copies of failure values
 * ({@code m0_i}, {@code e0_i}). Control flow stays unstructured: blocks end in {@code Goto},
 * {@code Branch}, {@code Switch}, {@code Return} or {@code Throw}; a branch on constants folds to a
 * {@code Goto}.
 *
 * <h2>What is accepted</h2>
 * <ul>
 * <li>All primitive arithmetic, shifts, conversions ({@code i2b}/{@code i2c}/{@code i2s} included),
 *     {@code iinc}, constants, locals and the stack instructions, with Java semantics (see
 *     {@link org.jdotcompute.spi.ir}). {@code lcmp}/{@code fcmpl}/{@code fcmpg}/{@code dcmpl}/{@code dcmpg}
 *     followed by an {@code if} fuse into one {@code Branch} whose operator and targets express
 *     the NaN rule; used as a value they become {@code Compare3}.</li>
 * <li>{@code tableswitch}, {@code lookupswitch}, loops, conditionals.</li>
 * <li>Loads, stores and {@code arraylength} on one-dimensional arrays of every primitive type.</li>
 * <li>Reading a {@code static final} one-dimensional primitive array (a lookup table), in the
 *     kernel or any device function, user or JDK code: it becomes a constant table
 *     ({@code ConstantArrayDecl}, bound by {@code Stmt.ConstantArray}, in {@code CONSTANT} memory),
 *     read once per translation however many functions read it, and may be passed to device
 *     functions (which are then made for constant memory). Its values are read at compile time:
 *     by reflection where the field is accessible (the class path, a public field of an exported
 *     package, a package opened to {@code org.jdotcompute.spi}) — this initialises the class —,
 *     else by evaluating the class's static initializer symbolically (straight-line code: the
 *     {@code newarray; dup; index; value; xastore} sequences javac emits for {@code {...}},
 *     element stores after them, locals; not loops or computed values). <b>The values are a
 *     snapshot taken when the kernel is translated</b> (translations are cached, so: when it is
 *     first compiled). The CPU backend runs the Java code and reads the live array, so changing a
 *     {@code static final} array's elements after compiling a kernel makes the backends disagree:
 *     treat such tables as immutable. A kernel's tables may have 64 KiB in all (OpenCL's minimum
 *     constant buffer). Writing into a table (a store or an {@code Atomics} call) is rejected, so is
 *     a non-final static array and a table whose values cannot be determined (the message says
 *     why and what to do: open the package, use a plain initializer, or pass the array as a
 *     parameter). Bounds checks apply as to any array.</li>
 * <li>{@code new T[n]} of a primitive type with a compile-time constant {@code n > 0} and at most
 *     8192 bytes, outside loops: a per-work-item array ({@code PrivateArrayDecl}, zeroed by
 *     {@code Stmt.PrivateArray} each time the allocation runs, in {@code PRIVATE} memory), which may
 *     be passed to device functions but not used with {@code Atomics}.</li>
 * <li>{@code KernelContext} calls: work-item queries with a constant dimension 0–2, {@code barrier()},
 *     and {@code localFloats}/{@code localDoubles}/{@code localInts}/{@code localLongs}/{@code localShorts}/{@code localBytes}
 *     with a constant positive length, in the kernel method only, each call site outside loops and
 *     executed in site order (the CPU numbers group-local arrays by call order).</li>
 * <li>{@code Atomics.add/min/max/compareAndSet} on global or group-local arrays.</li>
 * <li>{@code Math}, {@code StrictMath} (exact functions only), {@code Float}, {@code Double},
 *     {@code Integer} and {@code Long} methods that have an {@link org.jdotcompute.spi.ir.IntrinsicOp}.
 *     A backend without accurate transcendental functions replaces {@code Math}'s with
 *     {@code StrictMath}'s code: {@link org.jdotcompute.spi.compiler.KernelTranslator#lowerToStrictMath}.</li>
 * <li>Any other static method, as a device function translated from its own bytecode — including
 *     JDK methods such as {@code Math.floorMod}, {@code Math.addExact} or {@code StrictMath.sin} (the
 *     JDK's fdlibm, {@code java.lang.FdLibm}, with its tables and work arrays: every
 *     {@code StrictMath} function translates, bit-identical to the JVM's; fdlibm's own array
 *     accesses are translated without bounds checks, since its indices are in bounds by
 *     construction);
 *     native methods and recursion are rejected. A device function may take the
 *     {@code KernelContext} (dropped from its IR parameters). One Java method becomes several
 *     device functions when it is called with arrays in different address spaces, or (for JDK
 *     methods that can fail) from different lines of user code.</li>
 * <li>{@code throw new X(...)} for {@code IllegalArgumentException}, {@code IllegalStateException},
 *     {@code ArithmeticException}, {@code ArrayIndexOutOfBoundsException},
 *     {@code IndexOutOfBoundsException}, {@code UnsupportedOperationException} and public
 *     subclasses of {@code ComputeException} (with a public constructor in a package exported to
 *     {@code org.jdotcompute.api}), taking {@code String} messages — constants or
 *     {@code invokedynamic makeConcatWithConstants} concatenations of primitives and strings — and
 *     primitive arguments, at most {@code ErrorRecord.MAX_VALUES} computed values in all. Each
 *     becomes a {@code DeviceErrorSite}.</li>
 * </ul>
 * Everything else — other allocations, other fields (javac inlines compile-time constants), virtual and
 * interface calls, monitors, {@code try}/{@code catch}, {@code instanceof} and casts, lambdas and
 * other {@code invokedynamic}, {@code null}, object and multi-dimensional arrays, strings other than
 * exception messages, {@code assert} in user code — is rejected with a
 * {@code KernelCompilationException} ({@code kernelId} = {@code SimpleClassName.method}) whose
 * reason names the construct, {@code File.java:line} (for code inside JDK methods also the user's
 * calling line) and what to do instead. JDK methods' {@code assert}s fold away (the JDK runs
 * with system assertions disabled).
 *
 * <h2>Failures and check modes</h2>
 * <ul>
 * <li>{@code INDEX} (default) and {@code FULL} put a {@code CheckIndex} before every array load,
 *     store and atomic (site {@code java.lang.ArrayIndexOutOfBoundsException},
 *     template {@code Index _ out of bounds for length _} with a U+0001 placeholder at each
 *     {@code _}, values {@code [INT, INT]}: the index and the length);
 *     {@code FULL} also puts a {@code CheckDivisor} before every integer {@code /} and {@code %}
 *     whose divisor is not a non-zero constant — including those inside {@code Math.floorDiv}
 *     and {@code Math.floorMod} (site {@code java.lang.ArithmeticException}, {@code "/ by zero"}).</li>
 * <li>{@code USER} keeps explicit throws only.</li>
 * <li>{@code NONE} drops explicit throws too: the work-item leaves the kernel (a device function
 *     returns 0 and its caller carries on; in a barrier kernel the work-item continues after the
 *     {@code if} guarding the throw, or leaves if there is none), with no record and no
 *     {@code DEVICE_FAILURES} feature. Whatever follows is as undefined as any failure under
 *     {@code NONE}.</li>
 * </ul>
 * A site's source location is what the CPU backend reports for the same fault: the topmost stack
 * frame outside the JDK — the user's line that calls a failing JDK method, or the line in a user
 * device function. Kernels that reach {@code ctx.barrier()} (directly or through device functions)
 * are translated with {@code FailureMode.CONTINUE}: an explicit throw becomes
 * {@code ReportFailure} plus a jump to the other successor of the {@code if} that guards it (in a
 * device function that reaches no barrier: {@code ReportFailure} and a return of 0); a throw not
 * guarded like that is rejected with a message saying how to restructure it. In such a kernel, a
 * device function that can neither fail nor reach a barrier is a {@code RETURN} function, whose
 * calls a failed work-item skips (see {@code FailureMode}). Other kernels use
 * {@code FailureMode.RETURN} throughout. A JDK method that can fail (a check or a throw) is
 * translated once per calling line of user code, so that each failure reports its own line.
 *
 * <h2>Caching</h2>
 * Results are cached per (method, check mode) in a {@link java.lang.ClassValue} of the kernel's
 * class, so the cache never pins a class loader; a cached translation costs a map lookup.
 */
package org.jdotcompute.spi.compiler;
