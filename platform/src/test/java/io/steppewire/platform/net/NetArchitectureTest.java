package io.steppewire.platform.net;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class NetArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.steppewire.platform.net");

    @Test
    void thePolicyIsPureJdkCode() {
        // So the shared rules can name io.steppewire.platform.net a pure package, and a service's pure code can use it.
        noClasses().that().resideInAPackage("io.steppewire.platform.net")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache..", "jakarta..",
                        "tools.jackson..", "com.fasterxml..", "io.micrometer..", "org.apache.kafka..", "com.mongodb..")
                .check(CLASSES);
    }

    @Test
    void thePolicyKnowsNothingOfTheHttpClient() {
        noClasses().that().resideInAPackage("io.steppewire.platform.net")
                .should().dependOnClassesThat().resideInAPackage("io.steppewire.platform.net.http..")
                .check(CLASSES);
    }
}
