package org.jdotcompute.spi.internal.engine;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A JFR event per kernel launch (its duration is the launch's, transfers included). */
@Name("org.jdotcompute.KernelLaunch")
@Label("Kernel Launch")
@Category({"JDotCompute", "Kernels"})
@Description("One data-parallel kernel launch, transfers included")
final class KernelLaunchEvent extends Event {
    @Label("Backend")
    String backend;

    @Label("Kernel")
    String kernel;

    @Label("Work-items")
    long workItems;

    @Label("Failed")
    boolean failed;
}
