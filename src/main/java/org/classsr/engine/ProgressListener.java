package org.classsr.engine;

/** Told as tiles are finished, so a caller can draw progress. Called from the engine's thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = tiles -> { };

    void tilesDone(int tiles);
}
