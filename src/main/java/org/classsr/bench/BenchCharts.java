package org.classsr.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.classsr.files.AtomicFiles;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of a benchmark (XChart, headless): PSNR against time per method; PSNR against cost along the knob. */
public final class BenchCharts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private BenchCharts() {
    }

    /** PSNR-Y against median seconds per image, one point per method (log time axis). */
    public static void methods(BenchReport report, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(640).title("PSNR-Y against time per image")
                .xAxisTitle("seconds per image (median, log scale)").yAxisTitle("PSNR-Y (dB)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(12);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        for (MethodResult m : report.methods()) {
            double s = m.secondsPerImage().median();
            chart.addSeries(m.label() + String.format(" (%.3g s, %.2f dB)", s, m.psnrY()), new double[] {s},
                    new double[] {m.psnrY()});
        }
        write(chart, png);
    }

    /**
     * PSNR-Y against cost as a fraction of the "-O" network, along the knob: paper FLOPs ratio and
     * time ratio, each point labelled with its b, the default point (b = 0) marked.
     */
    public static void sweep(BenchReport report, Path png) throws IOException {
        XYChart chart = costChart("Quality/cost knob: class-bias [b, 0, -b]");
        List<Double> paper = new ArrayList<>();
        List<Double> time = new ArrayList<>();
        List<Double> psnr = new ArrayList<>();
        List<SweepPoint> points = report.sweep();
        for (SweepPoint p : points) {
            paper.add(p.paperFlopsRatio());
            time.add(p.timeRatio());
            psnr.add(p.psnrY());
        }
        chart.addSeries("paper FLOPs ratio", paper, psnr).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("time ratio (engine)", time, psnr).setMarker(SeriesMarkers.SQUARE);
        for (SweepPoint p : points) {
            if (p.isDefault()) {
                XYSeries d = chart.addSeries("default (b = 0)", new double[] {p.paperFlopsRatio(), p.timeRatio()},
                        new double[] {p.psnrY(), p.psnrY()});
                d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                d.setMarker(SeriesMarkers.DIAMOND);
            }
            chart.addAnnotation(new AnnotationText("b=" + BenchReport.trim(p.bias()), p.paperFlopsRatio(), p.psnrY(), false));
        }
        write(chart, png);
    }

    /**
     * The quality/cost curve from the budget: PSNR-Y against the ratio reached (the budget's FLOPs
     * convention) and against the time ratio, each point labelled with the budget asked.
     */
    public static void budgetSweep(BenchReport report, String flops, Path png) throws IOException {
        XYChart chart = costChart("Compute budget: class-bias chosen per run from the tiles' scores");
        List<Double> reached = new ArrayList<>();
        List<Double> time = new ArrayList<>();
        List<Double> psnr = new ArrayList<>();
        for (BudgetPoint p : report.budgetSweep()) {
            reached.add(p.reached());
            time.add(p.timeRatio());
            psnr.add(p.psnrY());
        }
        chart.addSeries(flops + " FLOPs ratio reached", reached, psnr).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("time ratio (engine, scoring included)", time, psnr).setMarker(SeriesMarkers.SQUARE);
        for (BudgetPoint p : report.budgetSweep()) {
            chart.addAnnotation(new AnnotationText("R=" + BenchReport.trim(p.asked()), p.reached(), p.psnrY(), false));
        }
        write(chart, png);
    }

    /** PSNR-Y against cost as a fraction of the "-O" network's, the sweep and budget charts' frame. */
    private static XYChart costChart(String title) {
        XYChart chart = new XYChartBuilder().width(900).height(640).title(title)
                .xAxisTitle("cost / cost of the \"-O\" network").yAxisTitle("PSNR-Y (dB)").build();
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setXAxisDecimalPattern("0.00");
        return chart;
    }

    /** The budget chart's file next to the main chart: NAME-budget.png. */
    public static Path budgetFile(Path chart) {
        return sibling(chart, "-budget.png");
    }

    private static void write(XYChart chart, Path png) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes), false);
    }

    /** The sweep chart's file next to the main chart: NAME-sweep.png. */
    public static Path sweepFile(Path chart) {
        return sibling(chart, "-sweep.png");
    }

    /** The file next to {@code chart} named as it is without .png, followed by {@code suffix}. */
    private static Path sibling(Path chart, String suffix) {
        String name = chart.getFileName().toString();
        String stem = name.toLowerCase().endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return chart.resolveSibling(stem + suffix);
    }
}
