package io.steppewire.article;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.steppewire.platform.testing.SharedArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @Test
    void keepsTheRulesEveryServiceKeepsWithSearchAndQueryLogicFreeOfFrameworks() {
        SharedArchitectureRules.check(SharedArchitectureRules.forService("article",
                "io.steppewire.article.query..", "io.steppewire.article.search.."), SERVICE);
    }

    @Test
    void keepsControllersAwayFromTheStoreDriver() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(SERVICE);
    }
}
