package org.sersic4j.fit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sersic4j.fit.FitFlags;
import org.sersic4j.fit.FitResult;
import org.sersic4j.render.Image;
import org.sersic4j.render.io.FitsImageWriter;
import org.sersic4j.io.InvalidInputException;

/**
 * Writes one GALFIT-style block per stamp, {@code <dir>/<id>.fits}: an empty primary HDU (OBJECT, SERSIC4J,
 * ESTIMATR, DATAIN), then float32 image HDUs {@code INPUT} (the fitted image), {@code MODEL} (the best-fit model, sky
 * offset included; its header holds the results, see {@link GalfitHeader}), {@code RESIDUAL} = INPUT − MODEL, and
 * {@code SIGMA} and {@code MASK} when the input has them. As in GALFIT, the residual is kept at masked pixels (the MASK
 * HDU says which were left out); only NaN input pixels give NaN. Thread-safe: each block is its own file, written
 * atomically.
 */
public final class GalfitBlockWriter {
    private final Path dir;
    private final String version;

    /** Writes blocks into {@code dir} (created when missing), naming {@code version} in their headers. */
    public GalfitBlockWriter(Path dir, String version) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.version = Objects.requireNonNull(version, "version");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot create the directory for GALFIT blocks (" + e.getMessage() + ")", e);
        }
    }

    /** The directory the blocks go to. */
    public Path dir() {
        return dir;
    }

    /** The block file of a stamp: {@code <dir>/<id>.fits}. Ids that are not plain file names are refused. */
    public Path fileFor(String id) {
        if (id == null || id.isBlank() || id.equals(".") || id.equals("..") || id.contains("/") || id.contains("\\")
                || id.indexOf('\0') >= 0)
            throw new IllegalArgumentException("stamp id '" + id + "' cannot name a file");
        return dir.resolve(id + ".fits");
    }

    /**
     * Writes the block of one fit. A failed fit ({@link FitFlags#FAILED}) has no model and writes nothing.
     *
     * @return true when a block was written
     * @throws IllegalArgumentException when the result has no model image (it was dropped with
     *                                  {@link FitResult#withoutModel()}) or the model's size is not the image's
     */
    public boolean write(FitResult r, GalfitBlockInput in) {
        if ((r.flags() & FitFlags.FAILED) != 0) return false;
        Image model = r.model();
        Image img = in.image();
        if (model == null) throw new IllegalArgumentException(r.id() + ": the result carries no model image");
        if (model.width() != img.width() || model.height() != img.height())
            throw new IllegalArgumentException(r.id() + ": model is " + model.width() + "x" + model.height()
                    + " but the image is " + img.width() + "x" + img.height());
        List<Image> images = new ArrayList<>(List.of(img, model, residual(img, model)));
        List<String> names = new ArrayList<>(List.of("INPUT", "MODEL", "RESIDUAL"));
        List<Map<String, Object>> headers = new ArrayList<>();
        headers.add(Map.of("OBJECT", "input"));
        headers.add(GalfitHeader.model(r, in, version));
        headers.add(Map.of("OBJECT", "residual"));
        if (in.sigma() != null) {
            images.add(in.sigma());
            names.add("SIGMA");
            headers.add(Map.of("OBJECT", "sigma"));
        }
        if (in.mask() != null) {
            images.add(in.mask());
            names.add("MASK");
            headers.add(Map.of("OBJECT", "mask (non-zero = left out of the fit)"));
        }
        FitsImageWriter.writeCube(fileFor(r.id()), images, names, primaryHeader(r, in), headers);
        return true;
    }

    private Map<String, Object> primaryHeader(FitResult r, GalfitBlockInput in) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("OBJECT", r.id());
        h.put("SERSIC4J", version);
        h.put("ESTIMATR", r.estimator());
        if (in.imageFile() != null) h.put("DATAIN", in.imageFile().toString());
        h.put("COMMENT", CatalogComments.wrap("HDUs: INPUT, MODEL (best-fit values in its header), RESIDUAL = INPUT -"
                + " MODEL" + (in.sigma() != null ? ", SIGMA" : "") + (in.mask() != null ? ", MASK" : "")));
        return h;
    }

    /** input − model, pixel by pixel, in double precision. */
    static Image residual(Image input, Image model) {
        double[] a = input.pixels(), b = model.pixels(), d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        return new Image(input.width(), input.height(), d);
    }
}
