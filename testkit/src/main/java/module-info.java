/**
 * The JDotCompute conformance kit. So far: the kernel corpus ({@link org.jdotcompute.testkit.corpus}),
 * kernels with seeded inputs and expected failures that every backend's tests run.
 */
module org.jdotcompute.testkit {
    requires transitive org.jdotcompute.spi;

    exports org.jdotcompute.testkit.corpus;
}
