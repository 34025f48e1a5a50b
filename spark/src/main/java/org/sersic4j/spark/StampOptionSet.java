package org.sersic4j.spark;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The per-stamp options of {@code fit} and {@code predict}, each overriding what the stamps carry. */
public final class StampOptionSet {
    @Option(names = "--psf-has-pixel", paramLabel = "true|false", arity = "1",
            description = "The PSF images already contain the pixel response (default: ${DEFAULT-VALUE}).")
    boolean psfHasPixel = true;

    @Option(names = "--gain", paramLabel = "G", description = "GAIN [e-/ADU] (default: the stamp's).")
    Double gain;

    @Option(names = "--read-noise", paramLabel = "R", description = "RDNOISE [e-] (default: the stamp's).")
    Double readNoise;

    @Option(names = "--sky", paramLabel = "S", description = "Subtracted sky level [ADU] (default: the stamp's).")
    Double sky;

    @Option(names = "--zeropoint", paramLabel = "ZP", description = "Magnitude zero-point (default: the stamp's MAGZP/ZP, else 0).")
    Double zeropoint;

    @Option(names = "--pixel-scale", paramLabel = "ARCSEC", description = "Arcsec per pixel (default: the stamp's PIXSCALE).")
    Double pixelScale;

    @Option(names = "--likelihood", paramLabel = "L", description = "poisson, gaussian or chi2 (fit only; default as for 'fit').")
    String likelihood;

    @Option(names = "--fit-sky", description = "Also fit an additive sky offset (fit only).")
    boolean fitSky;

    @Option(names = "--fix", split = ",", paramLabel = "P", description = "Hold parameters at the guess (fit only).")
    List<String> fix = new ArrayList<>();

    @Option(names = "--oversample", paramLabel = "N",
            description = "Cells per pixel under the PSF while fitting (default: 4 on the Java path, drawn by the fast renderer's"
                    + " model; 1 on a device; 1 on the Java path: the reference's pixel cells).")
    int oversample = 0;

    StampOptions options() {
        return new StampOptions(psfHasPixel, gain, readNoise, sky, likelihood, fitSky, fix, zeropoint, pixelScale, oversample);
    }
}
