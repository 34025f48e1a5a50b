package org.sersic4j.validation.deblend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sersic4j.compare.Proportions;
import org.sersic4j.learn.deblend.Deblender.Kind;
import org.sersic4j.validation.Claim;
import org.sersic4j.validation.deblend.ImageScores.Metric;

/**
 * The paper's claims as {@link Claim}s: each model's MSE, PSNR and SSIM beside the paper's value, the ranking of the
 * three models by each metric, and our step past the paper (fitting the deblended galaxy against fitting the raw blend).
 */
public final class DeblendClaims {
    /** The rule of a model's value. */
    public static final String VALUE_RULE = "held when our mean over the held-out blends is at least as good as the paper's value "
            + "(MSE not above it, PSNR and SSIM not below it); the interval is the 95% normal interval of our mean";
    /** The rule of a ranking. */
    public static final String RANKING_RULE = "held when our three means fall in the paper's order (CAE best, then VAE-GAN, then "
            + "VAE); fractions: 1 for the paper's order, 1 or 0 for ours";
    /** The rule of the fit comparison. */
    public static final String FIT_RULE = "held when more than half of the fitted blends come closer to the true flux after "
            + "deblending than from the raw blend: the lower end of the 95% Wilson interval of that fraction is above 1/2";

    /** The paper's numbers: {MSE, PSNR [dB], SSIM} per model. */
    public static final Map<Kind, double[]> PAPER = Map.of(
            Kind.CONV, new double[] {8.117e-4, 30.92, 0.8067},
            Kind.VAE, new double[] {2.446e-3, 26.15, 0.5955},
            Kind.VAEGAN, new double[] {1.963e-3, 27.08, 0.6308});

    private DeblendClaims() {}

    /** The paper's value of {@code m} for {@code k}. */
    public static double paper(Kind k, Metric m) {
        return PAPER.get(k)[m.ordinal()];
    }

    /** Whether {@code ours} is at least as good as {@code paper} for {@code m}. */
    static boolean atLeastAsGood(Metric m, double ours, double paper) {
        return m.higherIsBetter() ? ours >= paper : ours <= paper;
    }

    /** One claim per model and metric. */
    public static List<Claim> values(Map<Kind, ImageScores> scores) {
        List<Claim> out = new ArrayList<>();
        for (Map.Entry<Kind, ImageScores> e : scores.entrySet()) {
            for (Metric m : Metric.values()) {
                double ours = e.getValue().mean(m), paper = paper(e.getKey(), m);
                double[] ci = e.getValue().interval(m);
                out.add(new Claim(e.getKey().id() + "-" + m.name().toLowerCase(), e.getKey().label() + " " + m.label(), m.format(paper), paper, m.format(ours), ours, ci[0], ci[1],
                        atLeastAsGood(m, ours, paper), VALUE_RULE));
            }
        }
        return out;
    }

    /** The ranking by each metric, when all three models were scored. */
    public static List<Claim> rankings(Map<Kind, ImageScores> scores) {
        if (!scores.keySet().containsAll(List.of(Kind.values()))) return List.of();
        List<Claim> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Comparator<Kind> better = Comparator.comparingDouble(k -> scores.get(k).mean(m));
            if (m.higherIsBetter()) better = better.reversed();
            List<Kind> ours = List.of(Kind.values()).stream().sorted(better).toList();
            boolean held = ours.equals(List.of(Kind.CONV, Kind.VAEGAN, Kind.VAE));
            String rel = m.higherIsBetter() ? " > " : " < ";
            String paper = List.of(Kind.values()).stream().map(k -> k.label() + " " + m.format(paper(k, m))).collect(Collectors.joining(rel));
            String mine = ours.stream().map(k -> k.label() + " " + m.format(scores.get(k).mean(m))).collect(Collectors.joining(rel));
            out.add(new Claim("ranking-" + m.name().toLowerCase(), "ranking by " + m.label() + ": conv (the paper's CAE), VAE-GAN, VAE", paper, 1, mine, held ? 1 : 0, held ? 1 : 0, held ? 1 : 0, held, RANKING_RULE));
        }
        return out;
    }

    /**
     * Our step past the paper: of {@code total} fitted blends, {@code closer} had their central galaxy's flux fitted
     * more closely from {@code model}'s output than from the raw blend.
     */
    public static Claim fit(Kind model, int closer, int total) {
        double[] ci = Proportions.wilson(closer, total);
        return new Claim("fit-" + model.id() + "-vs-blend", "fit of the " + model.label() + " output closer in flux than the "
                + "raw blend's (ours, past the paper)", "not in the paper", 0.5, closer + "/" + total, total == 0 ? Double.NaN : (double) closer / total, ci[0], ci[1],
                total > 0 && ci[0] > 0.5, FIT_RULE);
    }
}
