package dev.weft.app.problems;

import dev.weft.pipelines.Problem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The Problems tab: every validation problem and run failure; click one to select its node. */
public final class ProblemsView extends BorderPane {
  public ProblemsView(ProblemsViewModel vm) {
    setId("problems");
    ListView<Problem> list = new ListView<>(vm.problems());
    list.setId("problems-list");
    list.setPlaceholder(new Label("No problems. The pipeline can run."));
    list.setCellFactory(l -> new ProblemCell());
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> {
          if (b != null) {
            vm.reveal(b);
          }
        });
    setCenter(list);
  }

  private static final class ProblemCell extends ListCell<Problem> {
    @Override
    protected void updateItem(Problem p, boolean empty) {
      super.updateItem(p, empty);
      getStyleClass().removeAll("problem-error", "problem-warning");
      if (empty || p == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
      setGraphic(new FontIcon(p.isError() ? Material2AL.ERROR_OUTLINE : Material2MZ.WARNING));
      String where = p.location().describe();
      setText(
          (where.isEmpty() ? "" : where + ": ")
              + p.message()
              + (p.hint() == null || p.hint().isBlank() ? "" : "  — " + p.hint()));
      setWrapText(false);
    }
  }
}
