package io.steppewire.rates;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the rules of the domain free of frameworks, so they stay testable and portable. */
@AnalyzeClasses(packages = "io.steppewire.rates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule changeRulesAndQuoteChecksAreFrameworkFree = noClasses()
            .that().resideInAnyPackage("io.steppewire.rates.change..", "io.steppewire.rates.quote")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "io.micrometer..", "tools.jackson..", "jakarta..")
            .as("the change rules and the quote checks depend on no framework");

    @ArchTest
    static final ArchRule pureCodeDoesNotReachIntoAdapters = noClasses()
            .that().resideInAnyPackage("io.steppewire.rates.change..", "io.steppewire.rates.quote")
            .should().dependOnClassesThat().resideInAnyPackage("io.steppewire.rates.stream..",
                    "io.steppewire.rates.quote.api..", "io.steppewire.rates.web..", "io.steppewire.rates.kafka..",
                    "io.steppewire.rates.settings..");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("io.steppewire.rates.(*)..").should().beFreeOfCycles();
}
