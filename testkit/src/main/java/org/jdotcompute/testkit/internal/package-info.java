/**
 * The kit's implementation: the conformance kernels. Not exported.
 */
package org.jdotcompute.testkit.internal;
