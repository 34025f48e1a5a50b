package org.sersic4j.fit.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.fit.FittedModel;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;
import org.sersic4j.render.model.ComponentType;

/**
 * The header keywords of a GALFIT-style block's MODEL HDU, where GALFIT puts its results and where readers of GALFIT
 * output look: input names, {@code MAGZPT}, the components as {@link GalfitValue} strings (fixed ones in brackets),
 * then the fit statistics ({@code CHISQ}, {@code NDOF}, {@code NFREE}, {@code NFIX}, {@code CHI2NU}, {@code LOGL}), our
 * {@code FLAGS} integer (its bits named in a COMMENT), {@code ESTIMATR}, {@code LIKELIHD}, {@code NITER},
 * {@code NFEV} and {@code SERSIC4J}.
 *
 * <p>A single Sérsic (the default model): component 1 ({@code COMP_1 = 'sersic'}, {@code 1_XC} … {@code 1_PA}),
 * component 2 ({@code sky}) when a sky offset was fitted. Any other model: {@code MODEL} (its name), then every
 * component k of the fitted model (the target's, the neighbours', the sky) as GALFIT writes it, {@code COMP_k} and
 * {@code k_NAME} (the component's name, not a GALFIT keyword): {@code sersic} with {@code k_XC k_YC k_MAG k_RE k_N
 * k_AR k_PA}; {@code devauc} the same without N; an exponential as {@code expdisk} with {@code k_RS}, its scale length
 * r_e / b_1 ({@link Feedme#EXPDISK_RE_PER_RS}), in place of RE; {@code psf} with {@code k_XC k_YC k_MAG}; a sky or sky
 * plane as {@code sky} with {@code k_SKY k_DSDX k_DSDY} (a flat sky's gradients held at 0). The sky level is at the
 * block's centre, which is both our reference point and GALFIT's (the centre of the fitting section). A tied
 * parameter is written free, with its master's error. {@link #readModel} reads these back.
 */
public final class GalfitHeader {

    /** GALFIT's keyword suffix for each parameter, in {@link SersicParams#NAMES} order (flux is written as a magnitude). */
    private static final String[] KEYS = {"XC", "YC", "MAG", "RE", "N", "AR", "PA"};

    private GalfitHeader() {
    }

    /** The MODEL HDU's keywords, in GALFIT's order. */
    public static Map<String, Object> model(FitResult r, GalfitBlockInput in, String version) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("OBJECT", "model");
        if (in.imageFile() != null) h.put("DATAIN", in.imageFile().toString());
        if (in.psfFile() != null) h.put("PSF", in.psfFile().toString());
        Image img = in.image();
        h.put("FITSECT", "[1:" + img.width() + ",1:" + img.height() + "]");
        h.put("MAGZPT", in.zeropoint());
        int nfix = 0;
        if (isSingleSersic(r, in)) {
            h.put("COMP_1", "sersic");
            GalfitValue[] values = values(r, in);
            for (int i = 0; i < values.length; i++) h.put("1_" + KEYS[i], values[i].format());
            if (in.skyFitted()) {
                h.put("COMP_2", "sky");
                h.put("2_SKY", GalfitValue.free(r.sky(), r.skyError()).format());
                h.put("2_DSDX", GalfitValue.held(0).format());
                h.put("2_DSDY", GalfitValue.held(0).format());
            }
            for (boolean f : in.fixed()) if (f) nfix++;
        } else {
            nfix = components(r.fitted(), in, h);
        }
        int ndof = r.fittedPixels() - r.freeParameters();
        h.put("CHISQ", r.chi2nu() * ndof);
        h.put("NDOF", (long) ndof);
        h.put("NFREE", (long) r.freeParameters());
        h.put("NFIX", (long) nfix);
        h.put("CHI2NU", r.chi2nu());
        h.put("LOGL", r.logL());
        h.put("FLAGS", (long) r.flags());
        h.put("ESTIMATR", r.estimator());
        if (r.likelihood() != null) h.put("LIKELIHD", r.likelihood().label());
        h.put("NITER", (long) r.iterations());
        h.put("NFEV", (long) r.evaluations());
        h.put("SERSIC4J", version);
        h.put("COMMENT", CatalogComments.wrap("FLAGS = " + r.flags() + " (" + String.join(", ", FitFlags.names(r.flags()))
                + "); bits: " + FitFlags.legend()));
        return h;
    }

    /** True for a fit written as today's single Sérsic: no component list, or the default model fitted alone. */
    private static boolean isSingleSersic(FitResult r, GalfitBlockInput in) {
        FittedModel f = r.fitted();
        if (f == null) return true;
        List<Component> c = f.model().components();
        return in.model().isSingleSersic() && c.get(0).type() == ComponentType.SERSIC
                && (c.size() == 1 || (c.size() == 2 && c.get(1).type() == ComponentType.SKY));
    }

    /**
     * Writes every component of a model (see the class comment) and returns the number of fixed parameters. Values
     * are fixed or free as {@link GalfitBlockInput#isFixed}; a tied parameter is written free, with its master's error.
     */
    private static int components(FittedModel f, GalfitBlockInput in, Map<String, Object> h) {
        h.put("MODEL", f.name());
        double[] errors = f.errors();
        List<Component> comps = f.model().components();
        int nfix = 0;
        for (int k = 0; k < comps.size(); k++) {
            Component c = comps.get(k);
            String prefix = (k + 1) + "_";
            h.put("COMP_" + (k + 1), galfitType(c.type()));
            h.put(prefix + "NAME", c.name());
            int offset = f.model().offset(k);
            List<String> names = c.type().parameterNames();
            double[] v = c.values();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                double value = v[i], error = errors[offset + i];
                String key = KEY_OF.get(name);
                if (name.equals("flux")) {
                    value = in.zeropoint() - 2.5 * Math.log10(v[i]);
                    error = 2.5 / Math.log(10) * error / v[i];
                } else if (name.equals("re") && c.type() == ComponentType.EXPONENTIAL) {
                    key = "RS";
                    value /= Feedme.EXPDISK_RE_PER_RS;
                    error /= Feedme.EXPDISK_RE_PER_RS;
                }
                boolean fixed = in.isFixed(k, c.type(), name);
                if (fixed) nfix++;
                h.put(prefix + key, (fixed ? GalfitValue.held(value) : GalfitValue.free(value, error)).format());
            }
            if (c.type() == ComponentType.SKY) {
                h.put(prefix + "DSDX", GalfitValue.held(0).format());
                h.put(prefix + "DSDY", GalfitValue.held(0).format());
            }
        }
        return nfix;
    }

    /** GALFIT's name of a component type. */
    private static String galfitType(ComponentType t) {
        return switch (t) {
            case EXPONENTIAL -> "expdisk";
            case SKYPLANE -> "sky";
            default -> t.label();
        };
    }

    /** Our parameter names' GALFIT keyword suffixes (an exponential's re is written as RS, its scale length). */
    private static final Map<String, String> KEY_OF = Map.ofEntries(Map.entry("x0", "XC"), Map.entry("y0", "YC"),
            Map.entry("flux", "MAG"), Map.entry("re", "RE"), Map.entry("n", "N"), Map.entry("q", "AR"),
            Map.entry("pa", "PA"), Map.entry("sky", "SKY"), Map.entry("dsky_dx", "DSDX"), Map.entry("dsky_dy", "DSDY"));

    /**
     * The model a block's MODEL header describes, read back as a feedme would be: every {@code COMP_k} of type
     * sersic, devauc, expdisk, psf or sky with its values as starting values and its bracketed (fixed) values fixed;
     * magnitudes made fluxes with {@code MAGZPT}, an expdisk's {@code RS} made r_e = b_1 R_s, positions moved into
     * the block's images when {@code FITSECT} is a region, the sky plane's level moved from the centre of
     * {@code FITSECT} (GALFIT's reference point) to the stamp centre (ours; the same point for a block's images).
     * Components are named by {@code k_NAME} when present, else by type and number; the model by {@code MODEL}, else
     * {@code galfit}. Other component types are left out.
     *
     * @param width  the block images' width
     * @param height their height
     * @throws IllegalArgumentException for a header without components, or a value that is missing or not a GALFIT
     *                                  value
     */
    public static ModelSpec readModel(Map<String, Object> header, int width, int height) {
        Object zp = header.get("MAGZPT");
        double zeropoint = zp instanceof Number n ? n.doubleValue() : 0;
        List<Feedme.Part> parts = new ArrayList<>();
        for (int k = 1; header.containsKey("COMP_" + k); k++) {
            String galfit = String.valueOf(header.get("COMP_" + k)).trim().toLowerCase(Locale.ROOT);
            String prefix = k + "_";
            ComponentType type;
            switch (galfit) {
                case "sersic", "devauc", "expdisk", "psf" -> type = ComponentType.of(galfit);
                case "sky" -> type = ComponentType.SKYPLANE;
                default -> {
                    continue;
                }
            }
            Map<String, Double> values = new LinkedHashMap<>();
            List<String> fixed = new ArrayList<>();
            for (String name : type.parameterNames()) {
                boolean scale = name.equals("re") && type == ComponentType.EXPONENTIAL;
                String key = prefix + (scale ? "RS" : KEY_OF.get(name));
                Object raw = header.get(key);
                if (raw == null) throw new IllegalArgumentException("header has COMP_" + k + " = '" + galfit + "' but no " + key);
                GalfitValue v = GalfitValue.parse(String.valueOf(raw));
                values.put(name.equals("flux") ? "mag" : name, scale ? Feedme.EXPDISK_RE_PER_RS * v.value() : v.value());
                if (v.fixed()) fixed.add(name);
            }
            if (type == ComponentType.SKYPLANE && values.get("dsky_dx") == 0 && values.get("dsky_dy") == 0
                    && fixed.contains("dsky_dx") && fixed.contains("dsky_dy")) {
                type = ComponentType.SKY;
                values.keySet().retainAll(List.of("sky"));
                fixed.retainAll(List.of("sky"));
            }
            Object name = header.get(prefix + "NAME");
            parts.add(new Feedme.Part(name == null ? type.label() + k : String.valueOf(name).trim(), 0, type, values, fixed));
        }
        if (parts.isEmpty()) throw new IllegalArgumentException("header has no COMP_1 component that can be fitted");
        Object model = header.get("MODEL");
        return Feedme.model(model == null ? "galfit" : String.valueOf(model).trim(), parts, zeropoint,
                fitSection(header.get("FITSECT"), width, height), width, height);
    }

    /** FITSECT {@code [x1:x2,y1:y2]}, or the whole block when absent. */
    private static Feedme.Region fitSection(Object sect, int width, int height) {
        if (sect == null) return new Feedme.Region(1, width, 1, height);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\\s*(\\d+):(\\d+)\\s*,\\s*(\\d+):(\\d+)\\s*]")
                .matcher(String.valueOf(sect));
        if (!m.matches()) throw new IllegalArgumentException("FITSECT '" + sect + "' is not [x1:x2,y1:y2]");
        return new Feedme.Region(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
    }

    /** x0, y0, mag, re, n, q, pa with their errors (mag's from the flux error), fixed ones marked. */
    static GalfitValue[] values(FitResult r, GalfitBlockInput in) {
        SersicParams p = r.params();
        double[] e = r.errors();
        double[] v = {p.x0(), p.y0(), p.mag(in.zeropoint()), p.re(), p.n(), p.q(), p.pa()};
        double[] err = {e[0], e[1], r.magError(), e[3], e[4], e[5], e[6]};
        boolean[] fixed = in.fixed();
        GalfitValue[] out = new GalfitValue[v.length];
        for (int i = 0; i < v.length; i++) out[i] = fixed[i] ? GalfitValue.held(v[i]) : GalfitValue.free(v[i], err[i]);
        return out;
    }
}
