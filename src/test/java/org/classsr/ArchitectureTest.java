package org.classsr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the one-way package rule: data flows down (image, tile, model/nn, engine, spark/train/cli), no package reaches back up. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.classsr");
    }

    @Test
    void imageKnowsNoDjlAndNoOtherPackage() {
        noClasses().that().resideInAPackage("org.classsr.image..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.classsr.tile..", "org.classsr.nn..", "org.classsr.model..",
                        "org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..", "org.classsr.cli..")
                .check(classes);
    }

    @Test
    void tileKnowsNoOpenCvNoDjl() {
        noClasses().that().resideInAPackage("org.classsr.tile..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.opencv..", "nu.pattern..", "org.classsr.nn..",
                        "org.classsr.model..", "org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..",
                        "org.classsr.cli..")
                .check(classes);
    }

    @Test
    void nnIsDjlOnly() {
        noClasses().that().resideInAPackage("org.classsr.nn..").should().dependOnClassesThat()
                .resideInAnyPackage("org.opencv..", "nu.pattern..", "org.classsr.image..", "org.classsr.tile..",
                        "org.classsr.model..", "org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..",
                        "org.classsr.cli..")
                .check(classes);
    }

    @Test
    void modelSitsBelowEngine() {
        noClasses().that().resideInAPackage("org.classsr.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..",
                        "org.classsr.cli..", "org.classsr.tile..", "org.classsr.image..")
                .check(classes);
    }

    @Test
    void engineDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.classsr.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.train..", "org.classsr.spark..", "org.classsr.cli..")
                .check(classes);
    }

    @Test
    void geoSitsOnEngineTileAndImage() {
        // GeoTIFF rasters are read, upscaled and written below the Spark job and the CLI, which both use them.
        noClasses().that().resideInAPackage("org.classsr.geo..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.train..", "org.classsr.spark..", "org.classsr.cli..",
                        "org.classsr.bench..", "org.apache.spark..", "org.apache.hadoop..")
                .check(classes);
    }

    @Test
    void checkpointSitsOnModelAndNnOnly() {
        noClasses().that().resideInAPackage("org.classsr.checkpoint..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..",
                        "org.classsr.bench..", "org.classsr.cli..", "org.classsr.tile..", "org.classsr.image..")
                .check(classes);
    }

    @Test
    void onlyCliUsesCheckpoint() {
        noClasses().that().resideOutsideOfPackages("org.classsr.cli..", "org.classsr.checkpoint..").should()
                .dependOnClassesThat().resideInAPackage("org.classsr.checkpoint..")
                .check(classes);
    }

    @Test
    void archiveReadsBytesOnlyAndKnowsNoOtherPackage() {
        noClasses().that().resideInAPackage("org.classsr.archive..").should().dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.opencv..", "org.apache.spark..", "org.classsr.image..",
                        "org.classsr.tile..", "org.classsr.nn..", "org.classsr.model..", "org.classsr.engine..",
                        "org.classsr.train..", "org.classsr.spark..", "org.classsr.bench..", "org.classsr.cli..")
                .check(classes);
    }

    @Test
    void filesKnowsNoOtherPackage() {
        noClasses().that().resideInAPackage("org.classsr.files..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.image..", "org.classsr.tile..", "org.classsr.nn..",
                        "org.classsr.model..", "org.classsr.engine..", "org.classsr.train..", "org.classsr.spark..",
                        "org.classsr.bench..", "org.classsr.cli..", "org.classsr.geo..", "org.classsr.archive..",
                        "org.classsr.dataset..")
                .check(classes);
    }

    // The bench package sits between cli and the packages it measures: cli -> bench -> spark / engine / ...
    @Test
    void benchDoesNotReachUpToCliOrTraining() {
        noClasses().that().resideInAPackage("org.classsr.bench..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.cli..", "org.classsr.train..")
                .check(classes);
    }

    @Test
    void onlyCliUsesBench() {
        noClasses().that().resideOutsideOfPackages("org.classsr.bench..", "org.classsr.cli..").should()
                .dependOnClassesThat().resideInAPackage("org.classsr.bench..")
                .check(classes);
    }

    @Test
    void datasetKnowsNoTraining() {
        // train reads datasets; the dataset code (cutting, shards, labels, the job) never reaches back.
        noClasses().that().resideInAPackage("org.classsr.dataset..").should().dependOnClassesThat()
                .resideInAnyPackage("org.classsr.train..", "org.classsr.bench..", "org.classsr.cli..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.classsr.image..", "org.classsr.tile..", "org.classsr.nn..",
                "org.classsr.model..", "org.classsr.engine..", "org.classsr.spark..", "org.classsr.geo..",
                "org.classsr.archive..").should().dependOnClassesThat().resideInAPackage("org.classsr.dataset..")
                .check(classes);
    }

    @Test
    void nothingImportsCli() {
        noClasses().that().resideOutsideOfPackage("org.classsr.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.classsr.cli..")
                .check(classes);
    }
}
