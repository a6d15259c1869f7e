/** The {@code jdotcompute} command: lists backends, runs the conformance kit, benchmarks and demos. */
module org.jdotcompute.cli {
    requires java.logging;
    requires org.jdotcompute.api;
    requires org.jdotcompute.testkit;
}
