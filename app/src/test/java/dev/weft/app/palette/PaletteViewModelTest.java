package dev.weft.app.palette;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.edit.Wiring;
import dev.weft.pipelines.graph.PortType;
import dev.weft.pipelines.nodes.NodeCatalog;
import org.junit.jupiter.api.Test;

class PaletteViewModelTest {
  private final PaletteViewModel vm =
      new PaletteViewModel(new Wiring(NodeCatalog.load(getClass().getClassLoader())));

  @Test
  void listsEveryTypeByCategoryWhenNotSearching() {
    assertThat(vm.items()).extracting(PaletteItem::typeId).contains("text.template", "image.load");
    assertThat(vm.categories()).isSorted();
  }

  @Test
  void searchPutsNameMatchesFirst() {
    vm.queryProperty().set("templ");
    assertThat(vm.first()).map(PaletteItem::typeId).contains("text.template");
  }

  @Test
  void searchFindsKeywords() {
    vm.queryProperty().set("photo");
    assertThat(vm.items()).extracting(PaletteItem::typeId).contains("image.load");
  }

  @Test
  void everyWordOfTheSearchMustMatch() {
    vm.queryProperty().set("load zebra");
    assertThat(vm.items()).isEmpty();
  }

  @Test
  void aTypeFilterOffersOnlyNodesThatTakeTheWiresType() {
    vm.typeFilterProperty().set(new PaletteViewModel.TypeFilter(PortType.IMAGE, true));
    assertThat(vm.items()).isNotEmpty();
    assertThat(vm.items())
        .extracting(PaletteItem::typeId)
        .doesNotContain("text.literal", "text.join");
    assertThat(vm.items()).extracting(PaletteItem::typeId).contains("output.save");
  }

  @Test
  void aTypeFilterForAnInputOffersNodesThatGiveTheType() {
    vm.typeFilterProperty().set(new PaletteViewModel.TypeFilter(PortType.TEXT, false));
    assertThat(vm.items())
        .extracting(PaletteItem::typeId)
        .contains("text.literal")
        .doesNotContain("image.load");
  }

  @Test
  void testNodeTypesNeverShow() {
    assertThat(vm.items()).noneMatch(i -> i.category().equals("Test"));
  }
}
