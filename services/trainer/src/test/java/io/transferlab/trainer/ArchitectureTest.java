package io.transferlab.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
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
        noClasses().that().resideInAPackage("io.transferlab.trainer.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..",
                        "org.eclipse.microprofile..", "jakarta.enterprise..", "jakarta.inject..", "org.apache.kafka..",
                        "io.minio..", "io.micrometer..")
                .check(TRAINER);
    }

    @Test
    void theEngineKnowsNothingOfTheServiceAroundIt() {
        noClasses().that().resideInAPackage("io.transferlab.trainer.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.transferlab.trainer.messaging..",
                        "io.transferlab.trainer.training..", "io.transferlab.trainer.storage..",
                        "io.transferlab.trainer.health..", "io.transferlab.trainer.config..",
                        "io.transferlab.trainer.metrics..")
                .check(TRAINER);
    }

    @Test
    void messagingIsReachedOnlyThroughItsPortsFromTheCompositionRoot() {
        classes().that().resideInAPackage("io.transferlab.trainer.messaging..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.transferlab.trainer.messaging..",
                        "io.transferlab.trainer")
                .check(TRAINER);
    }

    /*
     * Two known edges close a cycle today and are named here so that no other one can appear. Remove an ignore
     * once its edge is gone: metrics -> training (TrainerMetrics counts by training's JobOutcomeKind) and
     * engine.network -> engine.training (Tl8Network builds the updater with MomentumSgd).
     */
    @Test
    void theServicePackagesFormNoCycle() {
        slices().matching("io.transferlab.trainer.(*)..").should().beFreeOfCycles()
                .ignoreDependency(type("io.transferlab.trainer.metrics.TrainerMetrics"),
                        type("io.transferlab.trainer.training.JobOutcomeKind"))
                .check(TRAINER);
    }

    @Test
    void theEnginePackagesFormNoCycle() {
        slices().matching("io.transferlab.trainer.engine.(*)..").should().beFreeOfCycles()
                .ignoreDependency(type("io.transferlab.trainer.engine.network.Tl8Network"),
                        type("io.transferlab.trainer.engine.training.MomentumSgd"))
                .check(TRAINER);
    }

    private static DescribedPredicate<HasName> type(String name) {
        return HasName.Predicates.name(name);
    }
}
