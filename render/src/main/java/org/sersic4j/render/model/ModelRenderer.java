package org.sersic4j.render.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.sersic4j.render.JavaReferenceRenderer;
import org.sersic4j.render.PixelPsf;
import org.sersic4j.render.RenderSettings;
import org.sersic4j.render.Renderer;
import org.sersic4j.render.Renderers;
import org.sersic4j.render.SersicParams;

/**
 * Draws many {@link Model}s of one stamp size. Exact ({@link #exact()}, or given the Java reference renderer): each
 * model is {@link ModelStamp#model}, the double-precision sum of its components. Batched (any other renderer): every
 * profile component of every model goes through one {@link Renderer#renderBatch} call (so the fast CPU renderer or
 * the Aparapi kernel draws them, to that renderer's documented accuracy) and the images are summed per model; point
 * sources and sky levels and planes are added from {@link ModelStamp}, which draws them exactly on every path.
 * Thread-safe when the renderer is.
 */
public final class ModelRenderer {
    private final Renderer batch;

    private ModelRenderer(Renderer batch) {
        this.batch = batch;
    }

    /** The exact renderer: {@link ModelStamp} in double precision. */
    public static ModelRenderer exact() {
        return new ModelRenderer(null);
    }

    /** Exact for the Java reference renderer (or null), batched through {@code r} otherwise. */
    public static ModelRenderer of(Renderer r) {
        return r == null || r instanceof JavaReferenceRenderer ? exact() : new ModelRenderer(r);
    }

    /** True when the models are drawn by {@link ModelStamp} alone. */
    public boolean isExact() {
        return batch == null;
    }

    /**
     * The images of {@code models} (row-major, width × height each).
     *
     * @param psfs null (no PSF; then no model may hold a point source), one PSF for all models, or one per model
     */
    public double[][] render(List<Model> models, int width, int height, List<PixelPsf> psfs, RenderSettings s) {
        int m = models.size();
        ModelStamp shared = psfs == null || psfs.size() == 1 ? new ModelStamp(width, height, Renderers.psfFor(psfs, 0), s) : null;
        double[][] out = new double[m][];
        if (batch == null) {
            IntStream.range(0, m).parallel().forEach(i -> out[i] = stamp(shared, width, height, psfs, i, s).model(models.get(i)));
            return out;
        }
        List<SersicParams> params = new ArrayList<>();
        List<PixelPsf> perProfile = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (Component c : models.get(i).components()) {
                if (!c.type().isProfile()) continue;
                String problem = c.problem();
                if (problem != null) throw new IllegalArgumentException(problem);
                params.add(c.profile());
                perProfile.add(Renderers.psfFor(psfs, i));
                owner.add(i);
            }
        }
        float[][] images = params.isEmpty() ? new float[0][]
                : batch.renderBatch(params, width, height, shared != null ? psfs : perProfile, s);
        for (int i = 0; i < m; i++) out[i] = new double[width * height];
        for (int k = 0; k < images.length; k++) {
            double[] sum = out[owner.get(k)];
            float[] img = images[k];
            for (int p = 0; p < sum.length; p++) sum[p] += img[p];
        }
        IntStream.range(0, m).parallel().forEach(i -> {
            List<Component> rest = new ArrayList<>();
            for (Component c : models.get(i).components()) if (!c.type().isProfile()) rest.add(c);
            if (rest.isEmpty()) return;
            double[] extra = stamp(shared, width, height, psfs, i, s).model(new Model(rest));
            for (int p = 0; p < extra.length; p++) out[i][p] += extra[p];
        });
        return out;
    }

    private static ModelStamp stamp(ModelStamp shared, int width, int height, List<PixelPsf> psfs, int i, RenderSettings s) {
        return shared != null ? shared : new ModelStamp(width, height, Renderers.psfFor(psfs, i), s);
    }

    /** Which renderer draws the profiles. */
    public String description() {
        return batch == null ? "Java reference (double), components summed exactly" : batch.deviceDescription();
    }
}
