package io.steppewire.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.steppewire.platform.testing.SharedArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service keeps (no package cycles, no other service's classes, no database by name) with the
 * segmenter, the tagger, the HTML extraction and their shared text rules as pure logic, plus ingest's own: pure logic never reaches into the
 * service around it.
 */
@AnalyzeClasses(packages = "io.steppewire.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void keepsTheSharedServiceRules(JavaClasses classes) {
        SharedArchitectureRules.check(SharedArchitectureRules.forService("ingest",
                "io.steppewire.ingest.segmenter..", "io.steppewire.ingest.tagging..", "io.steppewire.ingest.extraction..",
                "io.steppewire.ingest.text.."),
                classes);
    }

    @ArchTest
    static final ArchRule pureLogicDoesNotReachIntoTheService = noClasses()
            .that().resideInAnyPackage("..ingest.segmenter..", "..ingest.tagging..", "..ingest.extraction..",
                    "..ingest.text..")
            .should().dependOnClassesThat().resideInAnyPackage("..ingest.pages..", "..ingest.taxonomy..",
                    "..ingest.sources..")
            .because("page splitting, tagging and HTML extraction are pure functions of their input, testable without"
                    + " the service");
}
