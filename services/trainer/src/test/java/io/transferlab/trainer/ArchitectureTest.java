package io.transferlab.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The trainer's layering: a framework-free engine, messaging behind ports, no package cycles. */
class ArchitectureTest {

    private static final JavaClasses TRAINER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.transferlab.trainer");

    @Test
    void theEngineImportsNoQuarkusKafkaOrObjectStoreTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.trainer.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.smallrye..",
                        "org.eclipse.microprofile..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "org.apache.kafka..",
                        "io.minio..",
                        "io.micrometer..")
                .check(TRAINER);
    }

    @Test
    void theEngineKnowsNothingOfTheServiceAroundIt() {
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.trainer.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.transferlab.trainer.messaging..",
                        "io.transferlab.trainer.training..",
                        "io.transferlab.trainer.storage..",
                        "io.transferlab.trainer.health..",
                        "io.transferlab.trainer.config..",
                        "io.transferlab.trainer.metrics..")
                .check(TRAINER);
    }

    @Test
    void messagingIsReachedOnlyThroughItsPortsFromTheCompositionRoot() {
        classes()
                .that()
                .resideInAPackage("io.transferlab.trainer.messaging..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAnyPackage("io.transferlab.trainer.messaging..", "io.transferlab.trainer")
                .check(TRAINER);
    }

    @Test
    void theServicePackagesFormNoCycle() {
        slices().matching("io.transferlab.trainer.(*)..")
                .should()
                .beFreeOfCycles()
                .check(TRAINER);
    }

    /** data -> network -> training -> checkpoint, cka beside. */
    @Test
    void theEnginePackagesFormNoCycle() {
        slices().matching("io.transferlab.trainer.engine.(*)..")
                .should()
                .beFreeOfCycles()
                .check(TRAINER);
    }

    @Test
    void theEnginePackagesFormALine() {
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.trainer.engine.data..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.transferlab.trainer.engine.network..",
                        "io.transferlab.trainer.engine.training..",
                        "io.transferlab.trainer.engine.checkpoint..")
                .check(TRAINER);
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.trainer.engine.network..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.transferlab.trainer.engine.training..", "io.transferlab.trainer.engine.checkpoint..")
                .check(TRAINER);
        noClasses()
                .that()
                .resideInAPackage("io.transferlab.trainer.engine.training..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.transferlab.trainer.engine.checkpoint..")
                .check(TRAINER);
    }
}
