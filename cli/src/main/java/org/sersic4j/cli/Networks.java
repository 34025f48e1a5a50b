package org.sersic4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.sersic4j.learn.Backend;
import org.sersic4j.learn.CnnPredictor;
import org.sersic4j.learn.ModelStore;

/** Loads the network a command asked for (or the shipped one) and says which, and on which backend, it runs. */
final class Networks {
    private Networks() {}

    /** The predictor of {@code model}, or of the shipped model when null; logs the model and backend to {@code err}. */
    static CnnPredictor predictor(Path model, PrintWriter err) {
        ModelStore.Loaded m = model == null ? ModelStore.loadDefault() : ModelStore.load(model, false);
        err.println("sersic4j: network " + m.source() + " on " + Backend.describe());
        err.flush();
        return new CnnPredictor(m);
    }
}
