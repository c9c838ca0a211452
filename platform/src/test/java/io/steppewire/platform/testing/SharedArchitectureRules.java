package io.steppewire.platform.testing;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules every service keeps; each service's {@code ArchitectureTest} checks them on its
 * own classes:
 * <pre>{@code
 * SharedArchitectureRules.check(SharedArchitectureRules.forService("notify", "io.steppewire.notify.matching"), classes);
 * }</pre>
 */
public final class SharedArchitectureRules {

    static final List<String> SERVICES = List.of("ingest", "rates", "article", "notify");

    static final String[] FRAMEWORKS = {"org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
            "jakarta..", "tools.jackson..", "com.fasterxml..", "io.micrometer..", "org.apache.hc.."};

    /**
     * @param service      the service's short name: its classes live in {@code io.steppewire.<service>}
     * @param purePackages packages of pure logic, free of frameworks: a name as given is that package alone, and a name
     *                     ending in {@code ..} takes its sub-packages too (ArchUnit's notation)
     */
    public static List<ArchRule> forService(String service, String... purePackages) {
        String root = "io.steppewire." + service;
        List<String> others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.steppewire." + s + "..").toList();
        ArchRule noCycles = SlicesRuleDefinition.slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("the packages of " + service + "-service have no dependency cycles");
        ArchRule ownClassesOnly = noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .as(service + "-service uses no other service's classes (services talk through Kafka and HTTP only)");
        // A service reaches its store only through the database its settings name (spring.mongodb.database): code that
        // picks a database by name could read another service's.
        ArchRule ownStoreOnly = noClasses().that().resideInAPackage(root + "..")
                .should().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("getDatabase"))
                        .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                                JavaClass.Predicates.assignableTo("com.mongodb.client.MongoClient")))))
                .as(service + "-service opens no database by name: it uses the one its settings name");
        if (purePackages.length == 0) {
            return List.of(noCycles, ownClassesOnly, ownStoreOnly);
        }
        ArchRule pureLogic = noClasses().that().resideInAnyPackage(purePackages)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as("the pure logic of " + service + "-service depends on no framework");
        return List.of(noCycles, ownClassesOnly, ownStoreOnly, pureLogic);
    }

    /** Checks every rule and reports all violations together. */
    public static void check(List<ArchRule> rules, JavaClasses classes) {
        rules.forEach(rule -> rule.check(classes));
    }

    private SharedArchitectureRules() {
    }
}
