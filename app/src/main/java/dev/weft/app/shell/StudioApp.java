package dev.weft.app.shell;

import dev.weft.app.models.ModelsDialog;
import dev.weft.app.studio.Studio;
import dev.weft.app.theme.Themes;
import dev.weft.nativelibs.platform.PlatformDirs;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The studio as a JavaFX application: builds the {@link Studio} for this machine, shows the main
 * window, and on close asks about unsaved changes, then stops the studio's threads. A pipeline path
 * given on the command line ({@code --open FILE}) is opened at start.
 */
public final class StudioApp extends Application {
  private Studio studio;

  public static void launchStudio(String[] args) {
    Application.launch(StudioApp.class, args);
  }

  /** Builds the engine and view models on the launcher thread, before the FX thread is needed. */
  @Override
  public void init() {
    studio = Studio.forMachine(PlatformDirs.current());
  }

  @Override
  public void start(Stage stage) {
    var vm = studio.viewModel();
    Themes.applyBase(vm.settings().theme());
    MainWindowView view = new MainWindowView(vm, new ModelsDialog(studio.models()));
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            view,
            Math.min(1440, screen.getWidth() * 0.92),
            Math.min(900, screen.getHeight() * 0.9));
    Themes.apply(scene, vm.settings());
    view.installKeys(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(vm.document().displayNameProperty().concat(" — Weft Studio"));
    stage.setOnCloseRequest(e -> {
      if (!view.confirmDiscard()) {
        e.consume();
        return;
      }
      studio.close();
      Platform.exit();
    });
    stage.show();
    studio.startBackgroundWork();
    List<String> args = getParameters().getRaw();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("--open")) {
        vm.open(Path.of(args.get(i + 1)));
      }
    }
    view.canvas().requestFocus();
  }

  @Override
  public void stop() {
    if (studio != null) {
      studio.close();
    }
  }
}
