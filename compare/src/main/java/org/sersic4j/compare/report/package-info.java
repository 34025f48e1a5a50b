/**
 * The comparison report: one self-contained HTML file, readable offline, with every plot drawn by XChart and
 * embedded as a base64 PNG. {@link org.sersic4j.compare.report.ComparisonReport} is the entry point;
 * {@link org.sersic4j.compare.report.Charts} draws the plots, {@link org.sersic4j.compare.report.StampImages} turns
 * stamps into pictures, and {@link org.sersic4j.compare.report.HtmlReport} assembles the page.
 */
package org.sersic4j.compare.report;
