package org.classsr.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PeakMeasure}'s answer: the dense convolution's GFLOP/s (the limit) and each network's
 * executed GFLOP/s with its fraction of that limit.
 *
 * @param denseConv what the limit ran, in words
 * @param convs the dense convolution at each batch size
 * @param threads PyTorch intra-op threads
 * @param networks the networks, in report order
 */
public record PeakResult(String denseConv, List<ConvRate> convs, String threads, List<NetworkRate> networks) {

    public PeakResult {
        convs = List.copyOf(convs);
        networks = List.copyOf(networks);
        if (convs.isEmpty()) {
            throw new IllegalArgumentException("the limit needs at least one dense-convolution measurement");
        }
    }

    /**
     * The dense convolution at one batch size.
     *
     * @param batch tiles per forward
     * @param seconds median seconds per forward
     * @param gflops GFLOP/s
     */
    public record ConvRate(int batch, double seconds, double gflops) {}

    /** The limit: the best dense-convolution rate over the batch sizes measured. */
    public double peakGflops() {
        return convs.stream().mapToDouble(ConvRate::gflops).max().orElseThrow();
    }

    private String convText() {
        StringBuilder sb = new StringBuilder();
        for (ConvRate r : convs) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format("batch %d: %.1f", r.batch(), r.gflops()));
        }
        return sb.toString();
    }

    /**
     * One network's rate.
     *
     * @param label its name in the report
     * @param batch tiles per forward
     * @param flopsPerTile executed FLOPs per tile
     * @param seconds median seconds per forward of the batch
     * @param gflops executed GFLOP/s
     */
    public record NetworkRate(String label, int batch, double flopsPerTile, double seconds, double gflops) {}

    /** A network's rate as a fraction of the dense convolution's. */
    public double fractionOfPeak(NetworkRate r) {
        return r.gflops() / peakGflops();
    }

    /** Plain-text table. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("limit: %s: %.1f GFLOP/s (%s; threads %s)%n", denseConv, peakGflops(), convText(),
                threads));
        sb.append(String.format("%-16s %6s %12s %10s %9s %8s%n", "network", "batch", "MFLOPs/tile", "s/batch",
                "GFLOP/s", "of limit"));
        for (NetworkRate r : networks) {
            sb.append(String.format("%-16s %6d %12.1f %10.4f %9.1f %7.0f%%%n", r.label(), r.batch(),
                    r.flopsPerTile() / 1e6, r.seconds(), r.gflops(), 100 * fractionOfPeak(r)));
        }
        return sb.toString();
    }

    /** Markdown section. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("## Measured limit\n\n");
        sb.append(String.format("Dense %s: **%.1f GFLOP/s** (%s GFLOP/s; threads %s).%n%n", denseConv, peakGflops(),
                convText(), threads));
        sb.append("| network | batch | executed MFLOPs/tile | s/batch | executed GFLOP/s | of limit |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (NetworkRate r : networks) {
            sb.append(String.format("| %s | %d | %.1f | %.4f | %.1f | %.0f%% |%n", r.label(), r.batch(),
                    r.flopsPerTile() / 1e6, r.seconds(), r.gflops(), 100 * fractionOfPeak(r)));
        }
        return sb.toString();
    }

    /** One entry of "networks": a network's executed rate and its share of the dense peak. */
    private Map<String, Object> networkJson(NetworkRate r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", r.label());
        m.put("batch", r.batch());
        m.put("executed_flops_per_tile", r.flopsPerTile());
        m.put("seconds_per_batch", r.seconds());
        m.put("executed_gflops", r.gflops());
        m.put("fraction_of_peak", fractionOfPeak(r));
        return m;
    }

    /** JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dense_conv", denseConv);
        List<Map<String, Object>> conv = new ArrayList<>();
        for (ConvRate r : convs) {
            conv.add(Map.of("batch", r.batch(), "seconds", r.seconds(), "gflops", r.gflops()));
        }
        root.put("dense_conv_by_batch", conv);
        root.put("peak_gflops", peakGflops());
        root.put("threads", threads);
        root.put("networks", networks.stream().map(this::networkJson).toList());
        return root;
    }
}
