package org.jdotcompute.spi.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("C names, writers and numbered source")
class CNamesTest {
    static final CDialect D = TestDialect.INSTANCE;

    @Test
    @DisplayName("sanitise identifiers, keeping C, C++ and dialect keywords and the jdc_ prefix free")
    void sanitize() {
        assertEquals("x", CNames.sanitize(D, "x"));
        assertEquals("a_b", CNames.sanitize(D, "a$b"));
        assertEquals("_1x", CNames.sanitize(D, "1x"));
        assertEquals("u_int", CNames.sanitize(D, "int"));
        assertEquals("u_class", CNames.sanitize(D, "class"));
        assertEquals("u_i32", CNames.sanitize(D, "i32"));
        assertEquals("u_jdc_x", CNames.sanitize(D, "jdc_x"));
        assertEquals("u___x", CNames.sanitize(D, "__x"));
        assertEquals("_", CNames.sanitize(D, ""));
        assertTrue(CNames.isIdentifier("a_1"));
        assertFalse(CNames.isIdentifier("1a"));
    }

    @Test
    @DisplayName("hand out unique names in a scope")
    void scope() {
        CNameScope scope = new CNameScope(D);
        scope.claim("jdc_err");
        assertEquals("x", scope.declare("x"));
        assertEquals("x_2", scope.declare("x"));
        assertEquals("x_3", scope.declare("x"));
        assertEquals("u_int", scope.declare("int"));
        assertEquals("u_jdc_err", scope.declare("jdc_err"));
    }

    @Test
    @DisplayName("make text safe inside comments")
    void comments() {
        assertEquals("a * / b / * c d", CNames.commentText("a */ b /* c\nd"));
    }

    @Test
    @DisplayName("indent blocks by four spaces and put labels one level out")
    void writer() {
        CWriter w = new CWriter();
        w.open("void f()").line("int x = 0;").label("B1").line("x++;").line("").close();
        assertEquals("void f() {\n    int x = 0;\nB1:\n    x++;\n\n}\n", w.toString());
        assertThrows(IllegalStateException.class, w::close);
    }

    @Test
    @DisplayName("number source lines, right-aligned")
    void numbered() {
        assertEquals("1 | a\n2 | b\n", CSource.numbered("a\nb\n"));
        assertEquals("1 | a\n2 | b\n", CSource.numbered("a\nb"));
        String ten = "x\n".repeat(10);
        assertTrue(CSource.numbered(ten).startsWith(" 1 | x\n"));
        assertTrue(CSource.numbered(ten).endsWith("10 | x\n"));
    }
}
