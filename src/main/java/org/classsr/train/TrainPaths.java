package org.classsr.train;

import java.nio.file.Path;

/**
 * Where a training run reads and writes.
 *
 * @param dataset    the training dataset folder
 * @param work       the work folder (one sub-folder per stage, see {@link WorkFolder})
 * @param valDataset an optional validation dataset (class fractions, package metrics)
 * @param models     where 'package' writes the model folders
 * @param fromModels an optional folder of trained model folders: stages without a checkpoint
 *                   continue from its networks ({@link Continuation}) instead of starting anew
 */
public record TrainPaths(Path dataset, Path work, Path valDataset, Path models, Path fromModels) {

    public TrainPaths(Path dataset, Path work, Path valDataset, Path models) {
        this(dataset, work, valDataset, models, null);
    }
}
