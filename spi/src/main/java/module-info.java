/**
 * The backend contract for backend authors ({@link org.jdotcompute.spi}), the kernel IR
 * ({@link org.jdotcompute.spi.ir}), the device error protocol ({@link org.jdotcompute.spi.device}),
 * the C-family emitter helpers ({@link org.jdotcompute.spi.codegen})
 * and — in unexported packages — the engine: discovery, selection, plugin layers and the
 * ring-kernel host runtime.
 */
module org.jdotcompute.spi {
    requires transitive org.jdotcompute.api;
    requires jdk.jfr;

    exports org.jdotcompute.spi;
    exports org.jdotcompute.spi.codegen;
    exports org.jdotcompute.spi.compiler;
    exports org.jdotcompute.spi.device;
    exports org.jdotcompute.spi.ir;

    uses org.jdotcompute.spi.BackendProvider;

    provides org.jdotcompute.api.bridge.EngineBridge with org.jdotcompute.spi.internal.engine.Engine;
}
