package org.sersic4j.render;

import java.util.Map;
import java.util.WeakHashMap;

/** Prepared {@link PsfKernel}s per PSF and oversampling, so that a batch sharing one PSF prepares it once. */
final class PsfKernelCache {
    private final Map<PixelPsf, PsfKernel[]> cache = new WeakHashMap<>();

    synchronized PsfKernel get(PixelPsf psf, int oversample) {
        PsfKernel[] byK = cache.computeIfAbsent(psf, x -> new PsfKernel[9]);
        if (byK[oversample] == null) byK[oversample] = new PsfKernel(psf, oversample);
        return byK[oversample];
    }
}
