package dev.weft.app.outputs;

import dev.weft.assets.Asset;
import dev.weft.assets.AudioAsset;
import dev.weft.assets.BooleanAsset;
import dev.weft.assets.ImageAsset;
import dev.weft.assets.ListAsset;
import dev.weft.assets.NumberAsset;
import dev.weft.assets.TextAsset;
import dev.weft.assets.TranscriptAsset;
import dev.weft.assets.VideoAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The Outputs tab: the values of the shown node, each in a viewer for its kind: text (copyable,
 * updated as it streams in), images (zoom, pan, 1:1), audio (waveform, play, seek), video (player
 * with scrubbing), transcripts (segments with times that seek the audio), numbers and lists.
 */
public final class OutputsView extends BorderPane {
  private final OutputsViewModel vm;
  private final Executor io;
  private final VBox content = new VBox(10);
  private final Label heading = new Label();
  private final List<Runnable> disposers = new ArrayList<>();
  private TextArea streaming;

  public OutputsView(OutputsViewModel vm, Executor io) {
    this.vm = vm;
    this.io = io;
    setId("outputs");
    heading.getStyleClass().add("output-title");
    heading.setPadding(new Insets(4, 8, 4, 8));
    content.setPadding(new Insets(4, 8, 8, 8));
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    setTop(heading);
    setCenter(scroll);
    vm.items().addListener((ListChangeListener<OutputsViewModel.Output>) c -> refresh());
    refresh();
  }

  private void refresh() {
    String node = vm.shownNodeProperty().get();
    List<OutputsViewModel.Output> items = vm.items();
    // a text preview that keeps streaming updates its area in place (keeps scroll and selection)
    if (items.size() == 1
        && items.getFirst().preview()
        && items.getFirst().value() instanceof TextAsset t
        && streaming != null
        && content.getChildren().size() == 1) {
      streaming.setText(t.text());
      streaming.positionCaret(t.text().length());
      return;
    }
    disposers.forEach(Runnable::run);
    disposers.clear();
    streaming = null;
    content.getChildren().clear();
    if (node == null) {
      heading.setText("Outputs");
      content.getChildren().add(muted("Run the pipeline, then select a node to see what it made."));
      return;
    }
    heading.setText("Outputs of " + node);
    if (items.isEmpty()) {
      content
          .getChildren()
          .add(muted("No outputs yet for " + node + ". Run the pipeline (Ctrl+Enter)."));
      return;
    }
    for (OutputsViewModel.Output o : items) {
      Label port = new Label(o.preview() ? "live preview" : o.port());
      port.getStyleClass().add("output-title");
      content.getChildren().addAll(port, viewer(o.nodeId(), o.value(), o.preview(), 0));
    }
  }

  private Node viewer(String nodeId, Asset value, boolean preview, int depth) {
    return switch (value) {
      case TextAsset t -> text(t, preview);
      case ImageAsset i -> new ImageViewer(i);
      case AudioAsset a -> {
        AudioPlayerView p = new AudioPlayerView(a, io);
        disposers.add(p::dispose);
        yield p;
      }
      case VideoAsset v -> {
        VideoPlayerView p = new VideoPlayerView(v);
        disposers.add(p::dispose);
        yield p;
      }
      case TranscriptAsset t -> transcript(nodeId, t);
      case NumberAsset n ->
          big(n.isIntegral() ? Long.toString(n.asLong()) : Double.toString(n.value()));
      case BooleanAsset b -> big(Boolean.toString(b.value()));
      case ListAsset l -> {
        VBox box = new VBox(6);
        int shown = 0;
        for (Asset item : l.items()) {
          if (shown++ >= 50 || depth > 2) {
            box.getChildren().add(muted("… " + (l.size() - 50) + " more"));
            break;
          }
          box.getChildren()
              .addAll(muted("item " + shown), viewer(nodeId, item, preview, depth + 1));
        }
        yield box;
      }
      default -> muted(value.describe());
    };
  }

  private Node text(TextAsset t, boolean preview) {
    TextArea area = new TextArea(t.text());
    area.setId("output-text");
    area.setEditable(false);
    area.setWrapText(true);
    area.setPrefRowCount(Math.min(14, Math.max(3, t.text().split("\n", -1).length + 1)));
    Button copy = new Button("Copy", new FontIcon(Material2AL.CONTENT_COPY));
    copy.getStyleClass().add("small");
    copy.setOnAction(e -> {
      ClipboardContent c = new ClipboardContent();
      c.putString(area.getText());
      Clipboard.getSystemClipboard().setContent(c);
    });
    Label count = new Label(t.text().length() + " characters");
    count.getStyleClass().add("text-muted");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(6, count, spacer, copy);
    bar.setAlignment(Pos.CENTER_LEFT);
    if (preview) {
      streaming = area;
    }
    return new VBox(4, area, bar);
  }

  private Node transcript(String nodeId, TranscriptAsset t) {
    Optional<AudioAsset> audio = vm.sourceAudio(nodeId);
    AudioPlayerView player = audio.map(a -> new AudioPlayerView(a, io)).orElse(null);
    if (player != null) {
      disposers.add(player::dispose);
    }
    ListView<TranscriptAsset.Segment> list = new ListView<>();
    list.getItems().setAll(t.segments());
    list.setPrefHeight(Math.min(260, 28.0 * Math.max(2, t.segments().size()) + 4));
    list.setCellFactory(l ->
        new ListCell<>() {
          @Override
          protected void updateItem(TranscriptAsset.Segment s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
              setGraphic(null);
              setText(null);
              return;
            }
            Label when =
                new Label(
                    AudioPlayerView.clock(s.start()) + " – " + AudioPlayerView.clock(s.end()));
            when.getStyleClass().add("transcript-time");
            Label words = new Label(s.speakerName().map(n -> n + ": ").orElse("") + s.text());
            words.setWrapText(true);
            HBox row = new HBox(10, when, words);
            setGraphic(row);
          }
        });
    list.setOnMouseClicked(e -> {
      TranscriptAsset.Segment s = list.getSelectionModel().getSelectedItem();
      if (s != null && player != null) {
        player.playFrom(s.start());
      }
    });
    VBox box = new VBox(6);
    t.language().ifPresent(lang -> box.getChildren().add(muted("language " + lang)));
    if (player != null) {
      box.getChildren().add(player);
    } else {
      box.getChildren().add(muted("Run the audio upstream to click segments and hear them."));
    }
    box.getChildren().add(list);
    TextArea all = new TextArea(t.text());
    all.setEditable(false);
    all.setWrapText(true);
    all.setPrefRowCount(3);
    box.getChildren().add(all);
    return box;
  }

  private static Label big(String s) {
    Label l = new Label(s);
    l.getStyleClass().add("title-2");
    return l;
  }

  private static Label muted(String s) {
    Label l = new Label(s);
    l.getStyleClass().add("text-muted");
    l.setWrapText(true);
    return l;
  }
}
