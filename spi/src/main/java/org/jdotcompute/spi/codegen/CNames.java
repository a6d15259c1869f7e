package org.jdotcompute.spi.codegen;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifier rules shared by the C-family dialects: C99 and C++ keywords, the {@code jdc_} prefix
 * reserved for generated helpers, and comment-safe text.
 *
 * <p>Thread-safe (stateless).
 */
public final class CNames {
    /** The prefix of every generated helper, hidden parameter and group-local array; user names never start with it. */
    public static final String RESERVED_PREFIX = "jdc_";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** C99, C11 and C++14 keywords and the names of common macros, none of which may be a generated identifier. */
    public static final Set<String> KEYWORDS = Set.of(
            // C99 / C11
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
            "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
            "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
            "_Bool", "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
            "_Static_assert", "_Thread_local",
            // C++ (MSL and CUDA C are C++ dialects)
            "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "bool", "catch", "char16_t", "char32_t",
            "class", "compl", "constexpr", "const_cast", "decltype", "delete", "dynamic_cast", "explicit", "export",
            "false", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
            "or_eq", "private", "protected", "public", "reinterpret_cast", "static_assert", "static_cast", "template",
            "this", "thread_local", "throw", "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor",
            "xor_eq",
            // macros and names of the standard library that generated code may use
            "NULL", "INFINITY", "NAN", "main", "assert");

    private CNames() {
    }

    /** Whether {@code name} is a syntactically valid C identifier. */
    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** Whether {@code name} may not be used as a generated identifier in {@code dialect}. */
    public static boolean isReserved(CDialect dialect, String name) {
        return KEYWORDS.contains(name) || dialect.reservedWords().contains(name) || name.startsWith(RESERVED_PREFIX)
                || name.startsWith("__");
    }

    /**
     * {@code name} made into a valid identifier: invalid characters become {@code _}, a leading
     * digit gets a {@code _} in front, and a reserved word or reserved prefix gets a {@code u_} in
     * front. Not necessarily unique; see {@link CNameScope}.
     */
    public static String sanitize(CDialect dialect, String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            sb.append(ok ? c : '_');
        }
        if (sb.isEmpty() || Character.isDigit(sb.charAt(0))) {
            sb.insert(0, '_');
        }
        String s = sb.toString();
        return isReserved(dialect, s) ? "u_" + s : s;
    }

    /** {@code text} made safe inside a {@code /* ... *}{@code /} or {@code //} comment: one line, no comment terminators. */
    public static String commentText(String text) {
        return text.replace("*/", "* /").replace("/*", "/ *").replace('\n', ' ').replace('\r', ' ');
    }
}
