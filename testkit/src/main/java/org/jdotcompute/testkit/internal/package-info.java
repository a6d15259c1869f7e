/**
 * The kit's implementation: the JVM reference executor and the conformance kernels. Not
 * exported.
 */
package org.jdotcompute.testkit.internal;
