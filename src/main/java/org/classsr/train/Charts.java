package org.classsr.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.classsr.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of training logs and score histograms (XChart, headless). */
final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Draws columns of a loss log against the step, each smoothed by a moving average over about
     * 1/100 of the run (raw values are too noisy to read), on a log scale.
     */
    static void lossChart(Path csv, List<String> columns, List<String> plotted, String title, Path png)
            throws IOException {
        List<double[]> rows = LossLog.read(csv);
        if (rows.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("loss (moving average)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        int window = Math.max(1, rows.size() / 100);
        for (String name : plotted) {
            int col = columns.indexOf(name);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double sum = 0;
            int n = 0;
            ArrayList<Double> recent = new ArrayList<>();
            for (double[] r : rows) {
                double v = r[col];
                if (Double.isNaN(v)) {
                    continue;
                }
                recent.add(v);
                sum += v;
                n++;
                if (recent.size() > window) {
                    sum -= recent.remove(0);
                    n--;
                }
                if (sum / n > 0) {
                    xs.add(r[0]);
                    ys.add(sum / n);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(name, xs, ys);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Draws watched columns of a log (measured now and then) against the step, unsmoothed, linear scale. */
    static void watchChart(Path csv, List<String> columns, List<String> plotted, String title, Path png)
            throws IOException {
        List<double[]> rows = LossLog.read(csv);
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle(String.join(", ", plotted)).build();
        chart.getStyler().setMarkerSize(5);
        for (String name : plotted) {
            int col = columns.indexOf(name);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] r : rows) {
                if (col < r.length && !Double.isNaN(r[col])) {
                    xs.add(r[0]);
                    ys.add(r[col]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(name, xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** A bar chart of a histogram. */
    static void histogram(List<String> labels, List<Long> counts, String title, String xTitle, Path png)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle("sub-images").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.addSeries("count", labels, counts);
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
