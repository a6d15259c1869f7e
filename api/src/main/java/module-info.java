/**
 * The JDotCompute user API: {@link org.jdotcompute.api.ComputeRuntime}, kernels, ranges,
 * buffers, ring kernels ({@link org.jdotcompute.api.ring}) and the exception model
 * ({@link org.jdotcompute.api.exceptions}). Applications compile against this module alone;
 * the engine and the backends are found at run time.
 */
module org.jdotcompute.api {
    exports org.jdotcompute.api;
    exports org.jdotcompute.api.exceptions;
    exports org.jdotcompute.api.ring;

    exports org.jdotcompute.api.bridge to org.jdotcompute.spi;
    exports org.jdotcompute.api.internal to org.jdotcompute.spi;

    uses org.jdotcompute.api.bridge.EngineBridge;
}
