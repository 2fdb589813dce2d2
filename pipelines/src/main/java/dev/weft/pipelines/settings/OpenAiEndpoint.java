package dev.weft.pipelines.settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named OpenAI-compatible server (vLLM, Ollama, LM Studio, llama.cpp's server, ...). The key, if
 * any, is not here: {@code keyRef} names the secret that holds it.
 *
 * @param name what the user calls it, unique among endpoints
 * @param baseUrl the API root, e.g. {@code http://gpu-box:8000/v1}
 * @param keyRef the secret id holding the key, or null for a server without keys
 * @param models the model ids last listed from {@code /v1/models} (may be empty)
 */
public record OpenAiEndpoint(
    String name, String baseUrl, EndpointType type, String keyRef, List<String> models) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

  public OpenAiEndpoint {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "endpoint name \""
              + name
              + "\" must be 1 to 64 letters, digits, spaces, dots, dashes or underscores");
    }
    baseUrl = normalise(baseUrl);
    type = type == null ? EndpointType.OPENAI : type;
    keyRef = keyRef == null || keyRef.isBlank() ? null : keyRef;
    models = models == null ? List.of() : List.copyOf(models);
  }

  /** An endpoint whose key (if it needs one) lives in the secret {@code openai:<name>}. */
  public static OpenAiEndpoint of(String name, String baseUrl, EndpointType type) {
    return new OpenAiEndpoint(name, baseUrl, type, defaultKeyRef(name), List.of());
  }

  public static String defaultKeyRef(String name) {
    return "openai:" + name;
  }

  public OpenAiEndpoint withModels(List<String> newModels) {
    return new OpenAiEndpoint(name, baseUrl, type, keyRef, newModels);
  }

  private static String normalise(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("an endpoint needs a base URL, e.g. http://host:8000/v1");
    }
    String s = url.strip().replaceAll("/+$", "");
    URI u;
    try {
      u = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + url + "\" is not a URL: " + e.getMessage(), e);
    }
    if (u.getScheme() == null
        || !(u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
        || u.getHost() == null) {
      throw new IllegalArgumentException(
          "\""
              + url
              + "\" must be an http:// or https:// URL with a host, e.g. http://host:8000/v1");
    }
    if (s.endsWith("/chat/completions")) {
      s = s.substring(0, s.length() - "/chat/completions".length());
    }
    if (u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")) {
      s = s + "/v1"; // a bare host means the conventional /v1 root
    }
    return s;
  }
}
