package org.sersic4j.render;

import java.io.InputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;

/** The converged exact renders shipped as test resources (24 stamps, with and without a Moffat PSF). */
final class ExactReferences {
    private ExactReferences() {}

    record Case(String id, SersicParams params) {}

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        try (InputStream in = ExactReferences.class.getResourceAsStream("/exact-renders/params.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] c = line.split(",");
                out.add(new Case(c[0], new SersicParams(Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                        Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                        Double.parseDouble(c[6]), Double.parseDouble(c[7]))));
            }
        }
        return out;
    }

    static Image image(String resource) throws Exception {
        try (InputStream in = ExactReferences.class.getResourceAsStream("/exact-renders/" + resource);
             Fits f = new Fits(in)) {
            ImageHDU hdu = (ImageHDU) f.readHDU();
            Object k = hdu.getKernel();
            int h, w;
            double[] px;
            if (k instanceof float[][] a) {
                h = a.length; w = a[0].length; px = new double[w * h];
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = a[y][x];
            } else {
                double[][] a = (double[][]) k;
                h = a.length; w = a[0].length; px = new double[w * h];
                for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = a[y][x];
            }
            return new Image(w, h, px);
        }
    }

    /** max |a − b| / max(b). */
    static double maxRelToPeak(Image a, Image b) {
        double peak = b.max(), m = 0;
        for (int i = 0; i < a.pixels().length; i++) m = Math.max(m, Math.abs(a.pixels()[i] - b.pixels()[i]));
        return m / peak;
    }
}
