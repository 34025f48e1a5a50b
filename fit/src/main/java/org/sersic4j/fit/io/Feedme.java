package org.sersic4j.fit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sersic4j.fit.ModelSpec;
import org.sersic4j.render.SersicMath;
import org.sersic4j.render.model.ComponentType;

/**
 * A GALFIT feedme file as read by {@link FeedmeReader}: its components (Sérsic, exponential disc, de Vaucouleurs,
 * point source, sky), with paths resolved against the feedme's directory. Null stands for a file not given
 * ({@code none}); NaN for a number not given.
 *
 * @param file        the feedme file
 * @param image       A) the input image
 * @param output      B) GALFIT's output image block (null when absent)
 * @param sigma       C) the σ map, or null
 * @param psf         D) the PSF, or null (no convolution)
 * @param mask        F) the bad-pixel mask, or null
 * @param region      H) the fitting region, or null for the whole image
 * @param zeropoint   J) the magnitude zeropoint, or NaN
 * @param pixelScaleX K) arcsec per pixel along x, or NaN
 * @param pixelScaleY K) arcsec per pixel along y, or NaN
 * @param sersic      the first Sérsic component's starting values and toggles, or null when there is none
 * @param sky         the sky component's level and toggle, or null
 * @param parts       every component that is fitted, in the feedme's order
 * @param warnings    what was ignored (G) constraints, unknown lines, unsupported components, …), one line each
 *                    naming the feedme and line
 */
public record Feedme(Path file, Path image, Path output, Path sigma, Path psf, Path mask, Region region,
                     double zeropoint, double pixelScaleX, double pixelScaleY, Sersic sersic, Sky sky,
                     List<Part> parts, List<String> warnings) {

    public Feedme {
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }

    /**
     * H) a fitting region, 1-based and inclusive like GALFIT's. The problem is cut to it, so its coordinates are the
     * cut-out's: x_image = x_cutout + {@link #xOffset()}, likewise y.
     */
    public record Region(int xmin, int xmax, int ymin, int ymax) {
        public Region {
            if (xmin < 1 || ymin < 1 || xmax < xmin || ymax < ymin)
                throw new IllegalArgumentException("fitting region " + xmin + " " + xmax + " " + ymin + " " + ymax
                        + " is not 1 <= xmin <= xmax, 1 <= ymin <= ymax");
        }

        public int width() { return xmax - xmin + 1; }
        public int height() { return ymax - ymin + 1; }
        /** Add to a cut-out x to get the image's x. */
        public int xOffset() { return xmin - 1; }
        /** Add to a cut-out y to get the image's y. */
        public int yOffset() { return ymin - 1; }
    }

    /**
     * The Sérsic component as written in the feedme, in the full image's coordinates: position, integrated magnitude,
     * r_e [pix, along the major axis], n, q and PA. GALFIT's PA is measured counter-clockwise from +y ("up = 0,
     * left = 90") like ours; it is kept here reduced to [0, 180). {@code fixed} names the parameters whose toggle is
     * 0 (x0, y0, flux for the magnitude, re, n, q, pa).
     */
    public record Sersic(double x0, double y0, double mag, double re, double n, double q, double pa, List<String> fixed) {
        public Sersic {
            fixed = List.copyOf(fixed);
        }
    }

    /** The sky component's level [ADU] at the centre of the fitting region, fitted when {@code free}. */
    public record Sky(double value, boolean free) {}

    /**
     * One component as the feedme gives it, in the full image's coordinates and GALFIT's units: {@code values} holds
     * the type's parameters ({@link ComponentType#parameterNames()}) with {@code mag} (the integrated magnitude) in
     * place of {@code flux}; an {@code expdisk}'s scale length is already converted to r_e = b_1 R_s
     * ({@link #EXPDISK_RE_PER_RS}); PA as written, counter-clockwise from +y, reduced to [0, 180); a sky's level is at
     * the centre of the fitting region (GALFIT's reference point of the gradient). {@code fixed} names the parameters
     * whose toggle is 0 ({@code flux} for the magnitude).
     *
     * @param name the component's name in the model: in a feedme its type and object number, counting every
     *             component from 1, also those left out ({@code sersic1}, {@code exponential2})
     * @param line the line of its {@code 0) type}, or 0 when it comes from elsewhere (a block's header)
     */
    public record Part(String name, int line, ComponentType type, Map<String, Double> values, List<String> fixed) {
        public Part {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            fixed = List.copyOf(fixed);
        }
    }

    /**
     * r_e / R_s of an exponential disc: b_1 = 1.678347 (P(2, b_1) = 1/2), the half-light radius of exp(−r/R_s) in
     * units of its scale length.
     */
    public static final double EXPDISK_RE_PER_RS = SersicMath.bn(1);

    /**
     * True when the feedme is one Sérsic and at most a flat sky (no gradient, or one held at 0): fitted as a single
     * Sérsic from its starting values, the model left to the options.
     */
    public boolean isSingleSersic() {
        int profiles = 0;
        for (Part p : parts) {
            if (p.type().hasFlux()) profiles++;
            if (p.type() == ComponentType.SKYPLANE) return false;
        }
        return profiles == 1 && sersic != null;
    }

    /**
     * The model of the feedme's components on the cut-out fitted ({@code width} × {@code height} pixels, the region
     * when there is one, else the image): every parameter started at the feedme's value (positions moved into the
     * cut-out, magnitudes made fluxes with {@code zeropoint}) and fixed where its toggle is 0. The target (the first
     * component) is the feedme's first profile; the others follow in the feedme's order, the sky last. Components are
     * named by type and object number. Nothing is tied: GALFIT's constraint file is not read, and components at the
     * same position are not tied either (GALFIT does not tie them).
     *
     * <p>The sky plane's reference point is the cut-out's centre, ((W + 1)/2, (H + 1)/2); GALFIT's is the centre of the
     * fitting region, ((xmin + xmax)/2, (ymin + ymax)/2). The level is moved from one to the other
     * ({@link #skyAt}); as the cut-out is the fitting region, the two coincide and the level is unchanged.
     */
    public ModelSpec model(double zeropoint, int width, int height) {
        List<String> labels = new ArrayList<>();
        for (Part p : parts) labels.add(p.type().label());
        return model(String.join("+", labels), parts, zeropoint,
                region == null ? new Region(1, width, 1, height) : region, width, height);
    }

    /**
     * The model of GALFIT-style components fitted on a cut-out of {@code width} × {@code height} pixels whose first
     * pixel is the image's ({@code region.xmin()}, {@code region.ymin()}), GALFIT's sky reference point being the
     * centre of {@code region}; as {@link #model(double, int, int)}.
     */
    static ModelSpec model(String name, List<Part> parts, double zeropoint, Region region, int width, int height) {
        double dx = region.xOffset(), dy = region.yOffset();
        // GALFIT's reference point in the image's pixels, and ours
        double gx = 0.5 * (region.xmin() + region.xmax()), gy = 0.5 * (region.ymin() + region.ymax());
        double ox = dx + 0.5 * (width + 1), oy = dy + 0.5 * (height + 1);
        List<ModelSpec.Part> first = new ArrayList<>(), rest = new ArrayList<>(), skies = new ArrayList<>();
        for (Part p : parts) {
            Map<String, ModelSpec.Setting> settings = new LinkedHashMap<>();
            for (String parameter : p.type().parameterNames()) {
                double v = switch (parameter) {
                    case "x0" -> p.values().get("x0") - dx;
                    case "y0" -> p.values().get("y0") - dy;
                    case "flux" -> Math.pow(10, -0.4 * (p.values().get("mag") - zeropoint));
                    case "sky" -> p.type() == ComponentType.SKYPLANE ? skyAt(p.values().get("sky"),
                            p.values().get("dsky_dx"), p.values().get("dsky_dy"), gx, gy, ox, oy) : p.values().get("sky");
                    default -> p.values().get(parameter);
                };
                settings.put(parameter, new ModelSpec.Setting(v, p.fixed().contains(parameter), Double.NaN, Double.NaN));
            }
            ModelSpec.Part part = new ModelSpec.Part(p.type(), p.name(), settings);
            if (p.type().isSky()) skies.add(part);
            else if (first.isEmpty() && p.type().isProfile()) first.add(part);
            else rest.add(part);
        }
        first.addAll(rest);
        first.addAll(skies);
        return new ModelSpec(name, first, List.of());
    }

    /**
     * A sky plane's level moved from the reference point (gx, gy) to (ox, oy): sky + dsky/dx·(ox − gx) + dsky/dy·(oy − gy).
     */
    public static double skyAt(double sky, double dskyDx, double dskyDy, double gx, double gy, double ox, double oy) {
        return sky + dskyDx * (ox - gx) + dskyDy * (oy - gy);
    }

    /** K)'s pixel scale [arcsec/pixel]: √(dx·dy) (they are equal for square pixels), or NaN when K) is absent. */
    public double pixelScale() {
        return Math.sqrt(pixelScaleX * pixelScaleY);
    }

    /** The stamp's id: the image file name without {@code .fits}. */
    public String id() {
        return StampInputs.idOf(image);
    }

    /**
     * The stamp to fit. The feedme decides its files, region, zeropoint, pixel scale, starting point, fixed parameters
     * (added to the options' own) and sky; the options give the rest (noise, likelihood, PSF pixel response, render
     * settings) and stand in for an absent J) or K).
     */
    public StampTask task(FitOptions o) {
        return new FeedmeTask(this, o);
    }
}
