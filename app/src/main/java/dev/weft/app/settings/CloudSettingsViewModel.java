package dev.weft.app.settings;

import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.LoopbackHosts;
import dev.weft.pipelines.settings.EndpointType;
import dev.weft.pipelines.settings.OpenAiEndpoint;
import dev.weft.pipelines.settings.Region;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.Settings;
import dev.weft.pipelines.settings.SettingsStore;
import java.net.URI;
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
      String name,
      String baseUrl,
      EndpointType type,
      boolean keySet,
      String key,
      List<String> models) {
    public EndpointRow {
      models = models == null ? List.of() : List.copyOf(models);
    }

    @Override
    public String toString() {
      return name
          + " — "
          + baseUrl
          + " ("
          + type.label()
          + (keySet || key != null ? ", key set" : "")
          + (models.isEmpty()
              ? ""
              : ", " + models.size() + (models.size() == 1 ? " model" : " models"))
          + ")";
    }

    EndpointRow withModels(List<String> listed) {
      return new EndpointRow(name, baseUrl, type, keySet, key, listed);
    }
  }

  /**
   * Asks a server which models it serves ({@code GET /v1/models}).
   *
   * @param key the key typed for it and not yet saved, or null to use the one kept for it
   */
  @FunctionalInterface
  public interface ModelLister {
    ModelLister NONE =
        (e, key) -> {
          throw new IllegalStateException("listing models is not available here");
        };

    List<String> list(OpenAiEndpoint endpoint, String key);
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
  private final ReadOnlyStringWrapper listing = new ReadOnlyStringWrapper(this, "listing", "");
  private final ModelLister lister;
  private final ObservableList<EndpointRow> endpoints = FXCollections.observableArrayList();
  private final List<String> removedEndpoints = new ArrayList<>();
  private volatile Settings loaded;

  public CloudSettingsViewModel(
      SettingsStore store, Secrets secrets, Executor background, Executor ui) {
    this(store, secrets, background, ui, ModelLister.NONE);
  }

  public CloudSettingsViewModel(
      SettingsStore store, Secrets secrets, Executor background, Executor ui, ModelLister lister) {
    this.store = store;
    this.secrets = secrets;
    this.background = background;
    this.ui = ui;
    this.lister = lister;
  }

  /** What the last "List models" found, or why it could not. */
  public ReadOnlyStringProperty listingProperty() {
    return listing.getReadOnlyProperty();
  }

  /**
   * Asks the endpoint's server for its models (off the UI thread) and keeps them on the row, to be
   * saved with the settings; the model pickers of Look and Talk then offer them. Refused while
   * Offline unless the server is on this machine.
   */
  public CompletableFuture<Void> listModels(EndpointRow row) {
    OpenAiEndpoint e;
    try {
      e = OpenAiEndpoint.of(row.name(), row.baseUrl(), row.type());
    } catch (IllegalArgumentException ex) {
      listing.set(ex.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    if (offline.get() && !LoopbackHosts.isLoopback(URI.create(e.baseUrl()))) {
      listing.set(row.name() + ": Offline is on and " + e.baseUrl() + " is not on this machine");
      return CompletableFuture.completedFuture(null);
    }
    listing.set(row.name() + ": asking " + e.baseUrl() + " for its models…");
    OpenAiEndpoint known = loaded == null ? null : loaded.endpoint(row.name()).orElse(null);
    OpenAiEndpoint ask =
        known != null && known.baseUrl().equals(e.baseUrl())
            ? new OpenAiEndpoint(e.name(), e.baseUrl(), e.type(), known.keyRef(), known.models())
            : e;
    return CompletableFuture.supplyAsync(() -> lister.list(ask, row.key()), background)
        .handleAsync(
            (models, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                String why =
                    cause instanceof WeftException w ? w.userMessage() : cause.getMessage();
                listing.set(row.name() + ": " + why);
                return null;
              }
              int at = endpoints.indexOf(row);
              if (at >= 0) {
                endpoints.set(at, row.withModels(models));
              }
              listing.set(
                  row.name()
                      + ": "
                      + (models.isEmpty()
                          ? "the server lists no models"
                          : models.size()
                              + (models.size() == 1 ? " model: " : " models: ")
                              + String.join(", ", models)
                              + " (saved with the settings)"));
              return null;
            },
            ui);
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
                    e.name(),
                    e.baseUrl(),
                    e.type(),
                    secrets.keyFor(e).isPresent(),
                    null,
                    e.models()));
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
              key == null || key.isBlank() ? null : key.strip(),
              List.of()));
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
        String keyRef = base.endpoint(r.name()).map(OpenAiEndpoint::keyRef).orElse(e.keyRef());
        next =
            next.withEndpoint(
                new OpenAiEndpoint(e.name(), e.baseUrl(), e.type(), keyRef, r.models()));
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
