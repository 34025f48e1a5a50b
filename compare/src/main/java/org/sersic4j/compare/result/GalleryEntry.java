package org.sersic4j.compare.result;

import org.sersic4j.render.Image;

/** One stamp to show: the data, one estimator's model and the residual (data − model), with a caption. */
public record GalleryEntry(String id, String estimator, String caption, Image data, Image model, Image residual) {}
