package io.transferlab.coordinator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The coordinator's layering: decisions and plans free of Kafka and HTTP, no package cycles. */
class ArchitectureTest {

    private static final JavaClasses COORDINATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.transferlab.coordinator");

    @Test
    void planningAndTrackingImportNoKafkaOrHttpTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("io.transferlab.coordinator.planning..", "io.transferlab.coordinator.tracking..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..", "jakarta.ws.rs..", "io.vertx..", "io.smallrye.reactive.messaging..")
                .check(COORDINATOR);
    }

    @Test
    void theDomainDoesNotReachIntoMessaging() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.transferlab.coordinator.planning..",
                        "io.transferlab.coordinator.tracking..",
                        "io.transferlab.coordinator.request..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.transferlab.coordinator.messaging..", "io.transferlab.coordinator.api..")
                .check(COORDINATOR);
    }

    /** REST and health reach the running coordinator and the publisher only through the ports. */
    @Test
    void restAndHealthReachMessagingOnlyThroughPorts() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.transferlab.coordinator.api..",
                        "io.transferlab.coordinator.health..",
                        "io.transferlab.coordinator.ports..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.transferlab.coordinator.messaging..")
                .check(COORDINATOR);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.transferlab.coordinator.(*)..")
                .should()
                .beFreeOfCycles()
                .check(COORDINATOR);
    }
}
