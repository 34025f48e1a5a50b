package org.sersic4j.validation;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import org.sersic4j.compare.Proportions;

/**
 * One claim of a paper checked on our data: the paper's number beside ours and whether it held. A claim that does not
 * hold is a finding, reported like any other.
 *
 * @param id            short machine-readable name
 * @param statement     what the paper claims, in words
 * @param paper         the paper's number as it states it (e.g. "971/1000")
 * @param paperFraction the paper's number as a number (a fraction for counts; NaN where the paper gives none)
 * @param ours          our number in the same form
 * @param oursFraction  our number as a number (a fraction for counts)
 * @param oursLow       lower end of the 95% interval of our number (Wilson score for counts; NaN for none)
 * @param oursHigh      upper end of that interval
 * @param held          whether the claim holds on our data by {@code rule}
 * @param rule          how {@code held} was decided
 * In JSON a number that is not finite (no number in the paper, no interval) is written as null.
 */
public record Claim(String id, String statement, String paper, @JsonSerialize(using = FiniteOrNull.class) double paperFraction,
                    String ours, @JsonSerialize(using = FiniteOrNull.class) double oursFraction,
                    @JsonSerialize(using = FiniteOrNull.class) double oursLow, @JsonSerialize(using = FiniteOrNull.class) double oursHigh,
                    boolean held, String rule) {

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

    /**
     * A claim about a measured value (a correlation, an R², a ratio) rather than a count: the paper's value in its own
     * words ({@code paperValue} NaN where it gives no number), ours with its 95% interval (NaN where it has none), and
     * whether it held by {@code rule}.
     */
    public static Claim ofValue(String id, String statement, String paper, double paperValue, String ours, double oursValue,
                                double oursLow, double oursHigh, boolean held, String rule) {
        return new Claim(id, statement, paper, paperValue, ours, oursValue, oursLow, oursHigh, held, rule);
    }

    /** One line: "id: paper P, ours O (…): held|did not hold". */
    public String line() {
        String verdict = held ? "held" : "did not hold";
        if (COUNT_RULE.equals(rule))
            return String.format(Locale.ROOT, "%s: paper %s, ours %s (%.1f%%, 95%% interval %.1f–%.1f%%): %s", id, paper, ours,
                    100 * oursFraction, 100 * oursLow, 100 * oursHigh, verdict);
        return String.format(Locale.ROOT, "%s: paper %s, ours %s: %s", id, paper, ours, verdict);
    }
}
