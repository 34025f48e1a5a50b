package org.sersic4j.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sersic4j.compare.report.HtmlReport;

/** The "Claims" section of a campaign's report: each claim of the paper beside ours, and the rules that decided them. */
public final class ClaimsTable {
    private ClaimsTable() {}

    /** Adds the section: one row per claim (statement, paper, ours, 95% interval, result), then the rules used. */
    public static void add(HtmlReport page, String heading, List<Claim> claims, String caption) {
        page.section("claims", heading);
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<String>> idsByRule = new LinkedHashMap<>();
        for (Claim c : claims) {
            rows.add(List.of(c.id(), c.statement(), c.paper(), c.ours(), interval(c), c.held() ? "held" : "did not hold"));
            idsByRule.computeIfAbsent(c.rule(), r -> new ArrayList<>()).add(c.id());
        }
        page.table(caption, List.of("claim", "statement", "paper", "ours", "95% interval", "result"), rows, 4);
        page.subheading("How each claim was decided");
        List<String> rules = new ArrayList<>();
        idsByRule.forEach((rule, ids) -> rules.add(String.join(", ", ids) + ": " + rule));
        page.list(rules);
        page.paragraph("A claim that does not hold on our data is a finding about these data, this network and this training "
                + "budget, not a failure of the campaign.");
    }

    private static String interval(Claim c) {
        if (!Double.isFinite(c.oursLow()) || !Double.isFinite(c.oursHigh())) return "–";
        return String.format(Locale.ROOT, "%.3g – %.3g", c.oursLow(), c.oursHigh());
    }
}
