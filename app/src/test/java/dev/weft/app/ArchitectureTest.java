package dev.weft.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The arrows of DESIGN.md, checked: app -> pipelines -> {assets, native-libs}, never back. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft");
  }

  @Test
  void pipelinesAssetsAndNativeLibsNeverUseJavaFx() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.weft.pipelines..", "dev.weft.assets..", "dev.weft.nativelibs..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..");
    rule.check(classes);
  }

  @Test
  void assetsAndNativeLibsNeverUsePipelines() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.weft.assets..", "dev.weft.nativelibs..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.weft.pipelines..", "dev.weft.app..")
        .check(classes);
  }

  @Test
  void assetsAndNativeLibsDoNotUseEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.weft.assets..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weft.nativelibs..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.weft.nativelibs..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weft.assets..")
        .check(classes);
  }

  @Test
  void onlyTheAppUsesTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.weft.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weft.app..")
        .check(classes);
  }

  @Test
  void theEngineNeverImportsAModelFamilyAndBackendsNeverImportModels() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.weft.pipelines.engine..",
            "dev.weft.pipelines.graph..",
            "dev.weft.pipelines.format..",
            "dev.weft.pipelines.validate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.weft.pipelines.models..",
            "dev.weft.pipelines.backends..",
            "dev.weft.pipelines.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.weft.pipelines.backends..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.weft.pipelines.models..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void theGraphModelDependsOnNothingButAssets() {
    noClasses()
        .that()
        .resideInAPackage("dev.weft.pipelines.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.weft.pipelines.nodes..",
            "dev.weft.pipelines.engine..",
            "dev.weft.pipelines.format..",
            "dev.weft.pipelines.validate..")
        .check(classes);
  }

  /** MVVM as JabRef has it: view models and the editing core never touch the scene graph. */
  @Test
  void viewModelsNeverUseTheSceneGraph() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .or()
        .resideInAnyPackage("dev.weft.app.edit..", "dev.weft.app.document..", "dev.weft.app.run..")
        .or()
        .haveSimpleName("CanvasGeometry")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .check(classes);
  }
}
