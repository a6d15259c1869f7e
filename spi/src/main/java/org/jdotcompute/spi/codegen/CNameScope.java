package org.jdotcompute.spi.codegen;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Hands out unique, valid identifiers within one scope (a function, or the file for function
 * names): each {@link #declare(String)} returns the sanitised name, with {@code _2}, {@code _3} …
 * appended if it is taken.
 *
 * <p>Not thread-safe; confine to one emission.
 */
public final class CNameScope {
    private final CDialect dialect;
    private final Set<String> taken = new HashSet<>();

    /** A scope for {@code dialect}'s reserved words. */
    public CNameScope(CDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** A unique identifier close to {@code preferred}. */
    public String declare(String preferred) {
        String base = CNames.sanitize(dialect, preferred);
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    /** Marks {@code name} as taken, e.g. a fixed hidden parameter name. Reserved names may be claimed this way. */
    public void claim(String name) {
        taken.add(name);
    }
}
