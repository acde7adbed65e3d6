package org.classsr.image;

/**
 * Loads the OpenCV natives once per JVM. Loading twice is harmless but costs ~0.5 s, and several
 * Spark tasks may ask at the same moment, hence the double-checked flag.
 */
final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCvLoader.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
