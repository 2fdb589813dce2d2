package dev.weft.app.screenshot;

import dev.weft.app.models.ModelsDialog;
import dev.weft.app.settings.StudioSettings;
import dev.weft.app.shell.MainWindowView;
import dev.weft.app.studio.Studio;
import dev.weft.app.theme.Themes;
import dev.weft.assets.ImageAsset;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Renders the studio window for a studio offscreen (no window): lays the scene out at a size, fits
 * the pipeline in view and takes a snapshot as an image. FX thread only.
 */
public final class EditorSnapshot {
  private final Studio studio;
  private final Scene scene;
  private final MainWindowView view;

  public EditorSnapshot(Studio studio, int width, int height, StudioSettings.Theme theme) {
    this.studio = studio;
    var vm = studio.viewModel();
    vm.welcomeVisibleProperty().set(false);
    if (vm.settings().theme() != theme) {
      vm.updateSettingsInMemory(vm.settings().withTheme(theme));
    }
    view = new MainWindowView(vm, new ModelsDialog(studio.models()));
    scene = new Scene(view, width, height);
    Themes.apply(scene, vm.settings());
    Themes.paintCanvas(view.canvas(), theme);
    settle();
  }

  public MainWindowView view() {
    return view;
  }

  public Scene scene() {
    return scene;
  }

  /** Applies CSS and lays out until sizes stop changing. */
  public void settle() {
    for (int i = 0; i < 3; i++) {
      scene.getRoot().applyCss();
      scene.getRoot().layout();
    }
  }

  public void fit() {
    settle();
    studio.viewModel().canvas().fitToView();
    settle();
  }

  public WritableImage snapshot() {
    settle();
    return scene.snapshot(null);
  }

  /** The snapshot as an asset (for writing a PNG with the assets module). */
  public ImageAsset snapshotAsset() {
    WritableImage img = snapshot();
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    int[] argb = new int[w * h];
    img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    return ImageAsset.ofArgb(w, h, argb);
  }
}
