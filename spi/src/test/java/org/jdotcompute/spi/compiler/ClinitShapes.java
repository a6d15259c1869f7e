package org.jdotcompute.spi.compiler;

/** Classes whose static initializers {@link ConstantTablesTest} evaluates without reflection. */
final class ClinitShapes {
    private ClinitShapes() {
    }

    static final class Plain {
        static final int[] T = {3, 1, 4};
    }

    static final class Updated {
        static final int[] T = {3, 1, 4};

        static {
            T[1] = 9;
        }
    }

    static final class ViaLocal {
        static final long[] T;

        static {
            long[] t = new long[2];
            t[0] = 5;
            t[1] = -6;
            T = t;
        }
    }

    static final class Unrelated {
        static final String NAME = System.getProperty("jdotcompute.test.unused", "x");
        static final float[] T = {1.5f, Float.NaN, -0.0f};
        static final boolean[] FLAGS = {true, false, true};
        static final char[] CHARS = {'x', '\uffff'};
    }

    static final class Looped {
        static final int[] T = new int[4];

        static {
            for (int k = 0; k < 4; k++) {
                T[k] = k;
            }
        }
    }

    static final class Escapes {
        static final int[] T = {1, 2};

        static {
            java.util.Arrays.fill(T, 7);
        }
    }

    static final class Computed {
        static final int[] T = make();

        static int[] make() {
            return new int[] {1};
        }
    }

    static final class ComputedElement {
        static final double[] T = {1.0, Math.sqrt(2.0)};
    }
}
