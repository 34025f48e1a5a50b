package org.sersic4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sersic4j.render.Image;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.io.CatalogIO;
import org.sersic4j.render.io.Table;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;
import org.sersic4j.render.model.Model;
import org.sersic4j.render.model.ModelColumns;
import org.sersic4j.render.model.ModelRenderer;

/**
 * {@code render --model TABLE}: one stamp per row of a table of multi-component models ({@link ModelColumns}), each
 * the sum of its components ({@link ModelRenderer}: exact with {@code --device java}, the profiles through the chosen
 * renderer otherwise). A row that cannot be drawn is reported as {@code FILE, row N, column C: problem} (N counting
 * data rows from 1) and skipped, as {@code render --params} does.
 */
final class ModelRendering {
    private ModelRendering() {}

    /** A row that passed validation. */
    record Row(String id, Model model) {}

    /** Runs {@code render --model}; returns the exit code. */
    static int run(RenderCommand cmd, PixelPsf psf, RenderSettings settings, int width, int height) throws IOException {
        Path file = cmd.modelTable;
        PrintWriter err = cmd.spec.commandLine().getErr();
        Table t = read(file);
        if (!t.hasColumn("c1_type"))
            throw new IllegalArgumentException(file + ": no c1_type column (a model table has the per-component columns"
                    + " c1_type, c1_name, c1_x0, …; the header has: " + String.join(",", t.columns()) + ")");
        List<Row> rows = new ArrayList<>();
        int bad = 0;
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String id = t.hasColumn("id") ? t.getString(r, "id") : String.format(Locale.ROOT, "model_%06d", r + 1);
            String problem;
            Model m = null;
            try {
                m = ModelColumns.read(t, r, file.toString());
                problem = problem(file, r, m, psf != null);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                String idp = RenderCommand.idProblem(id == null ? null : id.strip(), ids);
                if (idp != null) problem = file + ", row " + (r + 1) + ", column id: " + idp;
            }
            if (problem != null) {
                bad++;
                err.println(problem);
                continue;
            }
            ids.add(id.strip());
            rows.add(new Row(id.strip(), m));
        }
        err.flush();
        if (rows.isEmpty()) return cmd.nothingRendered(file, bad);

        Files.createDirectories(cmd.outDir);
        Map<String, Object> common = cmd.commonHeader(settings);
        long t0 = System.nanoTime();
        int written = 0;
        String device;
        List<PixelPsf> psfs = psf == null ? null : List.of(psf);
        int chunk = (int) Math.max(1, Math.min(1024, (16L << 20) / ((long) width * height)));
        try (Renderer renderer = Renderers.create(cmd.device)) {
            ModelRenderer models = ModelRenderer.of(renderer);
            device = models.description();
            if (!Renderers.missingNote().isEmpty()) err.println("sersic4j: " + Renderers.describe(renderer));
            for (int from = 0; from < rows.size(); from += chunk) {
                List<Row> part = rows.subList(from, Math.min(rows.size(), from + chunk));
                double[][] images = models.render(part.stream().map(Row::model).toList(), width, height, psfs, settings);
                for (int i = 0; i < part.size(); i++) {
                    Map<String, Object> header = header(part.get(i), common, device);
                    if (cmd.write(part.get(i).id, new Image(width, height, images[i]), header)) written++;
                    else bad++;
                }
            }
        }
        return cmd.finish(file, written, t.rowCount(), bad, device, t0);
    }

    /** A stamp's header: its id, number of components, total flux, then the run's keywords. */
    private static Map<String, Object> header(Row r, Map<String, Object> common, String device) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("OBJECT", r.id);
        h.put("NCOMP", r.model.components().size());
        h.put("FLUX", r.model.totalFlux());
        h.putAll(common);
        h.put("RENDERER", device);
        return h;
    }

    /** Reads a CSV table, or a FITS binary table when the name ends in .fits, .fit or .fts. */
    static Table read(Path file) {
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": model table not found");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean fits = name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts");
        return fits ? CatalogIO.readFits(file) : CatalogIO.readCsv(file);
    }

    /** Why a model read from row {@code r} cannot be drawn here, or null. */
    static String problem(Path file, int r, Model m, boolean havePsf) {
        List<Component> cs = m.components();
        for (int k = 0; k < cs.size(); k++) {
            Component c = cs.get(k);
            String where = file + ", row " + (r + 1) + ", column c" + (k + 1) + "_";
            if (c.type() == ComponentType.PSF && !havePsf)
                return where + "type: a psf component (a point source) needs --psf";
            String p = c.problem();
            if (p != null) return where + firstBadParameter(c) + ": " + p;
        }
        return null;
    }

    /** The parameter a component's problem is about: the first non-finite one, else the one its message names. */
    private static String firstBadParameter(Component c) {
        double[] v = c.values();
        List<String> names = c.type().parameterNames();
        for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) return names.get(i);
        String p = c.problem();
        String tail = p.substring(p.indexOf("): ") + 3);
        for (String n : names) if (tail.startsWith(n + " ") || tail.startsWith(n + ":")) return n;
        return "type";
    }
}
