package org.classsr.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bench package sits between cli and the packages it measures: cli -> bench -> spark / engine / ... */
class BenchArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.classsr");
    }

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
}
