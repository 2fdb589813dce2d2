package dev.weft.pipelines.backends;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.ServiceContributor;
import dev.weft.pipelines.backends.dashscope.PollCadence;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.HttpOptions;
import dev.weft.pipelines.backends.http.Redactor;
import dev.weft.pipelines.backends.http.Sleeper;
import dev.weft.pipelines.nodes.Services;
import dev.weft.pipelines.settings.LazyKeyringSecretStore;
import dev.weft.pipelines.settings.Secrets;
import dev.weft.pipelines.settings.SettingsStore;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Adds the settings store, the secrets chain and the cloud clients to the composition root. The
 * keychain is opened only when a key is first needed.
 */
public final class CloudServiceContributor implements ServiceContributor {

  @Override
  public int order() {
    return 100;
  }

  @Override
  public void contribute(Services.Builder services, Services soFar, PlatformDirs dirs) {
    SettingsStore store = soFar.find(SettingsStore.class).orElseGet(() -> SettingsStore.in(dirs));
    Secrets secrets =
        soFar
            .find(Secrets.class)
            .orElseGet(() ->
                Secrets.standard(System.getenv(), dirs, Optional.of(new LazyKeyringSecretStore())));
    Redactor redactor = new Redactor();
    CloudHttp http =
        new CloudHttp(
            HttpOptions.defaults(),
            redactor,
            Sleeper.real(),
            RandomGenerator.getDefault(),
            () -> store.current().offline());
    services
        .put(SettingsStore.class, store)
        .put(Secrets.class, secrets)
        .put(Redactor.class, redactor)
        .put(
            CloudClients.class,
            new CloudClients(
                store::current,
                secrets,
                http,
                System.getenv(),
                Sleeper.real(),
                RandomGenerator.getDefault(),
                PollCadence.sdk()));
  }
}
