package org.sersic4j.fit;

import java.util.Objects;
import org.sersic4j.render.Image;

/** The unmasked pixels of a stamp: their FITS centres and values, checked to be finite. */
final class StampPixels {

    final double[] x;
    final double[] y;
    final double[] value;
    final int width;
    final int height;
    private final boolean[] used;

    private StampPixels(Image image, boolean[] used, int count) {
        this.width = image.width();
        this.height = image.height();
        this.used = used;
        this.x = new double[count];
        this.y = new double[count];
        this.value = new double[count];
        double[] px = image.pixels();
        int k = 0;
        for (int i = 0; i < px.length; i++) {
            if (!used[i]) continue;
            x[k] = i % width + 1;
            y[k] = i / width + 1;
            value[k] = px[i];
            k++;
        }
    }

    /**
     * The unmasked pixels of {@code image}.
     *
     * @param mask null, or one flag per pixel with true marking a bad pixel
     * @throws IllegalArgumentException if the mask length differs from the pixel count, no pixel is unmasked, or
     *                                  an unmasked pixel is NaN or infinite
     */
    static StampPixels of(Image image, boolean[] mask) {
        Objects.requireNonNull(image, "image");
        double[] px = image.pixels();
        if (mask != null && mask.length != px.length)
            throw new IllegalArgumentException("mask has " + mask.length + " entries but the " + image.width() + "x"
                    + image.height() + " image has " + px.length + " pixels");
        boolean[] used = new boolean[px.length];
        int count = 0;
        for (int i = 0; i < px.length; i++) {
            if (mask != null && mask[i]) continue;
            if (!Double.isFinite(px[i]))
                throw new IllegalArgumentException("unmasked pixel at FITS (" + (i % image.width() + 1) + ", "
                        + (i / image.width() + 1) + ") is " + px[i] + "; mask it or replace it");
            used[i] = true;
            count++;
        }
        if (count == 0)
            throw new IllegalArgumentException("no unmasked pixel in the " + image.width() + "x" + image.height() + " stamp");
        return new StampPixels(image, used, count);
    }

    /** Number of unmasked pixels. */
    int count() {
        return value.length;
    }

    /** Mean over the unmasked pixels of (value − model)², the model given as a full image of this stamp's size. */
    double meanSquaredResidual(Image model) {
        double[] m = model.pixels();
        double sum = 0;
        int k = 0;
        for (int i = 0; i < m.length; i++) {
            if (!used[i]) continue;
            double r = value[k++] - m[i];
            sum += r * r;
        }
        return sum / value.length;
    }
}
