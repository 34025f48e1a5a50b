package org.sersic4j.fit;

import java.util.function.Supplier;

/**
 * One stamp of a batch: its id and how to load its problem. Loading happens on the worker thread, so a batch of
 * thousands reads files as it goes, and a bad file (the loader throws) fails only its own stamp.
 */
public record BatchItem(String id, Supplier<FitProblem> loader) {}
