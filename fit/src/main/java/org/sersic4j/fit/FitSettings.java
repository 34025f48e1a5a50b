package org.sersic4j.fit;

import org.sersic4j.render.RenderSettings;

/** Defaults shared by the fitters. */
public final class FitSettings {
    /** How the fitters render: the renderer's accurate default. */
    public static final RenderSettings RENDER = RenderSettings.DEFAULT;

    private FitSettings() {}
}
