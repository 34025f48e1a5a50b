package org.sersic4j.validation;

import java.util.Locale;

/**
 * One claim of a paper checked on our data: the paper's number beside ours and whether it held. A claim that does not
 * hold is a finding, reported like any other.
 *
 * @param id            short machine-readable name
 * @param statement     what the paper claims, in words
 * @param paper         the paper's number as it states it (e.g. "971/1000")
 * @param paperFraction the paper's number as a fraction
 * @param ours          our number in the same form
 * @param oursFraction  our number as a fraction
 * @param oursLow       lower end of the 95% interval of our fraction (Wilson score)
 * @param oursHigh      upper end of that interval
 * @param held          whether the claim holds on our data by {@code rule}
 * @param rule          how {@code held} was decided
 */
public record Claim(String id, String statement, String paper, double paperFraction, String ours, double oursFraction,
                    double oursLow, double oursHigh, boolean held, String rule) {

    /** The rule of {@link #ofCounts}. */
    public static final String COUNT_RULE = "held when our fraction is not significantly below the paper's: one-sided "
            + "two-proportion z-test at the 5% level (z > -1.645), with the sampling noise of both counts";

    /** A claim that {@code paperCount} of {@code paperTotal} cases favour something, checked against our count. */
    public static Claim ofCounts(String id, String statement, int paperCount, int paperTotal, int ourCount, int ourTotal) {
        double[] ci = Proportions.wilson(ourCount, ourTotal);
        return new Claim(id, statement, paperCount + "/" + paperTotal, (double) paperCount / paperTotal, ourCount + "/" + ourTotal,
                (double) ourCount / ourTotal, ci[0], ci[1], Proportions.notSignificantlyBelow(ourCount, ourTotal, paperCount, paperTotal),
                COUNT_RULE);
    }

    /** One line: "id: paper P, ours O (held|not held)"; counted claims also give our fraction and its interval. */
    public String line() {
        if (!COUNT_RULE.equals(rule)) return String.format(Locale.ROOT, "%s: paper %s, ours %s: %s", id, paper, ours,
                held ? "held" : "did not hold");
        return String.format(Locale.ROOT, "%s: paper %s, ours %s (%.1f%%, 95%% interval %.1f–%.1f%%): %s", id, paper, ours,
                100 * oursFraction, 100 * oursLow, 100 * oursHigh, held ? "held" : "did not hold");
    }
}
