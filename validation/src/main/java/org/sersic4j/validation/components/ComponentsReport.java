package org.sersic4j.validation.components;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import org.sersic4j.compare.report.ComponentSections;
import org.sersic4j.compare.report.HtmlReport;
import org.sersic4j.compare.report.HtmlReport.Figure;
import org.sersic4j.compare.report.HtmlReport.Picture;
import org.sersic4j.compare.report.StampImages;
import org.sersic4j.render.Image;
import org.sersic4j.io.AtomicWrite;
import org.sersic4j.io.JsonOutput;

/**
 * The multi-component campaign's {@code summary.json} and {@code report.html}: the bulge+disc metrics beside one
 * Sérsic's, model selection by BIC in bins of B/T and S/N, neighbours fitted together against masked, and the real
 * galaxies' χ²ν with their data, model and residual under both models.
 */
public final class ComponentsReport {
    private ComponentsReport() {}

    /** Writes both files into the campaign's output directory; returns the report's path. */
    @SuppressWarnings("unchecked")
    public static Path write(ComponentsCampaign c, ComponentsCampaign.Outcome o) throws IOException {
        JsonOutput.write(c.out().resolve("summary.json"), o.summary());
        Map<String, Object> s = o.summary();
        HtmlReport r = new HtmlReport("Multi-component fits: bulge+disc, model selection, neighbours");
        r.section("setup", "What ran");
        Map<String, Object> snr = (Map<String, Object>) s.get("truth_snr");
        r.paragraph(String.format(Locale.ROOT, "Bulge+disc truth set of %d stamps (%s), S/N %.1f–%.1f (median %.1f); a one-Sérsic "
                        + "set of the same ranges without the model section; pairs from %s. Levenberg–Marquardt from the automatic guess, "
                        + "the stamps' Poisson likelihood.", o.bulgeDisc().truth().rowCount(), c.bulgeDisc().getFileName(),
                (Double) snr.get("min"), (Double) snr.get("max"), (Double) snr.get("median"), c.pairs().getFileName()));
        r.section("bulge-disc", "Bulge+disc parameters");
        ComponentSections.metrics(r, (List<Map<String, Object>>) ((Map<String, Object>) s.get("bulge_disc")).get("metrics"));
        r.section("selection", "Model selection by BIC");
        r.subheading("Stamps drawn as bulge+disc");
        ComponentSections.selection(r, (Map<String, Object>) s.get("selection_bulge_disc"));
        r.subheading("Stamps drawn as one Sérsic (same ranges, so the same S/N)");
        ComponentSections.selection(r, (Map<String, Object>) s.get("selection_sersic"));
        r.section("pairs", "Neighbours: fitted together or masked");
        Map<String, Object> pairs = (Map<String, Object>) s.get("pairs");
        List<List<String>> prow = new ArrayList<>();
        for (String mode : List.of("masked", "together")) {
            for (Map<String, Object> row : (List<Map<String, Object>>) pairs.get(mode)) {
                Map<String, Object> f = (Map<String, Object>) row.get("flux"), e = (Map<String, Object>) row.get("re");
                prow.add(List.of(mode, (String) row.get("separation"), ComponentSections.withInterval(f, "median_bias"), ComponentSections.withInterval(f, "nmad"), ComponentSections.withInterval(e, "median_bias"),
                        ComponentSections.withInterval(e, "nmad")));
            }
        }
        r.table("The target's relative flux and r_e errors, by separation in units of the target's true r_e.",
                List.of("neighbour", "separation [r_e]", "flux bias", "flux NMAD", "r_e bias", "r_e NMAD"), prow, 2);
        if (o.kids() != null) kids(r, c, (List<Map<String, Object>>) s.get("kids"));
        r.section("speed", "Speed");
        List<List<String>> sp = new ArrayList<>();
        ((Map<String, Object>) s.get("speed")).forEach((k, v) -> sp.add(List.of(k, String.valueOf(v))));
        r.table("Median seconds per fit (fits running on the stated number of threads at once).", List.of("what", "value"), sp, 1);
        Path report = c.out().resolve("report.html");
        AtomicWrite.writeString(report, r.toHtml());
        return report;
    }

    private static void kids(HtmlReport r, ComponentsCampaign c, List<Map<String, Object>> rows) {
        r.section("kids", "Real galaxies");
        List<List<String>> t = new ArrayList<>();
        List<Figure> figs = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            t.add(List.of((String) row.get("id"), num(row.get("sersic_chi2nu")), num(row.get("bulge_disc_chi2nu")), num(row.get("bt")),
                    num(row.get("neighbours")), num(row.get("sersic_bic")), num(row.get("bulge_disc_bic"))));
            for (String label : List.of("sersic", "bulge_disc")) {
                Path block = c.out().resolve("kids").resolve("blocks-" + label).resolve(row.get("id") + ".fits");
                List<Image> cube = readCube(block);
                if (cube.size() < 3) continue;
                StampImages.Stretch stretch = StampImages.Stretch.of(cube.get(0));
                figs.add(new Figure(List.of(new Picture(StampImages.greyscalePng(cube.get(0), stretch), "data"),
                        new Picture(StampImages.greyscalePng(cube.get(1), stretch), "model"),
                        new Picture(StampImages.residualPng(cube.get(2)), "residual")),
                        row.get("id") + " " + label.replace('_', '+') + ": data, model, residual"));
            }
        }
        r.table("χ²ν and BIC with one Sérsic and with bulge+disc (neighbouring segments fitted with it).",
                List.of("galaxy", "χ²ν sersic", "χ²ν bulge+disc", "B/T", "neighbours", "BIC sersic", "BIC bulge+disc"), t, 1);
        if (!figs.isEmpty()) r.figureGrid(figs, 360);
    }

    /** The image HDUs of a GALFIT-style block (input, model, residual), or none when it cannot be read. */
    static List<Image> readCube(Path file) {
        List<Image> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) return out;
        try (Fits f = new Fits(file.toFile())) {
            for (BasicHDU<?> h : f.read()) {
                if (!(h instanceof ImageHDU img) || img.getAxes() == null || img.getAxes().length != 2) continue;
                Object k = img.getKernel();
                int ny = img.getAxes()[0], nx = img.getAxes()[1];
                double[] px = new double[nx * ny];
                for (int y = 0; y < ny; y++) {
                    Object row = java.lang.reflect.Array.get(k, y);
                    for (int x = 0; x < nx; x++) px[y * nx + x] = ((Number) java.lang.reflect.Array.get(row, x)).doubleValue();
                }
                out.add(new Image(nx, ny, px));
            }
        } catch (Exception e) {
            return new ArrayList<>();
        }
        return out;
    }

    private static String num(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : String.valueOf(v);
    }
}
