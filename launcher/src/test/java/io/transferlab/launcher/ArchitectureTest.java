package io.transferlab.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The launcher's rooms: cli uses stack, client and render; those three know neither cli nor each other. */
class ArchitectureTest {

    private static final JavaClasses LAUNCHER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.transferlab.launcher");

    @Test
    void stackClientAndRenderDoNotUseTheCommands() {
        noClasses()
                .that()
                .resideInAnyPackage("..launcher.stack..", "..launcher.client..", "..launcher.render..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..launcher.cli..")
                .check(LAUNCHER);
    }

    @Test
    void stackClientAndRenderAreIndependentOfEachOther() {
        noClasses()
                .that()
                .resideInAPackage("..launcher.stack..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..launcher.client..", "..launcher.render..")
                .check(LAUNCHER);
        noClasses()
                .that()
                .resideInAPackage("..launcher.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..launcher.stack..", "..launcher.render..")
                .check(LAUNCHER);
        noClasses()
                .that()
                .resideInAPackage("..launcher.render..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..launcher.stack..", "..launcher.client..")
                .check(LAUNCHER);
    }

    @Test
    void onlyTheCommandsPrintForTheUserOrExit() {
        noClasses()
                .that()
                .resideInAnyPackage("..launcher.stack..", "..launcher.client..")
                .should()
                .callMethod(System.class, "exit", int.class)
                .check(LAUNCHER);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.transferlab.launcher.(*)..")
                .should()
                .beFreeOfCycles()
                .check(LAUNCHER);
    }
}
