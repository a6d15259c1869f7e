/**
 * The conformance report: {@link org.jdotcompute.testkit.report.ConformanceReportListener} (a JUnit
 * Platform listener, registered automatically) collects the rules' outcomes of every
 * {@link org.jdotcompute.testkit.BackendConformanceSuite} run into a
 * {@link org.jdotcompute.testkit.report.ConformanceReport} and writes it as Markdown and JSON.
 */
package org.jdotcompute.testkit.report;
