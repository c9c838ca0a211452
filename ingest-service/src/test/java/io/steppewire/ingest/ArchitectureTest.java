package io.steppewire.ingest;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The segmenter and the tagger are pure logic: they must run, and be tested, without any framework. */
@AnalyzeClasses(packages = "io.steppewire.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule pureLogicStaysFreeOfFrameworks = noClasses()
            .that().resideInAnyPackage("..ingest.segmenter..", "..ingest.tagging..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta..", "io.micrometer..", "org.apache.kafka..")
            .because("page splitting and tagging are pure functions of their input");

    @ArchTest
    static final ArchRule pureLogicDoesNotReachIntoTheService = noClasses()
            .that().resideInAnyPackage("..ingest.segmenter..", "..ingest.tagging..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..ingest.pages..", "..ingest.taxonomy..", "..ingest.web..");
}
