/**
 * The conformance rules, one abstract class per rule group; {@link org.jdotcompute.testkit.BackendConformanceSuite}
 * runs them as its {@code @Nested} groups. Every test's display name starts with its rule id
 * ({@code KRN-008 matmul with local tiles ...}); the README lists them. Rules get the backend
 * through a {@link org.jdotcompute.testkit.rules.Kit} parameter. Audience: backend authors reading
 * why a rule failed — extend {@code BackendConformanceSuite}, not these classes.
 */
package org.jdotcompute.testkit.rules;
