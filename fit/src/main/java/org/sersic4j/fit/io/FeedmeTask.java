package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.List;
import org.sersic4j.fit.FitInputException;
import org.sersic4j.fit.FitProblem;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.Image;
import org.sersic4j.render.SersicParams;
import org.sersic4j.render.model.Component;

/**
 * The stamp of a GALFIT feedme. A feedme of one Sérsic (and at most a flat sky) is fitted as a single Sérsic started
 * from its values, the toggles fixing parameters; any other is fitted as the model of all its components
 * ({@link Feedme#model}), the target's guess from the first profile. The magnitude converts to flux as GALFIT does, per second of the image's
 * {@code EXPTIME} when the header has one: flux = EXPTIME · 10^(−0.4 (mag − J)); the problem's zeropoint is then
 * J + 2.5 log10(EXPTIME), so that reported magnitudes read like GALFIT's.
 */
final class FeedmeTask implements StampTask {
    private final Feedme feedme;
    private final FitOptions options;
    private final PsfCache psfs;

    FeedmeTask(Feedme feedme, FitOptions options) {
        this.feedme = feedme;
        this.options = options;
        this.psfs = new PsfCache(options.psfHasPixel());
    }

    @Override
    public String id() {
        return feedme.id();
    }

    @Override
    public Path image() {
        return feedme.image();
    }

    @Override
    public FitProblem load() {
        StampFiles f = new StampFiles(id(), feedme.image(), feedme.sigma(), feedme.mask(), null,
                feedme.psf() == null ? PsfRef.NONE : PsfRef.file(feedme.psf()));
        StampImages s = StampImages.read(f, psfs);
        Feedme.Region r = feedme.region();
        if (r != null) {
            Image img = s.image().image();
            if (r.xmax() > img.width() || r.ymax() > img.height())
                throw new FitInputException(feedme.file() + ": H) fitting region x " + r.xmin() + ".." + r.xmax() + ", y "
                        + r.ymin() + ".." + r.ymax() + " reaches beyond the image " + feedme.image() + " ("
                        + img.width() + "x" + img.height() + ")");
            s = s.crop(r);
        }
        FitProblem.Builder b = StampSetup.builder(id(), s, options);
        double zp = zeropoint(s);
        b.zeropoint(zp);
        double scale = feedme.pixelScale();
        if (Double.isFinite(scale)) b.pixelScale(scale);
        double dx = r == null ? 0 : r.xOffset(), dy = r == null ? 0 : r.yOffset();
        if (feedme.isSingleSersic()) {
            Feedme.Sersic c = feedme.sersic();
            b.guess(new SersicParams(c.x0() - dx, c.y0() - dy, Math.pow(10, -0.4 * (c.mag() - zp)), c.re(), c.n(), c.q(),
                    c.pa()));
            if (!c.fixed().isEmpty()) b.fix(c.fixed().toArray(new String[0]));
            if (feedme.sky() != null) b.fitSky(feedme.sky().free(), feedme.sky().value());
        } else {
            Image img = s.image().image();
            ModelSpec spec = feedme.model(zp, img.width(), img.height());
            ModelSpec.Part target = spec.parts().get(0);
            b.guess(new Component(target.type(), target.name(), start(target)).profile());
            b.model(spec);
        }
        return StampSetup.build(b, id(), feedme.image());
    }

    /** The starting values of a part whose every parameter has a start (a feedme's). */
    private static double[] start(ModelSpec.Part part) {
        List<String> names = part.type().parameterNames();
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) v[i] = part.setting(names.get(i)).start();
        return v;
    }

    /** J), else the options' or header's zeropoint, plus 2.5 log10(EXPTIME) when the header has a positive one. */
    private double zeropoint(StampImages s) {
        double zp = feedme.zeropoint();
        if (!Double.isFinite(zp)) {
            Double known = StampSetup.zeropoint(s.image(), options);
            if (known == null)
                throw new FitInputException(feedme.file() + ": no J) zeropoint, and neither the options nor the header"
                        + " of " + feedme.image() + " (MAGZP, ZP) give one: the magnitude in 3) cannot become a flux");
            zp = known;
        }
        Double exptime = StampSetup.header(s.image(), "EXPTIME");
        return exptime != null && exptime > 0 ? zp + 2.5 * Math.log10(exptime) : zp;
    }

    @Override
    public String toString() {
        return "StampTask{" + id() + ", " + feedme.file() + "}";
    }
}
