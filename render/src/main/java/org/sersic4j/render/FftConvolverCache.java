package org.sersic4j.render;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** Prepared {@link FftConvolver}s per PSF, oversampling and stamp size, so that a batch sharing one PSF prepares it once. */
final class FftConvolverCache {
    private final Map<PixelPsf, Map<List<Integer>, FftConvolver>> cache = new WeakHashMap<>();

    synchronized FftConvolver get(PixelPsf psf, int k, int width, int height) {
        return cache.computeIfAbsent(psf, x -> new HashMap<>())
                .computeIfAbsent(List.of(k, width, height), key -> new FftConvolver(psf, k, width, height));
    }
}
