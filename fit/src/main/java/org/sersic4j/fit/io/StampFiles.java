package org.sersic4j.fit.io;

import java.nio.file.Path;

/** The files of one stamp: its image and, where given (else null), σ map, mask, segmentation map and PSF source. */
record StampFiles(String id, Path image, Path sigma, Path mask, Path segmentation, PsfRef psf) {}
