package org.classsr.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.classsr.engine.ModelCache;
import org.classsr.engine.TileProcessor;
import org.classsr.image.FloatImage;
import org.classsr.image.Metrics;
import org.classsr.image.Quantize;

/**
 * Labels sub-images ({@link SampleLabel}) with a ClassSR model's Class-Module (the class: argmax of
 * the logits plus the model's class-bias, exactly as the engine routes a tile) and its "-O"
 * network (PSNR-Y of its output, quantised to 8 bits as a saved file, against the HR sub-image, as
 * {@code train}'s division scores them). Networks run through the engine's {@link TileProcessor};
 * one labeler per task or thread, always closed.
 */
public final class ModelLabeler implements AutoCloseable {

    private final LabelSettings settings;
    private final ShardFormat format;
    private final TileProcessor classifier;
    private final TileProcessor original;

    public ModelLabeler(LabelSettings settings, ShardFormat format) {
        settings.checkFits(format.hrSize(), format.scale());
        this.settings = settings;
        this.format = format;
        this.classifier = new TileProcessor(ModelCache.get(settings.modelFolder()), settings.engine());
        this.original = new TileProcessor(ModelCache.get(settings.originalFolder()), settings.engine());
    }

    /** The number of classes (labels are 0 .. classes - 1). */
    public int classes() {
        return settings.labels().classes().size();
    }

    /** The labels of {@code samples}, in order; work goes in chunks of the engine's batch size. */
    public List<SampleLabel> label(List<Sample> samples) {
        List<SampleLabel> out = new ArrayList<>(samples.size());
        int chunk = settings.engine().batchSize();
        for (int from = 0; from < samples.size(); from += chunk) {
            out.addAll(labelChunk(samples.subList(from, Math.min(samples.size(), from + chunk))));
        }
        return out;
    }

    private List<SampleLabel> labelChunk(List<Sample> samples) {
        int n = samples.size();
        int lrLen = format.lrBytes();
        float[] tiles = new float[n * lrLen];
        for (int i = 0; i < n; i++) {
            toFloats(samples.get(i).lr(), tiles, i * lrLen);
        }
        int[] classes = classifier.classify(tiles, n);
        float[] sr = original.superResolve(0, tiles, IntStream.range(0, n).toArray());
        int hrLen = format.hrBytes();
        int side = format.hrSize();
        List<SampleLabel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FloatImage result = Quantize.to8Bit(new FloatImage(side, side, format.channels(),
                    Arrays.copyOfRange(sr, i * hrLen, (i + 1) * hrLen)));
            float[] hr = new float[hrLen];
            toFloats(samples.get(i).hr(), hr, 0);
            double psnr = Math.min(100.0, Metrics.psnrY(result, new FloatImage(side, side, format.channels(), hr),
                    settings.border()));
            out.add(new SampleLabel(classes[i], (float) psnr));
        }
        return out;
    }

    /** 8-bit samples as the engine reads pixels: value / 255. */
    static void toFloats(byte[] bytes, float[] into, int offset) {
        for (int j = 0; j < bytes.length; j++) {
            into[offset + j] = (bytes[j] & 0xff) / 255f;
        }
    }

    @Override
    public void close() {
        try {
            classifier.close();
        } finally {
            original.close();
        }
    }
}
