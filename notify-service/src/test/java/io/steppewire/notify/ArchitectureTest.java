package io.steppewire.notify;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.steppewire.platform.testing.SharedArchitectureRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the matching, rule and delivery logic free of frameworks, so it can be tested and benchmarked alone. */
class ArchitectureTest {

    private static final String[] PURE = {
            "io.steppewire.notify.subscription",
            "io.steppewire.notify.matching",
            "io.steppewire.notify.delivery"};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.steppewire.notify");

    @Test
    void keepsTheRulesEveryServiceKeeps() {
        SharedArchitectureRules.check(SharedArchitectureRules.forService("notify", PURE), classes);
    }

    /** The shared rules keep frameworks out; the platform (with Spring inside) stays out too, behind interfaces. */
    @Test
    void pureLogicUsesNothingOfThePlatform() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage("io.steppewire.platform..")
                .check(classes);
    }

    @Test
    void pureLogicDoesNotReachIntoTheServiceLayers() {
        noClasses().that().resideInAnyPackage(PURE)
                .should().dependOnClassesThat().resideInAnyPackage("io.steppewire.notify.subscription.api..",
                        "io.steppewire.notify.subscription.store..", "io.steppewire.notify.delivery.outbox..",
                        "io.steppewire.notify.alerting..", "io.steppewire.notify.stream..", "io.steppewire.notify.keys..",
                        "io.steppewire.notify.access..", "io.steppewire.notify.messaging..")
                .check(classes);
    }
}
