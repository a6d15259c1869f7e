package org.jdotcompute.api.exceptions;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * The child JVM of {@code SerializationTest}: reads {@code n} pairs (throwable, fingerprint the
 * parent computed) from stdin, checks that each deserialized throwable has that fingerprint,
 * and writes {@code n} pairs (the same throwable re-serialized, the fingerprint computed here)
 * to stdout. Exit status 0: all equal; 2: a mismatch, described on stderr; 1: a crash.
 */
public final class SerializationChild {
    private SerializationChild() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream stdout = System.out;
        System.setOut(System.err); // nothing but the object stream may reach stdout
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in));
                ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(stdout))) {
            int n = in.readInt();
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                Throwable received = (Throwable) in.readObject();
                String expected = (String) in.readObject();
                String actual = ThrowableFingerprint.of(received);
                if (!expected.equals(actual)) {
                    System.err.println("MISMATCH in object " + i + "\n--- parent sent:\n" + expected
                            + "\n--- child read:\n" + actual);
                    System.exit(2);
                }
                out.writeObject(received);
                out.writeObject(actual);
            }
        }
    }
}
