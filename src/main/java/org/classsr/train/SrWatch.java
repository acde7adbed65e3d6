package org.classsr.train;

/**
 * When an SR stage measures its validation sub-images: every {@code every} steps and after the
 * stage's {@code lastStep}, or never when there is no {@code validation}.
 */
record SrWatch(SrValidation validation, long every, long lastStep) {

    /** Watches nothing. */
    static final SrWatch NONE = new SrWatch(null, 1, 1);

    SrWatch {
        if (every < 1) {
            throw new IllegalArgumentException("validate-every must be >= 1, got " + every);
        }
    }

    /** Whether there is anything to watch. */
    boolean any() {
        return validation != null;
    }

    /** Whether the validation is measured after {@code stepsDone} steps. */
    boolean at(long stepsDone) {
        return any() && TrainLoop.Objective.everyOrLast(stepsDone, every, lastStep);
    }
}
