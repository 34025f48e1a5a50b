package org.sersic4j.fit.io;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;

/**
 * The header keywords of a GALFIT-style block's MODEL HDU, where GALFIT puts its results and where readers of GALFIT
 * output look: input names, {@code MAGZPT}, component 1 ({@code COMP_1 = 'sersic'}, {@code 1_XC} … {@code 1_PA} as
 * {@link GalfitValue} strings, fixed ones in brackets), component 2 ({@code sky}) when a sky offset was fitted, then
 * the fit statistics ({@code CHISQ}, {@code NDOF}, {@code NFREE}, {@code NFIX}, {@code CHI2NU}, {@code LOGL}), our
 * {@code FLAGS} integer (its bits named in a COMMENT), {@code ESTIMATR}, {@code LIKELIHD}, {@code NITER},
 * {@code NFEV} and {@code SERSIC4J}.
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
        h.put("COMP_1", "sersic");
        GalfitValue[] values = values(r, in);
        for (int i = 0; i < values.length; i++) h.put("1_" + KEYS[i], values[i].format());
        if (in.skyFitted()) {
            h.put("COMP_2", "sky");
            h.put("2_SKY", GalfitValue.free(r.sky(), r.skyError()).format());
            h.put("2_DSDX", GalfitValue.held(0).format());
            h.put("2_DSDY", GalfitValue.held(0).format());
        }
        int ndof = r.fittedPixels() - r.freeParameters();
        h.put("CHISQ", r.chi2nu() * ndof);
        h.put("NDOF", (long) ndof);
        h.put("NFREE", (long) r.freeParameters());
        int nfix = 0;
        for (boolean f : in.fixed()) if (f) nfix++;
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
