package org.sersic4j.validation;

import java.nio.file.Path;
import java.util.Locale;
import org.sersic4j.learn.ModelCard;
import org.sersic4j.render.Image;
import org.sersic4j.io.InvalidInputException;

/** What the campaigns share: checking a given model against the configuration, and the small formats of their reports. */
public final class Campaigns {
    private Campaigns() {}

    /**
     * Checks that a model loaded from {@code model} takes the stamps the configuration renders.
     *
     * @throws InvalidInputException naming the model file and both sizes
     */
    public static void checkStampSize(ModelCard card, int side, Path model) {
        if (card.stampSize() != side)
            throw new InvalidInputException(model, "the model takes " + card.stampSize() + "×" + card.stampSize() + " stamps but the "
                    + "configuration renders " + side + "×" + side + " (pass the configuration it was trained with)");
    }

    /** A number for a report: 4 significant digits, scientific notation outside [0.001, 100,000). */
    public static String number(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The pixel-wise difference a − b of two stamps of one size. */
    public static Image minus(Image a, Image b) {
        double[] d = new double[a.pixels().length];
        for (int i = 0; i < d.length; i++) d[i] = a.pixels()[i] - b.pixels()[i];
        return new Image(a.width(), a.height(), d);
    }
}
