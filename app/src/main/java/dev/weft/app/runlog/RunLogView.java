package dev.weft.app.runlog;

import dev.weft.app.run.LogLine;
import dev.weft.app.run.RunViewModel;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The Run log tab: one line per event worth reading, following the run as it goes. */
public final class RunLogView extends BorderPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  public RunLogView(RunViewModel run, java.util.function.Consumer<String> selectNode) {
    setId("run-log");
    ListView<LogLine> list = new ListView<>(run.log());
    list.setId("run-log-list");
    list.setCellFactory(l -> new LineCell());
    ToggleButton follow = new ToggleButton(null, new FontIcon(Material2AL.ARROW_DOWNWARD));
    follow.setSelected(true);
    follow.setTooltip(new javafx.scene.control.Tooltip("Follow the newest line"));
    run.log()
        .addListener(
            (ListChangeListener<LogLine>)
                c -> {
                  if (follow.isSelected() && !list.getItems().isEmpty()) {
                    list.scrollTo(list.getItems().size() - 1);
                  }
                });
    list.setOnMouseClicked(e -> {
      LogLine l = list.getSelectionModel().getSelectedItem();
      if (l != null && l.nodeId() != null && e.getClickCount() == 2) {
        selectNode.accept(l.nodeId());
      }
    });
    Button copy = new Button("Copy", new FontIcon(Material2AL.CONTENT_COPY));
    copy.getStyleClass().add("small");
    copy.setOnAction(e -> {
      ClipboardContent c = new ClipboardContent();
      c.putString(run.log().stream().map(RunLogView::format).collect(Collectors.joining("\n")));
      Clipboard.getSystemClipboard().setContent(c);
    });
    Button clear = new Button("Clear", new FontIcon(Material2AL.CLEAR));
    clear.getStyleClass().add("small");
    clear.setOnAction(e -> run.clearLog());
    Label status = new Label();
    status.setId("run-status");
    status.textProperty().bind(run.statusProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(6, status, spacer, follow, copy, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 6, 4, 8));
    setTop(bar);
    setCenter(list);
  }

  static String format(LogLine l) {
    return TIME.format(l.time())
        + (l.nodeId() == null ? "" : " [" + l.nodeId() + "]")
        + " "
        + l.text();
  }

  private static final class LineCell extends ListCell<LogLine> {
    @Override
    protected void updateItem(LogLine item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("warning", "error");
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      getStyleClass().add("log-line");
      if (item.level() == LogLine.Level.WARNING) {
        getStyleClass().add("warning");
      } else if (item.level() == LogLine.Level.ERROR) {
        getStyleClass().add("error");
      }
      setText(format(item));
    }
  }
}
