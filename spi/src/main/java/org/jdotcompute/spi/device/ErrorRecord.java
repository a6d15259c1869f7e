package org.jdotcompute.spi.device;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The layout of the device error record; see the package documentation. */
public final class ErrorRecord {
    /** The record's size in bytes. */
    public static final int BYTES = 80;
    /** Offset of {@code int state}. */
    public static final int STATE = 0;
    /** Offset of {@code int site}. */
    public static final int SITE = 4;
    /** Offset of {@code int count}. */
    public static final int COUNT = 8;
    /** Offset of {@code int gid[3]}. */
    public static final int GID = 16;
    /** Offset of {@code long values[6]}. */
    public static final int VALUES = 32;
    /** How many dynamic values a site may have. */
    public static final int MAX_VALUES = 6;

    /** The C declaration of the record, for C-family emitters. */
    public static final String C_STRUCT = """
            typedef struct {
                int state;
                int site;
                int count;
                int reserved;
                int gid[3];
                int pad;
                long values[6];
            } jdc_error_record;
            """;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private ErrorRecord() {
    }

    /** Clears a record (all zero) before a launch. */
    public static void clear(MemorySegment record) {
        record.asSlice(0, BYTES).fill((byte) 0);
    }

    /** Whether the record holds a failure. */
    public static boolean failed(MemorySegment record) {
        return record.get(INT, STATE) != 0 || record.get(INT, COUNT) != 0;
    }

    static int state(MemorySegment r) {
        return r.get(INT, STATE);
    }

    static int site(MemorySegment r) {
        return r.get(INT, SITE);
    }

    static int count(MemorySegment r) {
        return r.get(INT, COUNT);
    }

    static int gid(MemorySegment r, int d) {
        return r.get(INT, GID + 4L * d);
    }

    static long value(MemorySegment r, int i) {
        return r.get(LONG, VALUES + 8L * i);
    }
}
