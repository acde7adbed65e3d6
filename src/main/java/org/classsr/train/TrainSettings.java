package org.classsr.train;

import java.nio.file.Path;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Training settings (section {@code classsr.train} of reference.conf, where each is explained).
 *
 * @param seed            the seed of initialisation and data order
 * @param checkpointEvery steps between checkpoints
 * @param keepCheckpoints checkpoints kept per stage (newest)
 * @param original        the "-O" network (FSRCNN-O by default)
 * @param divide          the PSNR division
 * @param branches        the three branches
 * @param classifier      the Class-Module
 * @param finetune        the optional routed fine-tuning of the branches
 * @param packaging       the model folders
 * @param init            how an FSRCNN trained from scratch starts
 * @param arch            the SR family of the "-O" network and the branches (a registry name:
 *                        fsrcnn, carn, srresnet, rcan)
 */
public record TrainSettings(long seed, int checkpointEvery, int keepCheckpoints, Sr original, Divide divide,
        Branches branches, Classifier classifier, Finetune finetune, Packaging packaging, Init init, String arch) {

    public TrainSettings {
        check(SrFamily.KNOWN.contains(arch), "train.arch one of " + SrFamily.KNOWN);
    }

    /** FSRCNN, as before the families. */
    public TrainSettings(long seed, int checkpointEvery, int keepCheckpoints, Sr original, Divide divide,
            Branches branches, Classifier classifier, Finetune finetune, Packaging packaging, Init init) {
        this(seed, checkpointEvery, keepCheckpoints, original, divide, branches, classifier, finetune, packaging, init,
                SrFamily.FSRCNN);
    }

    /** The start of an FSRCNN trained from scratch (FSRCNN-O, and branches not started from it). */
    public enum Init {
        /** DJL's default random initialisation (Xavier weights, zero biases). */
        XAVIER,
        /** Random, then rewired to output bilinear upscaling ({@link org.classsr.nn.BilinearPathInit}). */
        BILINEAR;

        /** Parses a configuration value: "xavier" or "bilinear". */
        public static Init parse(String value) {
            return parseEnum(values(), value, "train.init");
        }
    }

    /**
     * FSRCNN-O, trained with a pixel loss (L1 on uniformly weighted pixels unless asked), finishing
     * with an average of its weights when {@code averageDecay} > 0 (accumulated after its first
     * {@code averageStart} steps).
     */
    public record Sr(int channels, long steps, int batch, double lr, double minLrRatio, PixelLoss loss,
            PixelWeighting weighting, double averageDecay, long averageStart) {
        public Sr {
            check(channels >= 1 && steps >= 1 && batch >= 1 && lr > 0 && minLrRatio >= 0 && minLrRatio <= 1
                    && loss != null && weighting != null && averageDecay >= 0 && averageDecay < 1
                    && averageStart >= 0,
                    "train.original: channels, steps, batch >= 1, lr > 0, min-lr-ratio in [0, 1], "
                            + "average-decay in [0, 1), average-start >= 0");
        }

        /** An average (if any) from the first step. */
        public Sr(int channels, long steps, int batch, double lr, double minLrRatio, PixelLoss loss,
                PixelWeighting weighting, double averageDecay) {
            this(channels, steps, batch, lr, minLrRatio, loss, weighting, averageDecay, 0);
        }

        public Sr(int channels, long steps, int batch, double lr, double minLrRatio) {
            this(channels, steps, batch, lr, minLrRatio, PixelLoss.L1, PixelWeighting.UNIFORM, 0);
        }
    }

    /** PSNR scoring: Y-channel border crop and inference batch. */
    public record Divide(int border, int batch) {
        public Divide {
            check(border >= 0 && batch >= 1, "train.divide: border >= 0, batch >= 1");
        }
    }

    /**
     * The branches: widths and steps for simple, medium, hard (steps per branch, because the small
     * branches train from scratch and take longer to reach the big one than it takes to adapt). A
     * branch that starts from the "-O" network (whole or sliced) may take 0 steps: it is that
     * start as is. {@code averageDecay} > 0 finishes each branch with an average of its weights, as
     * for the "-O" network, accumulated after its first {@code averageStart} steps.
     */
    public record Branches(List<Integer> channels, List<Long> steps, int batch, double lr, double minLrRatio,
            boolean hardFromOriginal, boolean sliceFromOriginal, double averageDecay, long averageStart) {
        public Branches {
            channels = List.copyOf(channels);
            steps = List.copyOf(steps);
            check(channels.size() == 3 && channels.stream().allMatch(c -> c >= 1) && steps.size() == 3
                    && steps.stream().allMatch(n -> n >= 0) && batch >= 1 && lr > 0 && minLrRatio >= 0
                    && minLrRatio <= 1 && averageDecay >= 0 && averageDecay < 1 && averageStart >= 0,
                    "train.branches: three channels >= 1, one or three steps >= 0, batch >= 1, lr > 0, "
                            + "min-lr-ratio in [0, 1], average-decay in [0, 1), average-start >= 0");
        }

        /** An average (if any) from the first step. */
        public Branches(List<Integer> channels, List<Long> steps, int batch, double lr, double minLrRatio,
                boolean hardFromOriginal, boolean sliceFromOriginal, double averageDecay) {
            this(channels, steps, batch, lr, minLrRatio, hardFromOriginal, sliceFromOriginal, averageDecay, 0);
        }

        /** No weight average. */
        public Branches(List<Integer> channels, List<Long> steps, int batch, double lr, double minLrRatio,
                boolean hardFromOriginal, boolean sliceFromOriginal) {
            this(channels, steps, batch, lr, minLrRatio, hardFromOriginal, sliceFromOriginal, 0);
        }

        /** Narrow branches start at random. */
        public Branches(List<Integer> channels, List<Long> steps, int batch, double lr, double minLrRatio,
                boolean hardFromOriginal) {
            this(channels, steps, batch, lr, minLrRatio, hardFromOriginal, false);
        }

        /** The same number of steps for every branch. */
        public Branches(List<Integer> channels, long steps, int batch, double lr, double minLrRatio,
                boolean hardFromOriginal) {
            this(channels, List.of(steps, steps, steps), batch, lr, minLrRatio, hardFromOriginal);
        }
    }

    /** The Class-Module. */
    public record Classifier(long steps, int batch, double lr, double minLrRatio, long warmupSteps, double l1Weight,
            double classWeight, double averageWeight, double ceWeight, boolean zeroHead, int watchEvery, int watchSamples, int width,
            int features, Path initFrom) {
        public Classifier(long steps, int batch, double lr, double minLrRatio, long warmupSteps, double l1Weight,
                double classWeight, double averageWeight, double ceWeight, boolean zeroHead, int watchEvery,
                int watchSamples, int width, int features) {
            this(steps, batch, lr, minLrRatio, warmupSteps, l1Weight, classWeight, averageWeight, ceWeight, zeroHead,
                    watchEvery, watchSamples, width, features, null);
        }

        public Classifier {
            check(steps >= 1 && batch >= 1 && lr > 0 && minLrRatio >= 0 && minLrRatio <= 1 && warmupSteps >= 0
                    && warmupSteps < steps && ceWeight >= 0 && watchEvery >= 1 && watchSamples >= 1 && width >= 1 && features >= 1,
                    "train.classifier: steps, batch, watch-every, watch-samples, width, features >= 1; lr > 0; "
                            + "0 <= warmup-steps < steps");
        }
    }

    /**
     * Stage 5, optional: the branches fine-tuned on the sub-images the fixed classifier routes to
     * them (0 steps = skipped), at {@code classBias} when given (3 values), else at the bias
     * [b, 0, -b] that reaches {@code targetPaperFlops} on the training sub-images.
     */
    public record Finetune(long steps, int batch, double lr, double minLrRatio, double targetPaperFlops,
            List<Double> classBias, PixelLoss loss, PixelWeighting weighting, double averageDecay) {
        public Finetune {
            classBias = List.copyOf(classBias);
            check(steps >= 0 && batch >= 1 && lr > 0 && minLrRatio >= 0 && minLrRatio <= 1 && targetPaperFlops > 0
                    && (classBias.isEmpty() || classBias.size() == 3) && loss != null && weighting != null
                    && averageDecay >= 0 && averageDecay < 1,
                    "train.finetune: steps >= 0, batch >= 1, lr > 0, min-lr-ratio in [0, 1], target-paper-flops > 0, "
                            + "class-bias empty or 3 values, average-decay in [0, 1)");
        }

        public Finetune(long steps, int batch, double lr, double minLrRatio, double targetPaperFlops,
                List<Double> classBias) {
            this(steps, batch, lr, minLrRatio, targetPaperFlops, classBias, PixelLoss.L1, PixelWeighting.UNIFORM, 0);
        }
    }

    /** Where models go and how many validation sub-images measure them. */
    public record Packaging(String models, int valSamples) {
        public Packaging {
            check(valSamples >= 0, "train.package.val-samples >= 0");
        }
    }

    /**
     * The constant of {@code values} named {@code value}, in any case; else a clear error naming the
     * setting and the accepted (lower-case) names.
     */
    static <E extends Enum<E>> E parseEnum(E[] values, String value, String setting) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        String names = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
        throw new IllegalArgumentException("bad training settings: " + setting + " must be " + names + ", got '"
                + value + "'");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad training settings: need " + what);
        }
    }

    public TrainSettings withSeed(long s) {
        return new TrainSettings(s, checkpointEvery, keepCheckpoints, original, divide, branches, classifier, finetune, packaging, init, arch);
    }

    public TrainSettings withCheckpointEvery(int n) {
        return new TrainSettings(seed, n, keepCheckpoints, original, divide, branches, classifier, finetune, packaging, init, arch);
    }

    /** Overrides steps / batch / lr (null = keep) of one stage: original, branches, classifier or finetune. */
    public TrainSettings withStage(TrainStage stage, Long steps, Integer batch, Double lr) {
        switch (stage) {
            case ORIGINAL -> {
                Sr o = original;
                return new TrainSettings(seed, checkpointEvery, keepCheckpoints,
                        new Sr(o.channels(), or(steps, o.steps()), or(batch, o.batch()), or(lr, o.lr()), o.minLrRatio(),
                                o.loss(), o.weighting(), o.averageDecay(), o.averageStart()),
                        divide, branches, classifier, finetune, packaging, init, arch);
            }
            case BRANCHES -> {
                Branches b = branches;
                return new TrainSettings(seed, checkpointEvery, keepCheckpoints, original, divide,
                        new Branches(b.channels(), steps == null ? b.steps() : List.of(steps, steps, steps), or(batch, b.batch()), or(lr, b.lr()),
                                b.minLrRatio(), b.hardFromOriginal(), b.sliceFromOriginal(), b.averageDecay(), b.averageStart()), classifier, finetune, packaging, init,
                        arch);
            }
            case CLASSIFIER -> {
                Classifier c = classifier;
                long newSteps = or(steps, c.steps());
                return new TrainSettings(seed, checkpointEvery, keepCheckpoints, original, divide, branches,
                        new Classifier(newSteps, or(batch, c.batch()), or(lr, c.lr()), c.minLrRatio(),
                                Math.min(c.warmupSteps(), newSteps / 2), c.l1Weight(), c.classWeight(),
                                c.averageWeight(), c.ceWeight(), c.zeroHead(), c.watchEvery(), c.watchSamples(), c.width(),
                                c.features(), c.initFrom()), finetune, packaging, init, arch);
            }
            case FINETUNE -> {
                Finetune f = finetune;
                return new TrainSettings(seed, checkpointEvery, keepCheckpoints, original, divide, branches, classifier,
                        new Finetune(or(steps, f.steps()), or(batch, f.batch()), or(lr, f.lr()), f.minLrRatio(),
                                f.targetPaperFlops(), f.classBias(), f.loss(), f.weighting(), f.averageDecay()), packaging,
                                init, arch);
            }
            default -> {
                if (steps == null && batch == null && lr == null) {
                    return this;
                }
                throw new IllegalArgumentException("--steps, --batch and --lr apply to the stages original, branches, "
                        + "classifier and finetune, not to " + stage);
            }
        }
    }

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }
}
