package dev.weft.app.outputs;

import dev.weft.assets.VideoAsset;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** A video output: a player with play and pause and a scrubbing bar. */
final class VideoPlayerView extends BorderPane {
  private final VideoAsset video;
  private final StackPane screen = new StackPane();
  private final Slider scrub = new Slider(0, 1, 0);
  private final Label time = new Label();
  private final Button play = new Button(null, new FontIcon(Material2MZ.PLAY_ARROW));
  private MediaPlayer player;
  private boolean scrubbing;

  VideoPlayerView(VideoAsset video) {
    this.video = video;
    getStyleClass().add("video-player");
    screen.setMinHeight(120);
    screen.setPrefHeight(260);
    Label poster =
        new Label(
            String.format(
                Locale.ROOT,
                "%d × %d, %.1f fps, %s — press play",
                video.width(),
                video.height(),
                video.fps(),
                AudioPlayerView.clock(video.durationSeconds())));
    screen.getChildren().add(poster);
    scrub.setMax(Math.max(0.01, video.durationSeconds()));
    HBox.setHgrow(scrub, Priority.ALWAYS);
    play.getStyleClass().add("small");
    play.setOnAction(e -> toggle());
    scrub
        .valueChangingProperty()
        .addListener((o, a, b) -> {
          scrubbing = b;
          if (!b && player != null) {
            player.seek(Duration.seconds(scrub.getValue()));
          }
        });
    scrub
        .valueProperty()
        .addListener((o, a, b) -> {
          if (scrubbing && player != null) {
            player.seek(Duration.seconds(b.doubleValue()));
          }
          time.setText(
              AudioPlayerView.clock(b.doubleValue())
                  + " / "
                  + AudioPlayerView.clock(video.durationSeconds()));
        });
    scrub.setOnMouseReleased(e -> {
      if (player != null) {
        player.seek(Duration.seconds(scrub.getValue()));
      }
    });
    time.setText(AudioPlayerView.clock(0) + " / " + AudioPlayerView.clock(video.durationSeconds()));
    HBox bar = new HBox(8, play, scrub, time);
    bar.setAlignment(Pos.CENTER_LEFT);
    setCenter(screen);
    setBottom(bar);
  }

  private boolean opening;

  private void toggle() {
    if (player == null) {
      if (opening) {
        return;
      }
      opening = true;
      screen.getChildren().setAll(new Label("Opening the video…"));
      // Media reads the file's header: off the UI thread, then the player is made on it
      java.util.concurrent.CompletableFuture.supplyAsync(
              () -> new Media(video.file().toUri().toString()))
          .whenComplete((media, error) ->
              javafx.application.Platform.runLater(() -> {
                opening = false;
                if (error != null) {
                  Throwable t = error.getCause() == null ? error : error.getCause();
                  screen
                      .getChildren()
                      .setAll(new Label("This video cannot be played here: " + t.getMessage()));
                  return;
                }
                open(media);
                player.play();
              }));
      return;
    }
    if (player.getStatus() == MediaPlayer.Status.PLAYING) {
      player.pause();
    } else {
      player.play();
    }
  }

  private void open(Media media) {
    try {
      player = new MediaPlayer(media);
    } catch (MediaException | IllegalArgumentException e) {
      screen.getChildren().setAll(new Label("This video cannot be played here: " + e.getMessage()));
      return;
    }
    MediaView view = new MediaView(player);
    view.setPreserveRatio(true);
    view.fitWidthProperty().bind(screen.widthProperty());
    view.fitHeightProperty().bind(screen.heightProperty());
    screen.getChildren().setAll(view);
    player
        .currentTimeProperty()
        .addListener((o, a, b) -> {
          if (!scrubbing) {
            scrub.setValue(b.toSeconds());
          }
        });
    player
        .statusProperty()
        .addListener((o, a, b) ->
            play.setGraphic(
                new FontIcon(
                    b == MediaPlayer.Status.PLAYING ? Material2MZ.PAUSE : Material2MZ.PLAY_ARROW)));
    player.setOnError(() ->
        screen
            .getChildren()
            .setAll(new Label("Playback failed: " + player.getError().getMessage())));
    player.seek(Duration.seconds(scrub.getValue()));
  }

  void dispose() {
    if (player != null) {
      player.dispose();
    }
  }
}
