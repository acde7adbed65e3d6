package org.classsr.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The stages of training, in the order 'all' runs them; each works in the work folder's sub-folder of its name. */
public enum TrainStage {
    ORIGINAL, DIVIDE, BRANCHES, CLASSIFIER, FINETUNE, PACKAGE;

    /** The command line's word for every stage in order. */
    public static final String ALL = "all";

    /** The stage's name: on the command line, in messages and records, and as its folder. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return key();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(TrainStage::key).toList();
    }

    /** The stage named {@code key}. */
    public static TrainStage of(String key) {
        for (TrainStage s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + key + "'; stages: " + keys() + " or " + ALL);
    }
}
