package org.classsr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No main code catches OutOfMemoryError (or VirtualMachineError, or Error) to go on with the next image:
 * after it the JVM's state is unknown; the task or the command must fail, and Spark retries or
 * reports it.
 */
class OutOfMemoryIsNotCaughtTest {

    private static final Set<String> FORBIDDEN = Set.of(OutOfMemoryError.class.getName(),
            VirtualMachineError.class.getName(), Error.class.getName());

    // Throwable is left out: javac's try-with-resources catches it (and rethrows) in every class.
    @Test
    void noCatchClauseTakesOutOfMemoryError() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.classsr");
        List<String> found = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                for (TryCatchBlock block : unit.getTryCatchBlocks()) {
                    block.getCaughtThrowables().stream().filter(t -> FORBIDDEN.contains(t.getName()))
                            .forEach(t -> found.add(unit.getFullName() + " line " + block.getSourceCodeLocation()
                                    .getLineNumber() + " catches " + t.getSimpleName()));
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
