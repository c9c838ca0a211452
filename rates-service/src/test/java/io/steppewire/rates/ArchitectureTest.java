package io.steppewire.rates;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.steppewire.platform.testing.SharedArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every service keeps (no package cycles, no other service's classes or store, pure logic free of
 * frameworks), and this service's own: the quote checks, which sit beside their HTTP adapter {@code quote.api}, and
 * the official rates' data and rules, which sit above their bank formats, fetching and HTTP adapter, are framework-free
 * too.
 */
@AnalyzeClasses(packages = "io.steppewire.rates", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void keepsTheSharedRules(JavaClasses classes) {
        SharedArchitectureRules.check(SharedArchitectureRules.forService("rates", "io.steppewire.rates.change..",
                "io.steppewire.rates.quote", "io.steppewire.rates.official"), classes);
    }

    /** Only the package itself: {@code quote.api} below it is the HTTP adapter. */
    @ArchTest
    static final ArchRule quoteChecksUseNothingOfThePlatform = noClasses()
            .that().resideInAPackage("io.steppewire.rates.quote")
            .should().dependOnClassesThat().resideInAnyPackage("io.steppewire.platform..")
            .as("the quote checks use nothing of the platform (the shared rules keep frameworks out)");

    @ArchTest
    static final ArchRule pureCodeDoesNotReachIntoAdapters = noClasses()
            .that().resideInAnyPackage("io.steppewire.rates.change..", "io.steppewire.rates.quote", "io.steppewire.rates.official")
            .should().dependOnClassesThat().resideInAnyPackage("io.steppewire.rates.stream..",
                    "io.steppewire.rates.quote.api..", "io.steppewire.rates.quote.publish..", "io.steppewire.rates.kafka..",
                    "io.steppewire.rates.settings..", "io.steppewire.rates.official.bank..", "io.steppewire.rates.official.fetch..",
                    "io.steppewire.rates.official.api..");

    /** The official rates reach Kafka only through the quote writer the HTTP intake uses, never a producer of their own. */
    @ArchTest
    static final ArchRule officialRatesWriteThroughTheQuoteWriter = noClasses()
            .that().resideInAnyPackage("io.steppewire.rates.official..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .as("the official rates reach fx.quotes.v1 through quote.publish only");
}
