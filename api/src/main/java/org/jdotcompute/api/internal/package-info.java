/**
 * Helpers the engine and the backends share with the API module. Audience: the engine in
 * {@code org.jdotcompute.spi} only — this package is exported to that module alone, and
 * applications cannot see it. Nothing here is a stable API.
 */
package org.jdotcompute.api.internal;
