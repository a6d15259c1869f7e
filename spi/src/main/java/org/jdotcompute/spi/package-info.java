/**
 * The backend SPI. Audience: authors of backends (in-tree or third-party). Implement
 * {@link org.jdotcompute.spi.BackendProvider}, declare it with {@code provides} in
 * {@code module-info} and in {@code META-INF/services}, and prove the backend with the
 * conformance kit ({@code org.jdotcompute.testkit}). Applications do not use this package.
 */
package org.jdotcompute.spi;
