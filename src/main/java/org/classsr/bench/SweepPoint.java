package org.classsr.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClassSR at one setting of the quality/cost knob: class-bias = [b, 0, ..., -b] added to the
 * classifier's logits (b &gt; 0 sends tiles towards the simple, cheap branch; b &lt; 0 towards
 * the hard one). Ratios are against the "-O" network on the same images.
 */
public record SweepPoint(double bias, double[] classBias, double psnrY, double[] classFraction,
        double paperFlopsRatio, double executedFlopsRatio, Spread secondsPerImage, double timeRatio)
        implements Measured {

    public SweepPoint {
        classBias = classBias.clone();
        classFraction = classFraction.clone();
    }

    /** The default point: no bias. */
    public boolean isDefault() {
        return bias == 0;
    }

    @Override
    public double[] classBias() {
        return classBias.clone();
    }

    @Override
    public double[] classFraction() {
        return classFraction.clone();
    }

    /** The report's row for this point (an entry of "sweep"). */
    Map<String, Object> toJson(List<String> classNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bias", bias);
        r.put("class_bias", classBias());
        r.put("default", isDefault());
        putMeasured(r, classNames);
        return r;
    }
}
