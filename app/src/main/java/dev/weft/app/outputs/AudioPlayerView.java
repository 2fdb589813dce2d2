package dev.weft.app.outputs;

import dev.weft.assets.AudioAsset;
import dev.weft.assets.audio.WavFormat;
import dev.weft.assets.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audio output: its waveform (min and max per pixel column), play and pause, and seeking by a
 * click on the waveform. The player is made on first play, from a WAV written off the UI thread.
 */
public final class AudioPlayerView extends BorderPane {
  private static final Logger LOG = LoggerFactory.getLogger(AudioPlayerView.class);
  private final AudioAsset audio;
  private final Executor io;
  private final Canvas wave = new Canvas(400, 80);
  private final Pane holder = new Pane(wave);
  private final Button play = new Button(null, new FontIcon(Material2MZ.PLAY_ARROW));
  private final Label time = new Label();
  private float[] mins = new float[0];
  private float[] maxs = new float[0];
  private MediaPlayer player;
  private CompletableFuture<MediaPlayer> preparing;
  private double position;

  public AudioPlayerView(AudioAsset audio, Executor io) {
    this.audio = audio;
    this.io = io;
    getStyleClass().add("audio-player");
    holder.getStyleClass().add("waveform");
    holder.setPrefHeight(80);
    holder.setMinHeight(60);
    wave.widthProperty().bind(holder.widthProperty());
    wave.heightProperty().bind(holder.heightProperty());
    wave.widthProperty().addListener((o, a, b) -> draw());
    wave.heightProperty().addListener((o, a, b) -> draw());
    wave.setOnMouseClicked(
        e -> seek(e.getX() / Math.max(1, wave.getWidth()) * audio.durationSeconds()));
    play.getStyleClass().add("small");
    play.setOnAction(e -> toggle());
    Label info =
        new Label(
            String.format(Locale.ROOT, "%d Hz · %d ch", audio.sampleRate(), audio.channels()));
    info.getStyleClass().add("text-muted");
    HBox bar = new HBox(8, play, time, info);
    bar.setAlignment(Pos.CENTER_LEFT);
    setTop(bar);
    setCenter(holder);
    updateTime();
  }

  /** Plays from a moment (a transcript segment's start). */
  public void playFrom(double seconds) {
    seek(seconds);
    prepare().thenAccept(p -> p.play());
  }

  private void toggle() {
    if (player != null && player.getStatus() == MediaPlayer.Status.PLAYING) {
      player.pause();
      return;
    }
    prepare().thenAccept(MediaPlayer::play);
  }

  private void seek(double seconds) {
    position = Math.max(0, Math.min(audio.durationSeconds(), seconds));
    if (player != null) {
      player.seek(Duration.seconds(position));
    }
    updateTime();
    draw();
  }

  private CompletableFuture<MediaPlayer> prepare() {
    if (preparing != null) {
      return preparing;
    }
    preparing =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    Path wav = Files.createTempFile("weft-audio-", ".wav");
                    wav.toFile().deleteOnExit();
                    WavWriter.write(audio, wav, WavFormat.PCM_S16);
                    return wav;
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                io)
            .thenApplyAsync(
                wav -> {
                  MediaPlayer p = new MediaPlayer(new Media(wav.toUri().toString()));
                  p.currentTimeProperty()
                      .addListener((o, a, b) -> {
                        position = b.toSeconds();
                        updateTime();
                        draw();
                      });
                  p.statusProperty()
                      .addListener((o, a, b) ->
                          play.setGraphic(
                              new FontIcon(
                                  b == MediaPlayer.Status.PLAYING
                                      ? Material2MZ.PAUSE
                                      : Material2MZ.PLAY_ARROW)));
                  p.setOnEndOfMedia(() -> {
                    p.stop();
                    seek(0);
                  });
                  p.seek(Duration.seconds(position));
                  player = p;
                  return p;
                },
                Platform::runLater);
    preparing.exceptionally(e -> {
      LOG.warn("audio cannot be played", e);
      Platform.runLater(() -> {
        time.setText("cannot play: " + rootMessage(e));
        preparing = null;
      });
      return null;
    });
    return preparing;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof MediaException m ? m.getType() + " " + m.getMessage() : t.getMessage();
  }

  private void updateTime() {
    time.setText(clock(position) + " / " + clock(audio.durationSeconds()));
  }

  static String clock(double s) {
    int m = (int) (s / 60);
    return String.format(Locale.ROOT, "%d:%05.2f", m, s - m * 60);
  }

  private void draw() {
    int w = (int) Math.max(1, wave.getWidth());
    double h = wave.getHeight();
    if (mins.length != w) {
      summarise(w);
    }
    GraphicsContext g = wave.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    double mid = h / 2;
    double playX = audio.durationSeconds() <= 0 ? 0 : position / audio.durationSeconds() * w;
    for (int x = 0; x < w; x++) {
      g.setStroke(x <= playX ? Color.web("#61afef") : Color.web("#98c379"));
      g.strokeLine(x + 0.5, mid - maxs[x] * mid * 0.95, x + 0.5, mid - mins[x] * mid * 0.95);
    }
    g.setStroke(Color.web("#e5e9f0"));
    g.strokeLine(playX + 0.5, 0, playX + 0.5, h);
  }

  private void summarise(int columns) {
    mins = new float[columns];
    maxs = new float[columns];
    var samples = audio.samples();
    int ch = audio.channels();
    int frames = audio.frames();
    for (int x = 0; x < columns; x++) {
      int from = (int) ((long) x * frames / columns);
      int to = Math.max(from + 1, (int) ((long) (x + 1) * frames / columns));
      float lo = 0;
      float hi = 0;
      for (int f = from; f < to && f < frames; f++) {
        float v = samples.get(f * ch);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      mins[x] = lo;
      maxs[x] = hi;
    }
  }

  /** Stops playing (the panel shows something else). */
  public void dispose() {
    if (player != null) {
      player.dispose();
    }
  }
}
