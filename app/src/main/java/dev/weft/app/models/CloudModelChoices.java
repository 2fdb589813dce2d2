package dev.weft.app.models;

import dev.weft.app.inspector.ModelChoice;
import dev.weft.app.inspector.ModelChoices;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.CloudModels;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The model ids the cloud nodes offer (Look, Talk, Make video), as the settings list them, for the
 * model picker beside the local catalog's models: DashScope's from the model table, and for the
 * chat nodes what each OpenAI-compatible endpoint listed. The ids live in configuration, so a model
 * the service adds is a settings edit, not a new build.
 */
public final class CloudModelChoices implements ModelChoices {
  private final Supplier<Optional<Settings>> settings;

  public CloudModelChoices(Supplier<Optional<Settings>> settings) {
    this.settings = settings;
  }

  /** Over the settings store a composition root offers; none when it offers no store. */
  public static CloudModelChoices over(Services services) {
    Optional<SettingsStore> store = services.find(SettingsStore.class);
    return new CloudModelChoices(() -> store.map(SettingsStore::current));
  }

  @Override
  public List<ModelChoice> choices(String family, String task) {
    Optional<Settings> s;
    try {
      s = settings.get();
    } catch (WeftException e) {
      return List.of(); // a broken settings file is reported by Settings > Cloud and by the nodes
    }
    if (s.isEmpty() || family == null) {
      return List.of();
    }
    CloudModels m = s.get().models();
    Collection<String> ids =
        switch (family.toLowerCase(Locale.ROOT)) {
          case "vision" -> m.vision().models();
          case "omni" -> m.omni().models();
          case "video" -> m.video().shapes().keySet();
          default -> List.of();
        };
    List<ModelChoice> out = new ArrayList<>();
    ids.forEach(id -> out.add(new ModelChoice(id, id + " · DashScope", true)));
    if (CHAT_FAMILIES.contains(family.toLowerCase(Locale.ROOT))) {
      // what each OpenAI-compatible server listed (Settings > Cloud > List models)
      for (OpenAiEndpoint e : s.get().endpoints()) {
        for (String id : e.models()) {
          if (out.stream().noneMatch(c -> c.id().equals(id))) {
            out.add(new ModelChoice(id, id + " · " + e.name(), true));
          }
        }
      }
    }
    return out;
  }

  /** The families whose nodes talk to OpenAI-compatible servers. */
  private static final Set<String> CHAT_FAMILIES = Set.of("vision", "omni");

  /** The local models first, then the cloud ones, without repeating an id. */
  public static ModelChoices after(ModelChoices local, ModelChoices cloud) {
    return (family, task) -> {
      List<ModelChoice> all = new ArrayList<>(local.choices(family, task));
      for (ModelChoice c : cloud.choices(family, task)) {
        if (all.stream().noneMatch(m -> m.id().equals(c.id()))) {
          all.add(c);
        }
      }
      return all;
    };
  }
}
