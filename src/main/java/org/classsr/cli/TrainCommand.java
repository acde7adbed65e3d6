package org.classsr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.classsr.train.TrainPaths;
import org.classsr.train.TrainSettings;
import org.classsr.train.TrainStage;
import org.classsr.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code classsr train STAGE}: one resumable training stage, or all of them. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train ClassSR in resumable stages, for the family classsr.train.arch (fsrcnn by default; "
                + "carn, srresnet, rcan; e.g. --conf conf/train-carn.conf): original (the \"-O\" network), divide "
                + "(PSNR thirds), branches (one width per class, e.g. FSRCNN d = 16/36/56), classifier (branches fixed), finetune (optional: the branches on the "
                + "sub-images the classifier routes to them; classsr.train.finetune.steps > 0), package (model folders); "
                + "'all' runs them in order, skipping finished ones. Rerun the same command after an "
                + "interruption to resume from the last checkpoint."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommandOptions options;

    @Parameters(index = "0", paramLabel = "STAGE",
            description = "original, divide, branches, classifier, finetune, package or all.")
    String stage;

    @Option(names = "--dataset", paramLabel = "DIR", required = true, description = "Training dataset (classsr dataset).")
    Path dataset;

    @Option(names = "--work", paramLabel = "DIR", required = true,
            description = "Work folder: checkpoints, logs and charts of every stage.")
    Path work;

    @Option(names = "--val-dataset", paramLabel = "DIR",
            description = "Validation dataset: class fractions while training the classifier, metrics in model.conf.")
    Path valDataset;

    @Option(names = "--models", paramLabel = "DIR", description = "Where 'package' writes the model folders "
            + "(default: classsr.train.package.models).")
    Path models;

    @Option(names = "--continue-from", paramLabel = "DIR", description = "A folder of trained model folders "
            + "(ARCH-o/, classsr-ARCH/, e.g. models): a stage with no checkpoint in the work folder continues from "
            + "its network and the steps in its provenance, instead of starting from scratch.")
    Path continueFrom;

    @Option(names = "--steps", paramLabel = "N", description = "Steps of the stage (with 'all': of every training stage).")
    Long steps;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size of the stage.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Initial Adam learning rate of the stage.")
    Double lr;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: classsr.train.seed).")
    Long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints.")
    Integer checkpointEvery;

    @Override
    public Integer call() throws Exception {
        TrainStage one = stage.equals(TrainStage.ALL) ? null : TrainStage.of(stage);
        TrainSettings settings = options.load().train();
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (checkpointEvery != null) {
            settings = settings.withCheckpointEvery(checkpointEvery);
        }
        if (one == null) {
            if (batch != null || lr != null) {
                throw new IllegalArgumentException("--batch and --lr name one stage's value; with 'all' set them "
                        + "in a --conf file or with -Dclasssr.train.STAGE.batch=...");
            }
            for (TrainStage s : new TrainStage[] {TrainStage.ORIGINAL, TrainStage.BRANCHES, TrainStage.CLASSIFIER}) {
                settings = settings.withStage(s, steps, null, null);
            }
        } else {
            settings = settings.withStage(one, steps, batch, lr);
        }
        Path modelsDir = models != null ? models : Path.of(settings.packaging().models());
        Training training = new Training(new TrainPaths(dataset, work, valDataset, modelsDir, continueFrom), settings,
                new TrainProgress(options.err()));
        training.run(stage);
        options.out().println(stage + ": done (work folder " + work + ")");
        return 0;
    }
}
