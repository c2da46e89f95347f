package io.transferlab.analytics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The analytics layering: pure scoring, messaging behind the ScoresSink port, no package cycles. */
class ArchitectureTest {

    private static final JavaClasses ANALYTICS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.transferlab.analytics");

    @Test
    void scoringImportsNoFrameworkKafkaOrHttpTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.analytics.scoring..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "org.apache.kafka..",
                        "io.smallrye..",
                        "io.vertx..",
                        "io.transferlab.analytics.messaging..",
                        "io.transferlab.analytics.api..")
                .check(ANALYTICS);
    }

    @Test
    void messagingIsReachedOnlyThroughItsPorts() {
        classes()
                .that()
                .resideInAPackage("io.transferlab.analytics.messaging..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAPackage("io.transferlab.analytics.messaging..")
                .check(ANALYTICS);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.transferlab.analytics.(*)..")
                .should()
                .beFreeOfCycles()
                .check(ANALYTICS);
    }
}
