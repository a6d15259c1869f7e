package org.jdotcompute.backend.cuda.ptx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdotcompute.spi.device.ErrorRecord;

/**
 * A test-only interpreter for the PTX subset {@link PtxEmitter} produces, so that the emitter's
 * instruction selection can be checked against the IR interpreter without a GPU.
 *
 * <p><b>What it models.</b> The module is parsed from its text (the same text the driver JIT
 * gets). Each instruction is executed with its meaning in the PTX ISA (read from the ISA manual,
 * not from the emitter): integer ops wrap, {@code shl}/{@code shr} clamp counts at the width,
 * {@code setp}'s ordered float comparisons are false on NaN, {@code cvt} float-to-integer
 * saturates and maps NaN to 0, {@code ld} of a narrow type sign- or zero-extends to the register,
 * {@code copysign d, a, b} takes {@code a}'s sign and {@code b}'s magnitude, {@code .rn} float
 * arithmetic is IEEE round-to-nearest (Java's). Global and shared memory are separate address
 * spaces (a {@code ld.global} of a shared address is an error), device functions get
 * {@code .param} copies of their arguments, and work-items of a block run one at a time in
 * local-id order (x fastest) until they reach {@code bar.sync} or exit, like the IR interpreter's
 * schedule; blocks run one after another.
 *
 * <p><b>Strictness</b> (each is reported as a {@link SimulationError}, never passed over): reading
 * a register or {@code .param} byte never written; an access outside every allocation, misaligned,
 * or in the wrong state space; integer division by zero or {@code MIN / -1} (undefined in PTX);
 * float {@code add}/{@code sub}/{@code mul}/{@code div}/{@code fma}/{@code sqrt} without
 * {@code .rn} (ptxas may contract or approximate them), any {@code .ftz} or {@code .sat};
 * {@code atom.add.f32} (flushes subnormals); {@code trap}; work-items of a block waiting at
 * different {@code bar.sync} instructions, or some exiting while others wait; a call whose
 * argument sizes differ from the callee's parameters; kernel arguments whose number or sizes
 * differ from the entry's {@code .param} list; an instruction or modifier outside the subset.
 * Shared memory starts filled with {@code 0xA5} bytes in every block (it is uninitialised on a
 * GPU), so a kernel that reads group-local memory it did not write differs from the IR interpreter;
 * a function's {@code .local} arrays start filled with {@code 0x5A} in every activation, for the
 * same reason. Module-scope {@code .global} arrays get their initialisers and are read-only (the
 * emitter's constant tables: a store to one is an error). {@code .local} memory belongs to one
 * work-item and one activation: it is reached only through generic addresses made by
 * {@code cvta.local} (the only generic accesses the emitter makes), by its own work-item, while
 * the function that declares it runs.
 *
 * <p><b>What it does not model</b>: warps and real concurrency (races, memory ordering, atomics
 * contending), timing, the driver JIT or {@code ptxas} themselves, and any instruction the
 * emitter does not produce.
 *
 * <p>Not thread-safe: one instance per launch.
 */
final class PtxSimulator {
    /** The simulator found undefined or unsupported behaviour in the PTX (an emitter bug). */
    static final class SimulationError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulationError(String message) {
            super(message);
        }
    }

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long GLOBAL_BASE = 0x7f00_0000_0000L;
    private static final long SHARED_BASE = 0x10;
    private static final byte SHARED_POISON = (byte) 0xA5;
    private static final byte LOCAL_POISON = (byte) 0x5A;
    private static final long LOCAL_BASE = 0x1000;
    private static final long GENERIC_LOCAL = 0x6000_0000_0000L;
    private static final long STEP_LIMIT = 200_000_000L;

    // ================================================================== the parsed module

    /** An operand. */
    private sealed interface Opnd permits Reg, Imm, Special, Sym, Addr, Tuple {
    }

    private record Reg(int index, String name) implements Opnd {
    }

    private record Imm(long bits, String text) implements Opnd {
    }

    private record Special(String register, int dimension) implements Opnd {
    }

    private record Sym(String name) implements Opnd {
    }

    private record Addr(Opnd base, long offset) implements Opnd {
    }

    private record Tuple(List<Opnd> items) implements Opnd {
    }

    /** One instruction; {@code guard} is a predicate register index or -1. */
    private record Insn(int line, String text, int guard, boolean negated, String op, List<String> mods, Opnd[] args) {
        boolean has(String mod) {
            return mods.contains(mod);
        }

        String type() {
            return mods.getLast();
        }
    }

    /** A {@code .param} declaration: name and size in bytes. */
    private record ParamDecl(String name, int bytes) {
    }

    /** A function or the kernel entry. */
    private static final class Function {
        final String name;
        final boolean entry;
        final List<ParamDecl> params;
        final ParamDecl ret;
        final Map<String, Integer> regIndex = new HashMap<>();
        final List<Integer> regWidth = new ArrayList<>();
        final Map<String, long[]> shared = new TreeMap<>(); // name -> {offset, bytes}
        final Map<String, long[]> locals = new TreeMap<>(); // name -> {offset, bytes}
        long localBytes;
        final List<Insn> code = new ArrayList<>();
        final Map<String, Integer> labels = new HashMap<>();
        long sharedBytes;

        Function(String name, boolean entry, List<ParamDecl> params, ParamDecl ret) {
            this.name = name;
            this.entry = entry;
            this.params = List.copyOf(params);
            this.ret = ret;
        }
    }

    private final Map<String, Function> functions = new HashMap<>();
    private final Map<String, Long> globalSymbols = new HashMap<>();
    private final java.util.Set<Long> readOnly = new java.util.HashSet<>();

    private PtxSimulator(String ptx) {
        parse(ptx);
    }

    /** Parses {@code ptx}; fails on anything outside the emitter's subset. */
    static PtxSimulator parse(String ptxText, String entry) {
        PtxSimulator s = new PtxSimulator(ptxText);
        Function f = s.functions.get(entry);
        if (f == null || !f.entry) {
            throw new SimulationError("the module has no .entry " + entry);
        }
        return s;
    }

    private static final Pattern FUNC = Pattern.compile("\\.func\\s*(?:\\((.*?)\\))?\\s*([A-Za-z_$][\\w$]*)\\s*\\((.*)\\)");
    private static final Pattern ENTRY = Pattern.compile("(?:\\.visible\\s+)?\\.entry\\s+([A-Za-z_$][\\w$]*)\\s*\\((.*)\\)");
    private static final Pattern REG_DECL = Pattern.compile("\\.reg\\s+\\.(\\w+)\\s+(%[\\w$]+?)(?:<(\\d+)>)?");
    private static final Pattern SHARED_DECL = Pattern.compile("\\.shared\\s+\\.align\\s+(\\d+)\\s+\\.b8\\s+([\\w$]+)\\[(\\d+)]");
    private static final Pattern LOCAL_DECL = Pattern.compile("\\.local\\s+\\.align\\s+(\\d+)\\s+\\.b8\\s+([\\w$]+)\\[(\\d+)]");
    private static final Pattern GLOBAL_DATA = Pattern.compile(
            "\\.global\\s+\\.align\\s+(\\d+)\\s+\\.b(8|16|32|64)\\s+([\\w$]+)\\[(\\d+)]\\s*=\\s*\\{(.*)}\\s*;");
    private static final Pattern LABEL = Pattern.compile("([$\\w]+):");
    private static final Pattern INSN = Pattern.compile("(?:@(!?)(%[\\w$]+)\\s+)?([a-z][\\w.]*)\\s*(.*)");
    private static final Set<String> TYPES = Set.of("b8", "b16", "b32", "b64", "s8", "s16", "s32", "s64", "u8", "u16",
            "u32", "u64", "f32", "f64", "pred");

    private void parse(String ptx) {
        List<String> lines = new ArrayList<>();
        for (String raw : ptx.split("\n", -1)) {
            int c = raw.indexOf("//");
            lines.add((c >= 0 ? raw.substring(0, c) : raw).strip());
        }
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isEmpty() || l.startsWith(".version") || l.startsWith(".target")) {
                i++;
            } else if (l.startsWith(".address_size")) {
                if (!l.equals(".address_size 64")) {
                    throw new SimulationError("line " + (i + 1) + ": only 64-bit addresses are simulated: " + l);
                }
                i++;
            } else if (l.startsWith(".global")) {
                StringBuilder decl = new StringBuilder();
                int start = i;
                while (!lines.get(i).endsWith(";")) {
                    decl.append(lines.get(i)).append(' ');
                    i++;
                }
                decl.append(lines.get(i));
                i++;
                globalData(decl.toString(), start + 1);
            } else if (l.startsWith(".func") || l.startsWith(".visible") || l.startsWith(".entry")) {
                StringBuilder header = new StringBuilder();
                int start = i;
                while (!lines.get(i).equals("{")) {
                    header.append(lines.get(i)).append(' ');
                    i++;
                }
                i++;
                int depth = 1;
                List<String> body = new ArrayList<>();
                List<Integer> numbers = new ArrayList<>();
                while (depth > 0) {
                    String b = lines.get(i);
                    if (b.equals("{")) {
                        depth++;
                    } else if (b.equals("}")) {
                        depth--;
                    }
                    if (depth > 0) {
                        body.add(b);
                        numbers.add(i + 1);
                    }
                    i++;
                }
                Function f = header(header.toString().strip(), start + 1);
                if (functions.put(f.name, f) != null) {
                    throw new SimulationError("function " + f.name + " is defined twice");
                }
                body(f, body, numbers);
            } else {
                throw new SimulationError("line " + (i + 1) + ": unexpected module-level text: " + l);
            }
        }
    }

    /** A module-scope {@code .global} array with an initialiser: allocated now, read-only. */
    private void globalData(String decl, int line) {
        Matcher m = GLOBAL_DATA.matcher(decl);
        if (!m.matches()) {
            throw new SimulationError("line " + line + ": only initialised .global arrays are simulated: " + decl);
        }
        int size = Integer.parseInt(m.group(2)) / 8;
        int count = Integer.parseInt(m.group(4));
        String[] values = m.group(5).split(",");
        if (values.length != count) {
            throw new SimulationError("line " + line + ": " + m.group(3) + " declares " + count + " elements and "
                    + values.length + " initialisers");
        }
        if (Long.parseLong(m.group(1)) % size != 0) {
            throw new SimulationError("line " + line + ": " + m.group(3) + " is aligned to less than its elements");
        }
        long base = allocate((long) size * count, "the constant table " + m.group(3));
        MemorySegment bytes = memory(base);
        for (int k = 0; k < count; k++) {
            String v = values[k].strip();
            long bits = v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
            if (size < 8 && (bits < 0 || bits >>> (size * 8) != 0)) {
                throw new SimulationError("line " + line + ": the initialiser " + v + " does not fit ." + "b" + size * 8);
            }
            store(bytes.asSlice((long) k * size, size), size, bits);
        }
        if (globalSymbols.put(m.group(3), base) != null) {
            throw new SimulationError("line " + line + ": " + m.group(3) + " is declared twice");
        }
        readOnly.add(base);
    }

    private static Function header(String h, int line) {
        Matcher m = FUNC.matcher(h);
        if (m.matches()) {
            List<ParamDecl> ret = m.group(1) == null ? List.of() : params(m.group(1), line);
            if (ret.size() > 1) {
                throw new SimulationError("line " + line + ": more than one return parameter");
            }
            return new Function(m.group(2), false, params(m.group(3), line), ret.isEmpty() ? null : ret.getFirst());
        }
        m = ENTRY.matcher(h);
        if (m.matches()) {
            return new Function(m.group(1), true, params(m.group(2), line), null);
        }
        throw new SimulationError("line " + line + ": cannot read the function header '" + h + "'");
    }

    private static List<ParamDecl> params(String list, int line) {
        List<ParamDecl> out = new ArrayList<>();
        for (String p : list.split(",")) {
            if (!p.isBlank()) {
                out.add(paramDecl(p.strip(), line));
            }
        }
        return out;
    }

    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?\\.(\\w+)\\s+([\\w$]+)(?:\\[(\\d+)])?");

    private static ParamDecl paramDecl(String p, int line) {
        Matcher m = PARAM.matcher(p);
        if (!m.matches()) {
            throw new SimulationError("line " + line + ": cannot read the parameter '" + p + "'");
        }
        int element = bits(m.group(1)) / 8;
        int count = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        return new ParamDecl(m.group(2), element * count);
    }

    private void body(Function f, List<String> body, List<Integer> numbers) {
        List<String[]> pending = new ArrayList<>(); // {line, text}
        for (int k = 0; k < body.size(); k++) {
            String l = body.get(k);
            int line = numbers.get(k);
            if (l.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = REG_DECL.matcher(l.replace(";", ""))).matches()) {
                int width = bits(m.group(1));
                int n = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                for (int r = 0; r < n; r++) {
                    String name = m.group(3) == null ? m.group(2) : m.group(2) + r;
                    if (f.regIndex.put(name, f.regWidth.size()) != null) {
                        throw new SimulationError("line " + line + ": register " + name + " is declared twice");
                    }
                    f.regWidth.add(width);
                }
            } else if ((m = SHARED_DECL.matcher(l.replace(";", ""))).matches()) {
                long align = Long.parseLong(m.group(1));
                f.sharedBytes = (f.sharedBytes + align - 1) / align * align;
                f.shared.put(m.group(2), new long[] {f.sharedBytes, Long.parseLong(m.group(3))});
                f.sharedBytes += Long.parseLong(m.group(3));
            } else if ((m = LOCAL_DECL.matcher(l.replace(";", ""))).matches()) {
                long align = Long.parseLong(m.group(1));
                f.localBytes = (f.localBytes + align - 1) / align * align;
                f.locals.put(m.group(2), new long[] {f.localBytes, Long.parseLong(m.group(3))});
                f.localBytes += Long.parseLong(m.group(3));
            } else if ((m = LABEL.matcher(l)).matches()) {
                pending.add(new String[] {Integer.toString(line), "LABEL " + m.group(1)});
            } else {
                pending.add(new String[] {Integer.toString(line), l});
            }
        }
        for (String[] p : pending) {
            int line = Integer.parseInt(p[0]);
            String l = p[1];
            if (l.startsWith("LABEL ")) {
                f.labels.put(l.substring(6), f.code.size());
            } else if (l.equals("{") || l.equals("}")) {
                f.code.add(new Insn(line, l, -1, false, l.equals("{") ? "scope.open" : "scope.close", List.of(), new Opnd[0]));
            } else if (l.startsWith(".param")) {
                ParamDecl d = paramDecl(l.replace(";", "").strip(), line);
                f.code.add(new Insn(line, l, -1, false, "param.decl", List.of(), new Opnd[] {new Sym(d.name()),
                    new Imm(d.bytes(), Integer.toString(d.bytes()))}));
            } else {
                f.code.add(instruction(f, line, l));
            }
        }
    }

    private Insn instruction(Function f, int line, String l) {
        if (!l.endsWith(";")) {
            throw new SimulationError("line " + line + ": an instruction must end with ';': " + l);
        }
        Matcher m = INSN.matcher(l.substring(0, l.length() - 1).strip());
        if (!m.matches()) {
            throw new SimulationError("line " + line + ": cannot read '" + l + "'");
        }
        int guard = -1;
        if (m.group(2) != null) {
            guard = reg(f, m.group(2), line).index();
        }
        String[] parts = m.group(3).split("\\.");
        List<String> mods = List.of(parts).subList(1, parts.length);
        List<String> texts = splitTopLevel(m.group(4).strip());
        Opnd[] args = new Opnd[texts.size()];
        for (int a = 0; a < args.length; a++) {
            args[a] = operand(f, texts.get(a), line);
        }
        return new Insn(line, l, guard, "!".equals(m.group(1)), parts[0], mods, args);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(s.substring(start).strip());
        return out;
    }

    private Opnd operand(Function f, String t, int line) {
        if (t.startsWith("(") && t.endsWith(")")) {
            List<Opnd> items = new ArrayList<>();
            for (String x : splitTopLevel(t.substring(1, t.length() - 1).strip())) {
                items.add(operand(f, x, line));
            }
            return new Tuple(items);
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            String inner = t.substring(1, t.length() - 1).strip();
            int plus = inner.indexOf('+');
            String base = plus < 0 ? inner : inner.substring(0, plus).strip();
            long off = plus < 0 ? 0 : Long.parseLong(inner.substring(plus + 1).strip());
            return new Addr(base.startsWith("%") ? reg(f, base, line) : new Sym(base), off);
        }
        if (t.matches("%(tid|ntid|ctaid|nctaid)\\.[xyz]")) {
            int dot = t.indexOf('.');
            return new Special(t.substring(1, dot), t.charAt(dot + 1) - 'x');
        }
        if (t.startsWith("%")) {
            return reg(f, t, line);
        }
        if (t.matches("0[fF][0-9A-Fa-f]{8}")) {
            return new Imm(Long.parseLong(t.substring(2), 16), t);
        }
        if (t.matches("0[dD][0-9A-Fa-f]{16}")) {
            return new Imm(Long.parseUnsignedLong(t.substring(2), 16), t);
        }
        if (t.matches("0[xX][0-9A-Fa-f]+")) {
            return new Imm(Long.parseUnsignedLong(t.substring(2), 16), t);
        }
        if (t.matches("-?\\d+")) {
            return new Imm(Long.parseLong(t), t);
        }
        if (t.matches("[A-Za-z_$][\\w$]*")) {
            return new Sym(t);
        }
        throw new SimulationError("line " + line + ": cannot read the operand '" + t + "'");
    }

    private static Reg reg(Function f, String name, int line) {
        Integer i = f.regIndex.get(name);
        if (i == null) {
            throw new SimulationError("line " + line + ": register " + name + " is not declared in " + f.name);
        }
        return new Reg(i, name);
    }

    private static int bits(String type) {
        return switch (type) {
            case "b8", "s8", "u8" -> 8;
            case "b16", "s16", "u16" -> 16;
            case "b32", "s32", "u32", "f32" -> 32;
            case "b64", "s64", "u64", "f64" -> 64;
            case "pred" -> 1;
            default -> throw new SimulationError("type ." + type + " is not simulated");
        };
    }

    // ================================================================== memory

    /** One allocation in global or shared memory. */
    private record Region(long base, MemorySegment bytes, String what, Object owner) {
        Region(long base, MemorySegment bytes, String what) {
            this(base, bytes, what, null);
        }
    }

    private final TreeMap<Long, Region> global = new TreeMap<>();
    private TreeMap<Long, Region> shared = new TreeMap<>();
    private final TreeMap<Long, Region> local = new TreeMap<>();
    private long nextGlobal = GLOBAL_BASE;
    private long nextLocal = LOCAL_BASE;

    /** Allocates {@code bytes} of global memory (256-byte aligned) and returns its device address. */
    long allocate(long bytes, String what) {
        long base = nextGlobal;
        global.put(base, new Region(base, MemorySegment.ofArray(new byte[(int) bytes]), what));
        nextGlobal += Math.max(256, (bytes + 511) & ~255L);
        return base;
    }

    /** The bytes of the global allocation at {@code base}. */
    MemorySegment memory(long base) {
        Region r = global.get(base);
        if (r == null) {
            throw new IllegalArgumentException("no allocation at 0x" + Long.toHexString(base));
        }
        return r.bytes();
    }

    private MemorySegment access(String space, long address, int size, Insn in) {
        if (space.equals("generic")) {
            if (address < GENERIC_LOCAL) {
                throw error(in, "a generic access at 0x" + Long.toHexString(address) + " outside the .local window (the"
                        + " emitter addresses only private arrays generically)");
            }
            MemorySegment s = access("local", address - GENERIC_LOCAL, size, in);
            Region r = local.floorEntry(address - GENERIC_LOCAL).getValue();
            if (r.owner() != currentThread) {
                throw error(in, "a work-item reaches another work-item's .local memory (" + r.what() + ")");
            }
            return s;
        }
        TreeMap<Long, Region> map = switch (space) {
            case "global" -> global;
            case "shared" -> shared;
            case "local" -> local;
            default -> throw error(in, "state space ." + space + " is not simulated");
        };
        Map.Entry<Long, Region> e = map.floorEntry(address);
        if (e == null || address + size > e.getKey() + e.getValue().bytes().byteSize()) {
            throw error(in, "a " + size + "-byte access at 0x" + Long.toHexString(address) + " is outside every ." + space
                    + " allocation" + (e == null ? "" : " (nearest: " + e.getValue().what() + " at 0x"
                            + Long.toHexString(e.getKey()) + ", " + e.getValue().bytes().byteSize() + " bytes)"));
        }
        if (address % size != 0) {
            throw error(in, "a " + size + "-byte access at 0x" + Long.toHexString(address) + " is misaligned");
        }
        return e.getValue().bytes().asSlice(address - e.getKey(), size);
    }

    private static long load(MemorySegment s, int size) {
        return switch (size) {
            case 1 -> s.get(BYTE, 0) & 0xFFL;
            case 2 -> s.get(SHORT, 0) & 0xFFFFL;
            case 4 -> s.get(INT, 0) & 0xFFFF_FFFFL;
            case 8 -> s.get(LONG, 0);
            default -> throw new AssertionError(size);
        };
    }

    private static void store(MemorySegment s, int size, long v) {
        switch (size) {
            case 1 -> s.set(BYTE, 0, (byte) v);
            case 2 -> s.set(SHORT, 0, (short) v);
            case 4 -> s.set(INT, 0, (int) v);
            case 8 -> s.set(LONG, 0, v);
            default -> throw new AssertionError(size);
        }
    }

    // ================================================================== threads

    /** A {@code .param} buffer: bytes and which of them were written. */
    private static final class ParamBuf {
        final byte[] bytes;
        final boolean[] written;

        ParamBuf(int size) {
            bytes = new byte[size];
            written = new boolean[size];
        }

        ParamBuf copy() {
            ParamBuf c = new ParamBuf(bytes.length);
            System.arraycopy(bytes, 0, c.bytes, 0, bytes.length);
            System.arraycopy(written, 0, c.written, 0, written.length);
            return c;
        }
    }

    /** A function activation of one work-item. */
    private static final class Frame {
        final Function fn;
        final long[] regs;
        final boolean[] defined;
        final Deque<Map<String, ParamBuf>> scopes = new ArrayDeque<>();
        final Map<String, ParamBuf> formals = new HashMap<>();
        ParamBuf returnInto; // the caller's buffer the return parameter is copied into
        long localBase = -1; // the .local window address of this activation's .local arrays
        int pc;

        Frame(Function fn) {
            this.fn = fn;
            this.regs = new long[fn.regWidth.size()];
            this.defined = new boolean[fn.regWidth.size()];
        }
    }

    private enum State { RUNNING, AT_BARRIER, EXITED }

    /** One work-item. */
    private static final class Thread {
        final int[] tid;
        final Deque<Frame> stack = new ArrayDeque<>();
        State state = State.RUNNING;
        Insn barrier;

        Thread(int[] tid) {
            this.tid = tid;
        }
    }

    private int[] grid;
    private int[] block;
    private int[] ctaid;
    private long steps;

    private SimulationError error(Insn in, String what) {
        return new SimulationError("line " + in.line() + " '" + in.text() + "': " + what);
    }

    // ================================================================== launch

    /**
     * Runs {@code entry} over {@code grid} x {@code block} with the kernel parameters
     * {@code params} (raw little-endian bytes, one per {@code .param} of the entry, in order).
     */
    void launch(String entry, int[] grid, int[] block, List<byte[]> params) {
        Function kernel = functions.get(entry);
        if (params.size() != kernel.params.size()) {
            throw new SimulationError("the launch passes " + params.size() + " parameters, the entry " + entry
                    + " declares " + kernel.params.size());
        }
        Map<String, ParamBuf> kernelParams = new HashMap<>();
        for (int p = 0; p < params.size(); p++) {
            ParamDecl d = kernel.params.get(p);
            if (params.get(p).length != d.bytes()) {
                throw new SimulationError("kernel parameter " + p + " (" + d.name() + ") is " + d.bytes()
                        + " bytes in the PTX, the launch passes " + params.get(p).length);
            }
            ParamBuf b = new ParamBuf(d.bytes());
            System.arraycopy(params.get(p), 0, b.bytes, 0, d.bytes());
            Arrays.fill(b.written, true);
            kernelParams.put(d.name(), b);
        }
        this.grid = grid.clone();
        this.block = block.clone();
        for (int gz = 0; gz < grid[2]; gz++) {
            for (int gy = 0; gy < grid[1]; gy++) {
                for (int gx = 0; gx < grid[0]; gx++) {
                    ctaid = new int[] {gx, gy, gz};
                    runBlock(kernel, kernelParams);
                }
            }
        }
    }

    private void runBlock(Function kernel, Map<String, ParamBuf> kernelParams) {
        shared = new TreeMap<>();
        for (Map.Entry<String, long[]> e : kernel.shared.entrySet()) {
            byte[] poison = new byte[(int) e.getValue()[1]];
            Arrays.fill(poison, SHARED_POISON);
            long base = SHARED_BASE + e.getValue()[0];
            shared.put(base, new Region(base, MemorySegment.ofArray(poison), e.getKey()));
        }
        List<Thread> threads = new ArrayList<>();
        for (int z = 0; z < block[2]; z++) {
            for (int y = 0; y < block[1]; y++) {
                for (int x = 0; x < block[0]; x++) {
                    Thread t = new Thread(new int[] {x, y, z});
                    Frame f = new Frame(kernel);
                    allocateLocals(f, t);
                    f.formals.putAll(kernelParams); // read-only for the entry
                    t.stack.push(f);
                    threads.add(t);
                }
            }
        }
        while (true) {
            for (Thread t : threads) {
                if (t.state == State.RUNNING) {
                    run(t);
                }
            }
            List<Thread> waiting = threads.stream().filter(t -> t.state == State.AT_BARRIER).toList();
            if (waiting.isEmpty()) {
                return;
            }
            if (waiting.size() != threads.size()) {
                throw new SimulationError("block " + Arrays.toString(ctaid) + ": " + (threads.size() - waiting.size())
                        + " work-item(s) exited while " + waiting.size() + " wait at '" + waiting.getFirst().barrier.text()
                        + "' (line " + waiting.getFirst().barrier.line() + ")");
            }
            for (Thread t : waiting) {
                if (t.barrier != waiting.getFirst().barrier) {
                    throw new SimulationError("block " + Arrays.toString(ctaid) + ": work-items wait at different"
                            + " barriers, lines " + waiting.getFirst().barrier.line() + " and " + t.barrier.line());
                }
                t.state = State.RUNNING;
            }
        }
    }

    private void run(Thread t) {
        currentTid = t.tid;
        currentThread = t;
        while (true) {
            Frame f = t.stack.peek();
            if (f.pc >= f.fn.code.size()) {
                throw new SimulationError(f.fn.name + " runs past its last instruction");
            }
            Insn in = f.fn.code.get(f.pc++);
            if (++steps > STEP_LIMIT) {
                throw error(in, "more than " + STEP_LIMIT + " instructions: an endless loop?");
            }
            if (in.guard() >= 0 && (read(f, new Reg(in.guard(), "guard"), 1, in) != 0) == in.negated()) {
                continue;
            }
            switch (in.op()) {
                case "bar" -> {
                    if (!in.mods().equals(List.of("sync")) || !(in.args()[0] instanceof Imm i) || i.bits() != 0) {
                        throw error(in, "only 'bar.sync 0' is simulated");
                    }
                    t.state = State.AT_BARRIER;
                    t.barrier = in;
                    return;
                }
                case "ret" -> {
                    Frame done = t.stack.pop();
                    if (done.localBase >= 0) {
                        local.remove(done.localBase); // a pointer into it dangles from now on
                    }
                    if (t.stack.isEmpty()) {
                        t.state = State.EXITED;
                        return;
                    }
                    if (done.fn.ret != null) {
                        ParamBuf r = done.formals.get(done.fn.ret.name());
                        System.arraycopy(r.bytes, 0, done.returnInto.bytes, 0, r.bytes.length);
                        System.arraycopy(r.written, 0, done.returnInto.written, 0, r.written.length);
                    }
                }
                case "exit" -> {
                    t.state = State.EXITED;
                    return;
                }
                case "call" -> call(t, f, in);
                default -> execute(f, in);
            }
        }
    }

    /** Gives the activation {@code f} of work-item {@code t} its .local arrays, filled with poison. */
    private void allocateLocals(Frame f, Thread t) {
        if (f.fn.localBytes == 0) {
            return;
        }
        byte[] poison = new byte[(int) f.fn.localBytes];
        Arrays.fill(poison, LOCAL_POISON);
        f.localBase = nextLocal;
        local.put(nextLocal, new Region(nextLocal, MemorySegment.ofArray(poison), ".local arrays of " + f.fn.name
                + " for work-item " + Arrays.toString(t.tid), t));
        nextLocal += (f.fn.localBytes + 255) & ~255L;
    }

    private void call(Thread t, Frame f, Insn in) {
        Opnd[] a = in.args();
        int k = 0;
        Tuple rets = a.length == 3 ? (Tuple) a[k++] : null;
        Function callee = functions.get(((Sym) a[k++]).name());
        if (callee == null || callee.entry) {
            throw error(in, "no device function " + a[k - 1]);
        }
        List<Opnd> actuals = ((Tuple) a[k]).items();
        if (actuals.size() != callee.params.size()) {
            throw error(in, "passes " + actuals.size() + " arguments to " + callee.name + ", which takes "
                    + callee.params.size());
        }
        Frame g = new Frame(callee);
        allocateLocals(g, t);
        for (int i = 0; i < actuals.size(); i++) {
            ParamBuf actual = param(f, ((Sym) actuals.get(i)).name(), in);
            ParamDecl formal = callee.params.get(i);
            if (actual.bytes.length != formal.bytes()) {
                throw error(in, "argument " + i + " is " + actual.bytes.length + " bytes; " + callee.name + "'s parameter "
                        + formal.name() + " is " + formal.bytes());
            }
            g.formals.put(formal.name(), actual.copy());
        }
        if ((rets == null) != (callee.ret == null)) {
            throw error(in, "the call's return parameters do not match " + callee.name + "'s declaration");
        }
        if (rets != null) {
            ParamBuf into = param(f, ((Sym) rets.items().getFirst()).name(), in);
            if (into.bytes.length != callee.ret.bytes()) {
                throw error(in, "the return parameter is " + into.bytes.length + " bytes, " + callee.name + " returns "
                        + callee.ret.bytes());
            }
            g.formals.put(callee.ret.name(), new ParamBuf(callee.ret.bytes()));
            g.returnInto = into;
        }
        t.stack.push(g);
    }

    private ParamBuf param(Frame f, String name, Insn in) {
        for (Map<String, ParamBuf> scope : f.scopes) {
            ParamBuf b = scope.get(name);
            if (b != null) {
                return b;
            }
        }
        ParamBuf b = f.formals.get(name);
        if (b == null) {
            throw error(in, ".param " + name + " is not declared here");
        }
        return b;
    }

    // ================================================================== operands

    private long read(Frame f, Opnd o, int width, Insn in) {
        return switch (o) {
            case Reg r -> {
                int w = f.fn.regWidth.get(r.index());
                if (w != width) {
                    throw error(in, "register " + r.name() + " is " + w + " bits, the instruction reads " + width);
                }
                if (!f.defined[r.index()]) {
                    throw error(in, "register " + r.name() + " is read before it is written");
                }
                yield f.regs[r.index()];
            }
            case Imm i -> {
                if (width == 32 && (i.bits() > 0xFFFF_FFFFL || i.bits() < Integer.MIN_VALUE)) {
                    throw error(in, "the immediate " + i.text() + " does not fit 32 bits");
                }
                yield width == 64 ? i.bits() : i.bits() & mask(width);
            }
            case Special s -> {
                if (width != 32) {
                    throw error(in, "%" + s.register() + " is 32 bits");
                }
                yield switch (s.register()) {
                    case "tid" -> currentTid[s.dimension()];
                    case "ntid" -> block[s.dimension()];
                    case "ctaid" -> ctaid[s.dimension()];
                    case "nctaid" -> grid[s.dimension()];
                    default -> throw error(in, "special register %" + s.register());
                };
            }
            case Sym s -> {
                if (width != 64) {
                    throw error(in, "the address of " + s.name() + " is read as " + width + " bits");
                }
                long[] sh = f.fn.shared.get(s.name());
                long[] lo = f.fn.locals.get(s.name());
                Long gl = globalSymbols.get(s.name());
                if (sh != null) {
                    yield SHARED_BASE + sh[0];
                } else if (lo != null) {
                    yield f.localBase + lo[0];
                } else if (gl != null) {
                    yield gl;
                }
                throw error(in, "the symbol " + s.name() + " is not a .shared, .local or .global variable of " + f.fn.name);
            }
            default -> throw error(in, "operand " + o + " cannot be read as a value");
        };
    }

    private int[] currentTid;
    private Thread currentThread;

    private static long mask(int width) {
        return width == 64 ? -1L : (1L << width) - 1;
    }

    private void write(Frame f, Opnd o, long value, int width, Insn in) {
        if (!(o instanceof Reg r)) {
            throw error(in, "the destination " + o + " is not a register");
        }
        int w = f.fn.regWidth.get(r.index());
        if (w != width) {
            throw error(in, "register " + r.name() + " is " + w + " bits, the instruction writes " + width);
        }
        f.regs[r.index()] = value & mask(width);
        f.defined[r.index()] = true;
    }

    private int regWidth(Frame f, Opnd o, Insn in) {
        if (!(o instanceof Reg r)) {
            throw error(in, o + " is not a register");
        }
        return f.fn.regWidth.get(r.index());
    }

    private static long signExtend(long v, int width) {
        return width == 64 ? v : (v << (64 - width)) >> (64 - width);
    }

    private static boolean isFloat(String type) {
        return type.equals("f32") || type.equals("f64");
    }

    private static boolean isSigned(String type) {
        return type.startsWith("s");
    }

    private static double toDouble(long bits, String type) {
        return type.equals("f32") ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    private static long fromDouble(double v, String type) {
        return type.equals("f32") ? Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(v);
    }

    // ================================================================== instructions

    private void execute(Frame f, Insn in) {
        Opnd[] a = in.args();
        switch (in.op()) {
            case "scope.open" -> f.scopes.push(new HashMap<>());
            case "scope.close" -> f.scopes.pop();
            case "param.decl" -> {
                if (f.scopes.isEmpty()) {
                    throw error(in, "a .param declaration outside a { } block");
                }
                f.scopes.peek().put(((Sym) a[0]).name(), new ParamBuf((int) ((Imm) a[1]).bits()));
            }
            case "mov" -> {
                int w = bits(in.type());
                write(f, a[0], read(f, a[1], w, in), w, in);
            }
            case "add", "sub", "mul", "div", "rem", "mad", "fma" -> arithmetic(f, in);
            case "neg" -> {
                String type = in.type();
                if (isFloat(type)) {
                    throw error(in, "neg on floats is not in the emitter's subset (it flips the sign with xor)");
                }
                int w = bits(type);
                write(f, a[0], -read(f, a[1], w, in), w, in);
            }
            case "min", "max" -> {
                String type = in.type();
                if (isFloat(type)) {
                    throw error(in, "float min/max is not in the emitter's subset (PTX's NaN rules differ from Java's)");
                }
                int w = bits(type);
                long x = read(f, a[1], w, in);
                long y = read(f, a[2], w, in);
                int c = isSigned(type) ? Long.compare(signExtend(x, w), signExtend(y, w)) : Long.compareUnsigned(x, y);
                write(f, a[0], (in.op().equals("min") ? c <= 0 : c >= 0) ? x : y, w, in);
            }
            case "and", "or", "xor" -> {
                int w = bits(in.type());
                long x = read(f, a[1], w, in);
                long y = read(f, a[2], w, in);
                write(f, a[0], switch (in.op()) {
                    case "and" -> x & y;
                    case "or" -> x | y;
                    default -> x ^ y;
                }, w, in);
            }
            case "not" -> {
                int w = bits(in.type());
                write(f, a[0], ~read(f, a[1], w, in), w, in);
            }
            case "shl", "shr" -> {
                String type = in.type();
                int w = bits(type);
                long x = read(f, a[1], w, in);
                long n = read(f, a[2], 32, in); // the count is .u32
                long r;
                if (in.op().equals("shl")) {
                    r = n >= w ? 0 : x << n;
                } else if (isSigned(type)) {
                    r = signExtend(x, w) >> Math.min(n, 63);
                } else {
                    r = n >= w ? 0 : x >>> n;
                }
                write(f, a[0], r, w, in);
            }
            case "popc", "clz" -> {
                int w = bits(in.type());
                long x = read(f, a[1], w, in);
                long r = in.op().equals("popc") ? Long.bitCount(x) : Long.numberOfLeadingZeros(x) - (64 - w);
                write(f, a[0], r, 32, in);
            }
            case "brev" -> {
                int w = bits(in.type());
                write(f, a[0], Long.reverse(read(f, a[1], w, in)) >>> (64 - w), w, in);
            }
            case "copysign" -> {
                int w = bits(in.type());
                long sign = 1L << (w - 1);
                write(f, a[0], (read(f, a[1], w, in) & sign) | (read(f, a[2], w, in) & ~sign), w, in);
            }
            case "sqrt" -> {
                requireRn(in);
                String type = in.type();
                double x = toDouble(read(f, a[1], bits(type), in), type);
                write(f, a[0], fromDouble(Math.sqrt(x), type), bits(type), in);
            }
            case "setp" -> setp(f, in);
            case "selp" -> {
                int w = bits(in.type());
                boolean c = read(f, a[3], 1, in) != 0;
                long x = read(f, a[1], w, in);
                long y = read(f, a[2], w, in);
                write(f, a[0], c ? x : y, w, in);
            }
            case "testp" -> {
                String type = in.type();
                double x = toDouble(read(f, a[1], bits(type), in), type);
                double min = type.equals("f32") ? Float.MIN_NORMAL : Double.MIN_NORMAL;
                boolean r = switch (in.mods().getFirst()) {
                    case "notanumber" -> Double.isNaN(x);
                    case "number" -> !Double.isNaN(x);
                    case "infinite" -> Double.isInfinite(x);
                    case "finite" -> Double.isFinite(x);
                    case "normal" -> Double.isFinite(x) && Math.abs(x) >= min;
                    case "subnormal" -> x != 0 && Math.abs(x) < min;
                    default -> throw error(in, "testp." + in.mods().getFirst() + " is not simulated");
                };
                write(f, a[0], r ? 1 : 0, 1, in);
            }
            case "cvt" -> cvt(f, in);
            case "cvta" -> {
                if (in.mods().equals(List.of("local", "u64"))) {
                    long p = read(f, a[1], 64, in);
                    Map.Entry<Long, Region> e = local.floorEntry(p);
                    if (e == null || p >= e.getKey() + e.getValue().bytes().byteSize() || e.getValue().owner() != currentThread) {
                        throw error(in, "0x" + Long.toHexString(p) + " is not an address in this work-item's .local memory");
                    }
                    write(f, a[0], p + GENERIC_LOCAL, 64, in);
                    return;
                }
                if (!in.mods().equals(List.of("to", "global", "u64"))) {
                    throw error(in, "only cvta.to.global.u64 and cvta.local.u64 are simulated");
                }
                long p = read(f, a[1], 64, in);
                if (p != 0 && (global.floorEntry(p) == null || p >= global.floorEntry(p).getKey()
                        + global.floorEntry(p).getValue().bytes().byteSize())) {
                    throw error(in, "0x" + Long.toHexString(p) + " is not a generic address in global memory");
                }
                write(f, a[0], p, 64, in);
            }
            case "ld" -> ld(f, in);
            case "st" -> st(f, in);
            case "atom", "red" -> atom(f, in);
            case "bra" -> {
                Integer target = f.fn.labels.get(((Sym) a[0]).name());
                if (target == null) {
                    throw error(in, "no label " + a[0] + " in " + f.fn.name);
                }
                f.pc = target;
            }
            case "trap" -> throw error(in, "trap poisons the CUDA context; the emitter must never produce it");
            default -> throw error(in, "the instruction '" + in.op() + "' is not in the simulated subset");
        }
    }

    private void requireRn(Insn in) {
        if (in.has("ftz") || in.has("sat")) {
            throw error(in, ".ftz/.sat change Java's results (subnormals flushed, values clamped)");
        }
        if (!in.has("rn")) {
            throw error(in, "float arithmetic without .rn may be contracted into an FMA or approximated");
        }
    }

    private void arithmetic(Frame f, Insn in) {
        Opnd[] a = in.args();
        String type = in.type();
        if (isFloat(type)) {
            requireRn(in);
            int w = bits(type);
            double x = toDouble(read(f, a[1], w, in), type);
            double y = toDouble(read(f, a[2], w, in), type);
            double r;
            if (type.equals("f32")) {
                float fx = (float) x;
                float fy = (float) y;
                r = switch (in.op()) {
                    case "add" -> fx + fy;
                    case "sub" -> fx - fy;
                    case "mul" -> fx * fy;
                    case "div" -> fx / fy;
                    case "fma" -> Math.fma(fx, fy, (float) toDouble(read(f, a[3], w, in), type));
                    default -> throw error(in, "float " + in.op() + " is not simulated");
                };
            } else {
                r = switch (in.op()) {
                    case "add" -> x + y;
                    case "sub" -> x - y;
                    case "mul" -> x * y;
                    case "div" -> x / y;
                    case "fma" -> Math.fma(x, y, toDouble(read(f, a[3], w, in), type));
                    default -> throw error(in, "float " + in.op() + " is not simulated");
                };
            }
            write(f, a[0], fromDouble(r, type), w, in);
            return;
        }
        if (in.has("sat") || in.has("cc") || in.has("hi")) {
            throw error(in, "integer ." + String.join(".", in.mods()) + " is not in the simulated subset");
        }
        int w = bits(type);
        boolean signed = isSigned(type);
        switch (in.op()) {
            case "add" -> write(f, a[0], read(f, a[1], w, in) + read(f, a[2], w, in), w, in);
            case "sub" -> write(f, a[0], read(f, a[1], w, in) - read(f, a[2], w, in), w, in);
            case "mul" -> {
                if (in.has("wide")) {
                    if (w != 32) {
                        throw error(in, "mul.wide is simulated for 32-bit sources only");
                    }
                    long x = read(f, a[1], 32, in);
                    long y = read(f, a[2], 32, in);
                    write(f, a[0], signed ? signExtend(x, 32) * signExtend(y, 32) : x * y, 64, in);
                } else if (in.has("lo")) {
                    write(f, a[0], read(f, a[1], w, in) * read(f, a[2], w, in), w, in);
                } else {
                    throw error(in, "integer mul needs .lo or .wide");
                }
            }
            case "mad" -> {
                if (!in.has("lo")) {
                    throw error(in, "only mad.lo is simulated");
                }
                write(f, a[0], read(f, a[1], w, in) * read(f, a[2], w, in) + read(f, a[3], w, in), w, in);
            }
            case "div", "rem" -> {
                long x = read(f, a[1], w, in);
                long y = read(f, a[2], w, in);
                if (y == 0) {
                    throw error(in, "integer division by zero is undefined in PTX");
                }
                long r;
                if (signed) {
                    long sx = signExtend(x, w);
                    long sy = signExtend(y, w);
                    if (sy == -1 && sx == (w == 64 ? Long.MIN_VALUE : Integer.MIN_VALUE)) {
                        throw error(in, "MIN / -1 overflows: undefined in PTX");
                    }
                    r = in.op().equals("div") ? sx / sy : sx % sy;
                } else {
                    r = in.op().equals("div") ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y);
                }
                write(f, a[0], r, w, in);
            }
            default -> throw error(in, "integer " + in.op() + " is not simulated");
        }
    }

    private void setp(Frame f, Insn in) {
        Opnd[] a = in.args();
        List<String> m = in.mods();
        String cmp = m.getFirst();
        String type = in.type();
        String bool = m.size() == 3 ? m.get(1) : null;
        if (m.size() > 3 || (bool != null && !Set.of("and", "or", "xor").contains(bool))) {
            throw error(in, "setp modifiers " + m + " are not simulated");
        }
        int w = bits(type);
        long x = read(f, a[1], w, in);
        long y = read(f, a[2], w, in);
        boolean t;
        if (isFloat(type)) {
            double dx = toDouble(x, type);
            double dy = toDouble(y, type);
            boolean nan = Double.isNaN(dx) || Double.isNaN(dy);
            t = switch (cmp) {
                case "eq" -> !nan && dx == dy;
                case "ne" -> !nan && dx != dy;
                case "lt" -> !nan && dx < dy;
                case "le" -> !nan && dx <= dy;
                case "gt" -> !nan && dx > dy;
                case "ge" -> !nan && dx >= dy;
                case "equ" -> nan || dx == dy;
                case "neu" -> nan || dx != dy;
                case "ltu" -> nan || dx < dy;
                case "leu" -> nan || dx <= dy;
                case "gtu" -> nan || dx > dy;
                case "geu" -> nan || dx >= dy;
                case "num" -> !nan;
                case "nan" -> nan;
                default -> throw error(in, "float comparison " + cmp);
            };
        } else {
            boolean signed = isSigned(type);
            if (type.startsWith("b") && !cmp.equals("eq") && !cmp.equals("ne")) {
                throw error(in, "." + type + " compares only eq/ne");
            }
            int c = signed ? Long.compare(signExtend(x, w), signExtend(y, w)) : Long.compareUnsigned(x, y);
            t = switch (cmp) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "lt", "lo" -> c < 0;
                case "le", "ls" -> c <= 0;
                case "gt", "hi" -> c > 0;
                case "ge", "hs" -> c >= 0;
                default -> throw error(in, "integer comparison " + cmp);
            };
            if ((cmp.equals("lo") || cmp.equals("ls") || cmp.equals("hi") || cmp.equals("hs")) && signed) {
                throw error(in, "unsigned comparison " + cmp + " on a signed type");
            }
        }
        if (bool != null) {
            boolean c = read(f, a[3], 1, in) != 0;
            t = switch (bool) {
                case "and" -> t && c;
                case "or" -> t || c;
                default -> t ^ c;
            };
        }
        write(f, a[0], t ? 1 : 0, 1, in);
    }

    private static final Set<String> FLOAT_ROUNDING = Set.of("rn", "rz", "rm", "rp");
    private static final Set<String> INT_ROUNDING = Set.of("rni", "rzi", "rmi", "rpi");

    private void cvt(Frame f, Insn in) {
        Opnd[] a = in.args();
        List<String> m = in.mods();
        String dtype = m.get(m.size() - 2);
        String atype = m.getLast();
        List<String> rest = m.subList(0, m.size() - 2);
        if (rest.contains("ftz") || rest.contains("sat")) {
            throw error(in, ".ftz/.sat change Java's results");
        }
        String rnd = rest.isEmpty() ? null : rest.getFirst();
        if (rest.size() > 1 || !TYPES.contains(dtype) || !TYPES.contains(atype)) {
            throw error(in, "cvt modifiers " + m + " are not simulated");
        }
        int dw = bits(dtype);
        int aw = bits(atype);
        int srcReg = a[1] instanceof Reg ? regWidth(f, a[1], in) : Math.max(32, aw);
        long raw = read(f, a[1], srcReg, in);
        if (!isFloat(atype) && !isFloat(dtype)) {
            if (rnd != null) {
                throw error(in, "integer-to-integer cvt takes no rounding modifier");
            }
            long v = isSigned(atype) ? signExtend(raw & mask(aw), aw) : raw & mask(aw);
            int destReg = regWidth(f, a[0], in);
            long narrowed = v & mask(dw);
            write(f, a[0], isSigned(dtype) ? signExtend(narrowed, dw) : narrowed, destReg, in);
            return;
        }
        if (!isFloat(atype)) { // integer to float
            if (!"rn".equals(rnd)) {
                throw error(in, "integer-to-float cvt must round to nearest (.rn) as Java does");
            }
            if (!isSigned(atype) || aw < 32) {
                throw error(in, "only signed 32/64-bit integer sources are simulated");
            }
            long v = signExtend(raw & mask(aw), aw);
            long r = dtype.equals("f32") ? Float.floatToRawIntBits((float) v) & 0xFFFF_FFFFL
                    : Double.doubleToRawLongBits((double) v);
            write(f, a[0], r, dw, in);
            return;
        }
        double x = toDouble(raw, atype);
        if (isFloat(dtype)) {
            if (atype.equals(dtype)) {
                if (rnd == null || !INT_ROUNDING.contains(rnd)) {
                    throw error(in, "a same-type float cvt needs an integer rounding modifier");
                }
                double r = switch (rnd) {
                    case "rni" -> Math.rint(x);
                    case "rzi" -> x < 0 ? Math.ceil(x) : Math.floor(x);
                    case "rmi" -> Math.floor(x);
                    default -> Math.ceil(x);
                };
                write(f, a[0], fromDouble(r, dtype), dw, in);
            } else if (dtype.equals("f64")) {
                if (rnd != null) {
                    throw error(in, "f32 to f64 is exact and takes no rounding modifier");
                }
                write(f, a[0], Double.doubleToRawLongBits(x), 64, in);
            } else {
                if (!"rn".equals(rnd)) {
                    throw error(in, "f64 to f32 must round to nearest (.rn) as Java does");
                }
                write(f, a[0], Float.floatToRawIntBits((float) x) & 0xFFFF_FFFFL, 32, in);
            }
            return;
        }
        // float to integer: PTX saturates to the destination range and maps NaN to 0
        if (!"rzi".equals(rnd)) {
            throw error(in, "float-to-integer cvt is simulated with .rzi (Java truncates) only");
        }
        if (!isSigned(dtype) || dw < 32) {
            throw error(in, "only signed 32/64-bit integer destinations are simulated");
        }
        long r = dw == 32 ? (long) (int) x : (long) x; // Java's casts: truncate, saturate, NaN -> 0
        write(f, a[0], r, dw, in);
    }

    private void ld(Frame f, Insn in) {
        Opnd[] a = in.args();
        String space = in.mods().size() == 1 ? "generic" : in.mods().getFirst();
        String type = in.type();
        if (in.mods().size() > 2) {
            throw error(in, "ld modifiers " + in.mods() + " are not simulated");
        }
        int size = bits(type) / 8;
        Addr addr = (Addr) a[1];
        long v;
        if (space.equals("param")) {
            ParamBuf b = param(f, ((Sym) addr.base()).name(), in);
            int off = (int) addr.offset();
            if (off < 0 || off + size > b.bytes.length) {
                throw error(in, "reads past the end of the " + b.bytes.length + "-byte .param");
            }
            for (int i = off; i < off + size; i++) {
                if (!b.written[i]) {
                    throw error(in, "reads .param bytes that were never written");
                }
            }
            v = load(MemorySegment.ofArray(b.bytes).asSlice(off, size), size);
        } else {
            long address = read(f, addr.base(), 64, in) + addr.offset();
            v = load(access(space, address, size, in), size);
        }
        int w = regWidth(f, a[0], in);
        if (w < size * 8) {
            throw error(in, "a " + size * 8 + "-bit load into a " + w + "-bit register");
        }
        write(f, a[0], isSigned(type) ? signExtend(v, size * 8) : v, w, in);
    }

    private void st(Frame f, Insn in) {
        Opnd[] a = in.args();
        String space = in.mods().size() == 1 ? "generic" : in.mods().getFirst();
        String type = in.type();
        if (in.mods().size() > 2) {
            throw error(in, "st modifiers " + in.mods() + " are not simulated");
        }
        int size = bits(type) / 8;
        int w = a[1] instanceof Reg ? regWidth(f, a[1], in) : Math.max(32, size * 8);
        if (w < size * 8) {
            throw error(in, "a " + size * 8 + "-bit store from a " + w + "-bit register");
        }
        long v = read(f, a[1], w, in);
        Addr addr = (Addr) a[0];
        if (space.equals("param")) {
            ParamBuf b = param(f, ((Sym) addr.base()).name(), in);
            int off = (int) addr.offset();
            if (off < 0 || off + size > b.bytes.length) {
                throw error(in, "writes past the end of the " + b.bytes.length + "-byte .param");
            }
            store(MemorySegment.ofArray(b.bytes).asSlice(off, size), size, v);
            Arrays.fill(b.written, off, off + size, true);
        } else {
            long address = read(f, addr.base(), 64, in) + addr.offset();
            writable(space, address, in);
            store(access(space, address, size, in), size, v);
        }
    }

    /** Refuses a write into a constant table. */
    private void writable(String space, long address, Insn in) {
        if (space.equals("global")) {
            Map.Entry<Long, Region> e = global.floorEntry(address);
            if (e != null && readOnly.contains(e.getKey())) {
                throw error(in, "writes into " + e.getValue().what() + ", which is read-only");
            }
        }
    }

    private void atom(Frame f, Insn in) {
        Opnd[] a = in.args();
        boolean red = in.op().equals("red");
        List<String> m = in.mods();
        if (m.size() != 3) {
            throw error(in, in.op() + " modifiers " + m + " are not simulated");
        }
        String space = m.getFirst();
        String op = m.get(1);
        String type = m.get(2);
        if (isFloat(type)) {
            throw error(in, "atom.add.f32 flushes subnormals to zero; Java's float add does not");
        }
        int w = bits(type);
        int k = red ? 0 : 1;
        Addr addr = (Addr) a[k];
        long address = read(f, addr.base(), 64, in) + addr.offset();
        writable(space, address, in);
        MemorySegment cell = access(space, address, w / 8, in);
        long old = load(cell, w / 8);
        long b = read(f, a[k + 1], w, in);
        long updated = switch (op) {
            case "add" -> old + b;
            case "min", "max" -> {
                int c = isSigned(type) ? Long.compare(signExtend(old, w), signExtend(b, w)) : Long.compareUnsigned(old, b);
                yield op.equals("min") ? (c <= 0 ? old : b) : (c >= 0 ? old : b);
            }
            case "exch" -> b;
            case "cas" -> old == b ? read(f, a[k + 2], w, in) : old;
            default -> throw error(in, "atomic " + op + " is not simulated");
        };
        store(cell, w / 8, updated & mask(w));
        if (!red) {
            write(f, a[0], old, w, in);
        }
    }

    /**
     * Launches a Java kernel's PTX the way {@code CudaBackend.launch} does: each array argument is
     * copied into its own global allocation ({@code boolean[]} as bytes 0/1; an empty array passes
     * a null pointer), the parameters follow the {@code KernelIR} ABI (a scalar by value, sub-int
     * scalars widened to {@code int}; an array as its 64-bit pointer then its {@code int} length),
     * then the zeroed error record's pointer and the three global sizes. Arrays are copied back
     * afterwards, as the backend does even when a work-item failed.
     *
     * @return the error record the kernel left
     */
    static MemorySegment launchJavaKernel(PtxModule module, int[] grid, int[] block, org.jdotcompute.api.Range range,
            List<Object> arguments) {
        PtxSimulator sim = parse(module.ptx(), module.entryName());
        List<byte[]> params = new ArrayList<>();
        List<long[]> copies = new ArrayList<>(); // {argument index, device address}
        for (int i = 0; i < arguments.size(); i++) {
            Object a = arguments.get(i);
            if (a.getClass().isArray()) {
                MemorySegment heap = heap(a);
                long address = 0;
                if (heap.byteSize() > 0) {
                    address = sim.allocate(heap.byteSize(), "argument " + i);
                    MemorySegment.copy(heap, 0, sim.memory(address), 0, heap.byteSize());
                    copies.add(new long[] {i, address});
                }
                params.add(bytes(8, address));
                params.add(bytes(4, java.lang.reflect.Array.getLength(a)));
            } else {
                params.add(switch (a) {
                    case Integer v -> bytes(4, v);
                    case Long v -> bytes(8, v);
                    case Float v -> bytes(4, Float.floatToRawIntBits(v));
                    case Double v -> bytes(8, Double.doubleToRawLongBits(v));
                    case Boolean v -> bytes(4, v ? 1 : 0);
                    case Byte v -> bytes(4, v);
                    case Short v -> bytes(4, v);
                    case Character v -> bytes(4, v);
                    default -> throw new IllegalArgumentException("unsupported argument " + a);
                });
            }
        }
        long record = sim.allocate(ErrorRecord.BYTES, "the error record");
        params.add(bytes(8, record));
        for (int d = 0; d < 3; d++) {
            params.add(bytes(4, range.global(d)));
        }
        if (sim.sharedBytes(module.entryName()) > module.sharedMemoryBytes()) {
            throw new SimulationError("the entry declares " + sim.sharedBytes(module.entryName())
                    + " bytes of shared memory, PtxModule reports " + module.sharedMemoryBytes());
        }
        sim.launch(module.entryName(), grid, block, params);
        for (long[] c : copies) {
            Object a = arguments.get((int) c[0]);
            MemorySegment device = sim.memory(c[1]);
            if (a instanceof boolean[] z) {
                for (int j = 0; j < z.length; j++) {
                    z[j] = device.get(BYTE, j) != 0;
                }
            } else {
                MemorySegment.copy(device, 0, heap(a), 0, device.byteSize());
            }
        }
        return sim.memory(record);
    }

    private static MemorySegment heap(Object a) {
        return switch (a) {
            case boolean[] z -> {
                byte[] b = new byte[z.length];
                for (int i = 0; i < z.length; i++) {
                    b[i] = (byte) (z[i] ? 1 : 0);
                }
                yield MemorySegment.ofArray(b);
            }
            case byte[] x -> MemorySegment.ofArray(x);
            case short[] x -> MemorySegment.ofArray(x);
            case char[] x -> MemorySegment.ofArray(x);
            case int[] x -> MemorySegment.ofArray(x);
            case long[] x -> MemorySegment.ofArray(x);
            case float[] x -> MemorySegment.ofArray(x);
            case double[] x -> MemorySegment.ofArray(x);
            default -> throw new IllegalArgumentException("unsupported array " + a.getClass());
        };
    }

    private static byte[] bytes(int size, long v) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** The shared memory size the entry declares. */
    long sharedBytes(String entry) {
        return functions.get(entry).sharedBytes;
    }

    /** The {@code .param} sizes of the entry, in order. */
    List<Integer> entryParameterBytes(String entry) {
        return functions.get(entry).params.stream().map(ParamDecl::bytes).toList();
    }
}
