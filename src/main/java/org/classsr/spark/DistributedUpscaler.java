package org.classsr.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.classsr.engine.ModelCache;
import org.classsr.geo.GeoSettings;
import org.classsr.geo.GeoStats;
import org.classsr.model.ClassSrModel;
import org.classsr.model.ModelSpec;
import org.classsr.model.RoutingCost;
import scala.Tuple2;

/**
 * The distributed job, as data flows:
 * <ol>
 * <li>driver: list inputs (names only), skip committed outputs, probe sizes on executors;
 * <li>executors: read and decode, one record per LR tile;
 * <li>stage 1: the Class-Module in batches;
 * <li>skew-aware repartition by class ({@link ClassPartitioner});
 * <li>stage 2: each class's branch in batches;
 * <li>stage 3: by image, sorted by (row, col), stitched band by band and streamed to the output
 * file system, committed atomically;
 * <li>driver: a report, a failures file and a metrics file next to the outputs.
 * </ol>
 * The driver never holds pixels. Failed inputs never stop the others.
 */
public final class DistributedUpscaler {

    public static final String REPORT = "_classsr_report.json";
    public static final String FAILURES = "_classsr_failures.tsv";
    public static final String METRICS = "_classsr_metrics.tsv";

    private DistributedUpscaler() {
    }

    /** A session for the job: master, name and extra properties from the settings; loopback-safe defaults in local mode. */
    public static SparkSession session(SparkJobSettings settings) {
        SparkConf conf = new SparkConf().setAppName(settings.appName());
        // spark-submit's --master and --conf arrive as system properties, which SparkConf has
        // already loaded: they win over the settings.
        if (settings.master() != null && !settings.master().isBlank()) {
            conf.setIfMissing("spark.master", settings.master());
        }
        if (conf.get("spark.master", "local").startsWith("local")) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        settings.sparkConf().forEach(conf::setIfMissing);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Runs the job on an existing session (the caller stops it), multi-band rasters as {@link GeoSettings#DEFAULT}. */
    public static JobReport run(SparkSession spark, SparkJobSettings settings, JobRequest request, PrintWriter log)
            throws IOException {
        return run(spark, settings, request, GeoSettings.DEFAULT, log);
    }

    /** Runs the job on an existing session (the caller stops it); GeoTIFFs go through {@link GeoUpscaleFn}. */
    @SuppressWarnings("try") // the sweeper is only closed: it works then
    public static JobReport run(SparkSession spark, SparkJobSettings settings, JobRequest request, GeoSettings geo,
            PrintWriter log) throws IOException {
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        // Fail before any work on a broken model; checked weights are not kept here, so executors
        // (this JVM too, in local mode) still load only the networks their tasks run.
        ClassSrModel model = ModelCache.verified(request.model());
        ModelSpec spec = model.spec();
        String output = HadoopFiles.qualify(request.output()).replaceAll("/+$", "");
        OutputCheck.writable(output, hadoop);

        // 1. Plan on the driver: names only.
        Map<String, String> failures = new LinkedHashMap<>();
        JobPlanner.Plan planned = JobPlanner.plan(request, output, hadoop, failures);
        List<ImagePlan> plans = planned.images();
        List<String> skipped = planned.skipped();
        String shipped = null;
        if (!sc.isLocal() && settings.shipModel()) {
            shipped = ShippedFolder.ship(sc, request.model().toAbsolutePath(), "classsr-model");
        }
        String hr = request.hrFolder() == null ? null : HadoopFiles.qualify(request.hrFolder());
        StageSettings stage = new StageSettings(request.model().toAbsolutePath().toString(), shipped, request.engine(),
                spec.tileSize(), spec.tileStep(), spec.scale(), request.maxPixels(), settings.pngCompression(),
                settings.maxInMemoryOutputPixels(), hr);

        List<ImageResult> results = new ArrayList<>();
        BudgetStage budget = null;
        Map<String, GeoStats> geoStats = new TreeMap<>();
        TaskIoListener io = new TaskIoListener(sc.sc());
        // The sweeper closes first, when every task is over, whether the stages succeeded or not.
        try (io; JobProgress progress = new JobProgress(sc.sc(), log, settings.progressSeconds());
                TempSweeper sweeper = new TempSweeper(output, hadoop, startMillis, log)) {
            // Sizes from headers, on executors.
            List<ImagePlan> good = new ArrayList<>();
            List<ImagePlan> rasters = new ArrayList<>();
            if (!plans.isEmpty()) {
                // One task per input, or per tar.gz (its one stream): see PlanGroups.
                List<List<ImagePlan>> groups = PlanGroups.of(plans);
                List<ProbeResult> probes = sc.parallelize(groups, Math.min(groups.size(), sc.defaultParallelism() * 4))
                        .flatMap(new ProbeGroupFn(request.maxPixels())).collect();
                for (ProbeResult p : probes) {
                    ImagePlan plan = plans.get(p.id());
                    if (p.error() != null) {
                        failures.put(plan.input(), Failures.at(Failures.PROBE, p.error()));
                    } else if (ProbeFn.GEOTIFF.equals(p.format())) {
                        rasters.add(new ImagePlan(rasters.size(), plan.input(), plan.name(), plan.output(), null,
                                p.width(), p.height(), p.format()));
                    } else {
                        good.add(new ImagePlan(good.size(), plan.input(), plan.name(), plan.output(), plan.classMap(),
                                p.width(), p.height(), p.format(), plan.member()));
                    }
                }
            }
            long totalTiles = good.stream().mapToLong(p -> org.classsr.tile.TileGrid.cover(p.width(), p.height(),
                    spec.tileSize(), spec.tileStep()).count()).sum();
            progress.totals(totalTiles, good.size());
            if (log != null && !good.isEmpty()) {
                log.printf("classsr: %d images (%d tiles) to upscale, %d skipped (already written), %d refused%n",
                        good.size(), totalTiles, skipped.size(), failures.size());
                log.flush();
            }

            if (!good.isEmpty()) {
                budget = request.budget().enabled()
                        ? new BudgetStage(request.budget(), model, ModelCache.verified(model.requireOriginal("a budget")))
                        : null;
                results.addAll(runStages(sc, settings, stage, good, model, progress.counters(), failures, budget, log));
            }
            if (!rasters.isEmpty()) {
                // One task per raster: its bands, nodata and georeference stay together.
                for (Tuple2<ImageResult, GeoStats> r : sc.parallelize(rasters, rasters.size())
                        .map(new GeoUpscaleFn(stage, geo)).collect()) {
                    if (r._1().ok()) {
                        results.add(r._1());
                        geoStats.put(r._1().name(), r._2());
                    } else {
                        failures.put(r._1().input(), r._1().error());
                    }
                }
            }
            progress.print();
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        JobReport report = report(model, results, failures, skipped, seconds, io.totals())
                .withBudget(budget == null ? null : budget.plan()).withGeo(geoStats);
        HadoopFiles.writeAtomically(output + "/" + REPORT, hadoop, o -> o.write(report.json().getBytes(StandardCharsets.UTF_8)));
        HadoopFiles.writeAtomically(output + "/" + FAILURES, hadoop,
                o -> o.write(report.failuresTsv().getBytes(StandardCharsets.UTF_8)));
        HadoopFiles.writeAtomically(output + "/" + METRICS, hadoop,
                o -> o.write(report.metricsTsv().getBytes(StandardCharsets.UTF_8)));
        return report;
    }

    private static List<ImageResult> runStages(JavaSparkContext sc, SparkJobSettings settings, StageSettings stage,
            List<ImagePlan> good, ClassSrModel model, JobCounters counters, Map<String, String> failures,
            BudgetStage budget, PrintWriter log) {
        // 2-3. Decode to tiles, classify; kept (serialized, spilling to disk) for the class counts.
        List<List<ImagePlan>> groups = PlanGroups.of(good);
        JavaRDD<TileRecord> tiles = sc.parallelize(groups, groups.size()).flatMap(new DecodeGroupFn(stage));
        NetworkStages networks = NetworkStages.of(settings.gpu());
        JavaRDD<TileRecord> classified = networks.classify(tiles, stage, counters.classified(), budget != null)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<TileRecord> persisted = classified;
        try {
            if (budget != null) {
                // The budget routes from the logits kept in stage 1 (no second pass over the pixels).
                classified = budget.route(classified, good, stage.tileSize(), stage.tileStep(), log);
            }
            Map<Integer, Long> perClass = classified.map(TileRecord::cls).countByValue();
            java.util.Set<Integer> failed = new java.util.HashSet<>();
            if (perClass.containsKey(-1)) {
                for (TileRecord f : classified.filter(TileRecord::failed).collect()) {
                    failures.putIfAbsent(good.get(f.image()).input(), f.error());
                    failed.add(f.image());
                }
            }
            if (perClass.keySet().stream().noneMatch(k -> k >= 0) || failed.size() == good.size()) {
                return List.of();
            }
            // 4. Skew-aware repartition: each class its share of the partitions, one class per partition.
            long tileCount = perClass.entrySet().stream().filter(e -> e.getKey() >= 0).mapToLong(Map.Entry::getValue).sum();
            int nonEmpty = (int) perClass.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getValue() > 0).count();
            int partitions = ClassPartitioner.partitionCount(tileCount, settings.tilesPerPartition(),
                    sc.defaultParallelism(), nonEmpty);
            // Each class's share of the partitions follows its work: tiles x its branch's executed MACs.
            double[] cost = model.branches().stream().mapToDouble(b -> Math.max(1, b.macs().executed())).toArray();
            ClassPartitioner byClass = ClassPartitioner.plan(perClass, cost, partitions);
            // 5. Branches.
            // An image with a failed tile is failed whole: none of its tiles go on.
            JavaPairRDD<TileKey, TileRecord> hr = networks.branches(
                    classified.filter(r -> !failed.contains(r.image())), byClass, stage, counters.superResolved());
            // 6. By image, in (row, col) order, stitched and streamed out.
            int imagePartitions = settings.imagePartitions() > 0 ? settings.imagePartitions() : good.size();
            return hr.repartitionAndSortWithinPartitions(new ImagePartitioner(imagePartitions), new TileOrder())
                    .mapPartitions(new StitchWriteFn(stage, good, counters.written()))
                    .collect()
                    .stream()
                    .filter(r -> {
                        if (!r.ok()) {
                            failures.put(r.input(), r.error());
                        }
                        return r.ok();
                    })
                    .toList();
        } finally {
            persisted.unpersist(false);
        }
    }

    private static JobReport report(ClassSrModel model, List<ImageResult> results, Map<String, String> failures,
            List<String> skipped, double seconds, TaskIo io) {
        ClassSrModel original = null;
        Path originalFolder = model.originalFolder();
        try {
            if (originalFolder != null) {
                original = ModelCache.get(originalFolder);
            }
        } catch (RuntimeException e) {
            original = null; // No "-O" model at hand: the report leaves the ratios out.
        }
        List<ImageResult> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparing(ImageResult::name));
        return new JobReport(sorted, new TreeMap<>(failures), skipped, seconds, model.spec().classNames(),
                RoutingCost.of(model, original), io);
    }
}
