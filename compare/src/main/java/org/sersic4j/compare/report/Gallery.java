package org.sersic4j.compare.report;

import java.util.ArrayList;
import java.util.List;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.result.GalleryEntry;
import org.sersic4j.render.Image;

/** Gallery entries as figures: data, model and residual side by side, data and model on one stretch. */
final class Gallery {

    private Gallery() {
    }

    private static List<String> shown(int count, List<String> missing) {
        List<String> names = new ArrayList<>(List.of("data", "model", "residual"));
        names.removeAll(missing);
        return count == 0 ? List.of("nothing") : names;
    }

    /** One figure per entry, in order; null entries are skipped. */
    static List<Figure> figures(List<GalleryEntry> entries) {
        List<Figure> out = new ArrayList<>();
        for (GalleryEntry e : entries) if (e != null) out.add(figure(e));
        return out;
    }

    /**
     * The figure of one entry. A missing residual is computed as data − model when both are there and the same
     * size; a missing picture is named in the caption instead of drawn. A stamp larger than
     * {@value StampImages#TARGET_PIXELS} pixels is shown binned ({@link StampImages#binning}), as the caption says.
     */
    static Figure figure(GalleryEntry e) {
        Image data = e.data(), model = e.model(), residual = e.residual();
        if (residual == null && data != null && model != null && data.width() == model.width() && data.height() == model.height()) {
            double[] r = new double[data.pixels().length];
            for (int i = 0; i < r.length; i++) r[i] = data.pixels()[i] - model.pixels()[i];
            residual = new Image(data.width(), data.height(), r);
        }
        Image shape = data != null ? data : model != null ? model : residual;
        int bin = shape == null ? 1 : StampImages.binning(shape);
        data = data == null ? null : StampImages.binned(data, bin);
        model = model == null ? null : StampImages.binned(model, bin);
        residual = residual == null ? null : StampImages.binned(residual, bin);
        String who = e.id() + (e.estimator() == null || e.estimator().isBlank() ? "" : ", " + e.estimator());
        List<Picture> pictures = new ArrayList<>(3);
        List<String> missing = new ArrayList<>();
        StampImages.Stretch stretch = data != null ? StampImages.Stretch.of(data) : model != null ? StampImages.Stretch.of(model) : null;
        if (data != null) pictures.add(new Picture(StampImages.greyscalePng(data, stretch), "data of " + who, true));
        else missing.add("data");
        if (model != null) pictures.add(new Picture(StampImages.greyscalePng(model, stretch), "model of " + who, true));
        else missing.add("model");
        String scale = "";
        if (residual != null) {
            double sigma = StampImages.robustSigma(residual);
            pictures.add(new Picture(StampImages.residualPng(residual, sigma), "residual of " + who, true));
            scale = " Residual (data − model) from blue −" + Labels.number(StampImages.RESIDUAL_RANGE_SIGMA) + "σ to red +"
                    + Labels.number(StampImages.RESIDUAL_RANGE_SIGMA) + "σ, σ = " + Labels.number(sigma) + " (robust).";
        } else {
            missing.add("residual");
        }
        StringBuilder caption = new StringBuilder();
        if (e.caption() != null && !e.caption().isBlank()) caption.append(e.caption().strip()).append(" — ");
        caption.append(who).append(". Left to right: ").append(String.join(", ", shown(pictures.size(), missing)))
                .append(data != null && model != null ? "; data and model share one asinh stretch." : ".").append(scale);
        if (bin > 1) caption.append(" Shown binned ").append(bin).append('×').append(bin).append('.');
        if (!missing.isEmpty()) caption.append(" Not available: ").append(String.join(", ", missing)).append('.');
        return new Figure(pictures, caption.toString());
    }
}
