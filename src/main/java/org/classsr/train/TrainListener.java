package org.classsr.train;

import org.classsr.dataset.DatasetListener;

/**
 * What long dataset and training work tells its caller: progress and notable lines (checkpoints, class fractions,
 * results), as dataset making reports them.
 */
public interface TrainListener extends DatasetListener {

    /** Nothing is reported. */
    TrainListener SILENT = new TrainListener() {
    };
}
