package dev.weft.app.outputs;

import dev.weft.assets.ImageAsset;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** An image output: zoom about the cursor with the wheel, drag to pan, fit or 1:1. */
final class ImageViewer extends BorderPane {
  private final ImageView view = new ImageView();
  private final Pane stage = new Pane(view);
  private final Label info = new Label();
  private final int width;
  private final int height;
  private double zoom = 1;
  private double dragX;
  private double dragY;
  private boolean fitted = true;

  ImageViewer(ImageAsset image) {
    getStyleClass().add("image-viewer");
    width = image.width();
    height = image.height();
    view.setImage(toFx(image));
    view.setSmooth(true);
    view.setPreserveRatio(true);
    stage.getStyleClass().add("image-viewer");
    stage.setMinSize(100, 120);
    stage.setPrefSize(420, 300);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(stage.widthProperty());
    clip.heightProperty().bind(stage.heightProperty());
    stage.setClip(clip);
    stage
        .widthProperty()
        .addListener((o, a, b) -> {
          if (fitted) fit();
        });
    stage
        .heightProperty()
        .addListener((o, a, b) -> {
          if (fitted) fit();
        });
    stage.setOnScroll(e -> {
      double f = Math.pow(1.0015, e.getDeltaY());
      zoomAbout(f, e.getX(), e.getY());
      e.consume();
    });
    stage.setOnMousePressed(e -> {
      dragX = e.getX();
      dragY = e.getY();
    });
    stage.setOnMouseDragged(e -> {
      view.setLayoutX(view.getLayoutX() + e.getX() - dragX);
      view.setLayoutY(view.getLayoutY() + e.getY() - dragY);
      dragX = e.getX();
      dragY = e.getY();
      fitted = false;
    });
    stage.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        fit();
      }
    });
    Button fitButton = new Button(null, new FontIcon(Material2MZ.ZOOM_OUT_MAP));
    fitButton.setTooltip(new Tooltip("Fit"));
    fitButton.setOnAction(e -> fit());
    Button one = new Button("1:1");
    one.setTooltip(new Tooltip("Actual pixels"));
    one.setOnAction(e -> actualSize());
    Button in = new Button(null, new FontIcon(Material2MZ.ZOOM_IN));
    in.setOnAction(e -> zoomAbout(1.25, stage.getWidth() / 2, stage.getHeight() / 2));
    Button out = new Button(null, new FontIcon(Material2MZ.ZOOM_OUT));
    out.setOnAction(e -> zoomAbout(0.8, stage.getWidth() / 2, stage.getHeight() / 2));
    for (Button b : new Button[] {fitButton, one, in, out}) {
      b.getStyleClass().addAll("small", "flat");
    }
    HBox bar = new HBox(4, new FontIcon(Material2AL.IMAGE), info, fitButton, one, in, out);
    bar.setAlignment(Pos.CENTER_LEFT);
    setTop(bar);
    setCenter(stage);
    apply();
  }

  static WritableImage toFx(ImageAsset image) {
    WritableImage img = new WritableImage(image.width(), image.height());
    img.getPixelWriter()
        .setPixels(
            0,
            0,
            image.width(),
            image.height(),
            PixelFormat.getIntArgbInstance(),
            image.pixels(),
            image.width());
    return img;
  }

  void fit() {
    double w = stage.getWidth() > 0 ? stage.getWidth() : 420;
    double h = stage.getHeight() > 0 ? stage.getHeight() : 300;
    zoom = Math.min(w / width, h / height);
    view.setLayoutX((w - width * zoom) / 2);
    view.setLayoutY((h - height * zoom) / 2);
    fitted = true;
    apply();
  }

  void actualSize() {
    zoomAbout(1 / zoom, stage.getWidth() / 2, stage.getHeight() / 2);
  }

  private void zoomAbout(double factor, double x, double y) {
    double next = Math.max(0.02, Math.min(32, zoom * factor));
    double wx = (x - view.getLayoutX()) / zoom;
    double wy = (y - view.getLayoutY()) / zoom;
    zoom = next;
    view.setLayoutX(x - wx * zoom);
    view.setLayoutY(y - wy * zoom);
    fitted = false;
    apply();
  }

  private void apply() {
    view.setFitWidth(width * zoom);
    view.setFitHeight(height * zoom);
    view.setSmooth(zoom < 2);
    info.setText(width + " × " + height + " · " + Math.round(zoom * 100) + " %");
  }

  double zoom() {
    return zoom;
  }
}
