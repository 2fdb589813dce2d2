package dev.weft.app.settings;

import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Region;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloud part of the settings dialog: where DashScope calls go (region, workspace host), its API
 * key, the named OpenAI-compatible endpoints with their keys, and the global offline switch.
 * Settings and keys are read and written off the UI thread (the keychain may be slow to answer);
 * keys are never shown, only whether one is set and where it is kept.
 */
public final class CloudSettingsViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(CloudSettingsViewModel.class);

  /** An endpoint as the dialog lists it; {@code key} is what was typed (null: unchanged). */
  public record EndpointRow(
      String name, String baseUrl, EndpointType type, boolean keySet, String key) {
    @Override
    public String toString() {
      return name
          + " — "
          + baseUrl
          + " ("
          + type.label()
          + (keySet || key != null ? ", key set" : "")
          + ")";
    }
  }

  private final SettingsStore store;
  private final Secrets secrets;
  private final Executor background;
  private final Executor ui;
  private final ObjectProperty<Region> region =
      new SimpleObjectProperty<>(this, "region", Region.SINGAPORE);
  private final StringProperty workspaceHost = new SimpleStringProperty(this, "workspaceHost", "");
  private final BooleanProperty offline = new SimpleBooleanProperty(this, "offline");
  private final StringProperty newDashScopeKey = new SimpleStringProperty(this, "dashScopeKey", "");
  private final ReadOnlyStringWrapper dashScopeKeyStatus =
      new ReadOnlyStringWrapper(this, "keyStatus", "checking…");
  private final ReadOnlyStringWrapper storage = new ReadOnlyStringWrapper(this, "storage", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ObservableList<EndpointRow> endpoints = FXCollections.observableArrayList();
  private final List<String> removedEndpoints = new ArrayList<>();
  private volatile Settings loaded;

  public CloudSettingsViewModel(
      SettingsStore store, Secrets secrets, Executor background, Executor ui) {
    this.store = store;
    this.secrets = secrets;
    this.background = background;
    this.ui = ui;
  }

  public ObjectProperty<Region> regionProperty() {
    return region;
  }

  public StringProperty workspaceHostProperty() {
    return workspaceHost;
  }

  public BooleanProperty offlineProperty() {
    return offline;
  }

  /** A new DashScope key typed by the person (blank: keep the current one). */
  public StringProperty newDashScopeKeyProperty() {
    return newDashScopeKey;
  }

  public ReadOnlyStringProperty dashScopeKeyStatusProperty() {
    return dashScopeKeyStatus.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty storageProperty() {
    return storage.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ObservableList<EndpointRow> endpoints() {
    return endpoints;
  }

  /** Reads the settings file and which keys are set (off the UI thread). */
  public CompletableFuture<Void> load() {
    return CompletableFuture.runAsync(
        () -> {
          Settings s;
          String loadError = "";
          try {
            s = store.current();
          } catch (WeftException e) {
            loadError = e.userMessage();
            s = Settings.defaults(store.defaults());
          }
          Settings settings = s;
          String keyStatus =
              secrets
                  .find(Secrets.DASHSCOPE)
                  .map(f -> "set (" + f.source() + ")")
                  .orElse("not set");
          List<EndpointRow> rows = new ArrayList<>();
          for (OpenAiEndpoint e : settings.endpoints()) {
            rows.add(
                new EndpointRow(
                    e.name(), e.baseUrl(), e.type(), secrets.keyFor(e).isPresent(), null));
          }
          String where = storageName();
          String err = loadError;
          loaded = settings;
          ui.execute(() -> {
            region.set(settings.dashscope().region());
            workspaceHost.set(
                settings.dashscope().workspaceHost() == null
                    ? ""
                    : settings.dashscope().workspaceHost());
            offline.set(settings.offline());
            dashScopeKeyStatus.set(keyStatus);
            storage.set(where);
            endpoints.setAll(rows);
            error.set(err);
          });
        },
        background);
  }

  private String storageName() {
    try {
      return secrets.storage();
    } catch (RuntimeException e) {
      return "nowhere (" + e.getMessage() + ")";
    }
  }

  /** Adds (or replaces) an endpoint; returns why not when the values are wrong. */
  public Optional<String> putEndpoint(String name, String url, EndpointType type, String key) {
    try {
      OpenAiEndpoint e = OpenAiEndpoint.of(name.strip(), url.strip(), type);
      endpoints.removeIf(r -> r.name().equalsIgnoreCase(e.name()));
      endpoints.add(
          new EndpointRow(
              e.name(),
              e.baseUrl(),
              e.type(),
              false,
              key == null || key.isBlank() ? null : key.strip()));
      return Optional.empty();
    } catch (IllegalArgumentException ex) {
      return Optional.of(ex.getMessage());
    }
  }

  public void removeEndpoint(EndpointRow row) {
    endpoints.remove(row);
    removedEndpoints.add(row.name());
  }

  /** Writes the settings and any new keys; the future says whether it worked. */
  public CompletableFuture<Boolean> save() {
    Settings base = loaded == null ? Settings.defaults(store.defaults()) : loaded;
    Settings next;
    try {
      next =
          base.withDashScope(
                  base.dashscope().withRegion(region.get()).withWorkspaceHost(workspaceHost.get()))
              .withOffline(offline.get());
      for (OpenAiEndpoint e : base.endpoints()) {
        next = next.withoutEndpoint(e.name());
      }
      Map<String, String> keys = new LinkedHashMap<>();
      for (EndpointRow r : endpoints) {
        OpenAiEndpoint e = OpenAiEndpoint.of(r.name(), r.baseUrl(), r.type());
        next =
            next.withEndpoint(
                base.endpoint(r.name())
                    .map(old ->
                        new OpenAiEndpoint(
                            e.name(),
                            e.baseUrl(),
                            e.type(),
                            old.keyRef() == null ? e.keyRef() : old.keyRef(),
                            old.models()))
                    .orElse(e));
        if (r.key() != null) {
          keys.put(next.endpoint(r.name()).orElseThrow().keyRef(), r.key());
        }
      }
      String dashKey = newDashScopeKey.get() == null ? "" : newDashScopeKey.get().strip();
      if (!dashKey.isEmpty()) {
        keys.put(Secrets.DASHSCOPE, dashKey);
      }
      Settings toSave = next;
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  store.save(toSave);
                  keys.forEach(secrets::put);
                  for (String gone : removedEndpoints) {
                    base.endpoint(gone).map(OpenAiEndpoint::keyRef).ifPresent(secrets::remove);
                  }
                  return Optional.<String>empty();
                } catch (RuntimeException e) {
                  LOG.warn("the cloud settings cannot be saved", e);
                  return Optional.of(e.getMessage());
                }
              },
              background)
          .thenApplyAsync(
              problem -> {
                problem.ifPresent(p -> error.set("Not saved: " + p));
                if (problem.isEmpty()) {
                  newDashScopeKey.set("");
                  load();
                }
                return problem.isEmpty();
              },
              ui);
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return CompletableFuture.completedFuture(false);
    }
  }

  /** Forgets the DashScope key in every store that can change. */
  public void removeDashScopeKey() {
    CompletableFuture.runAsync(() -> secrets.remove(Secrets.DASHSCOPE), background)
        .thenRun(this::load);
  }
}
