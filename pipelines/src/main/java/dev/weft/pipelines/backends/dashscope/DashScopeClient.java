package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudHttp;
import dev.weft.pipelines.backends.http.HttpCall;
import dev.weft.pipelines.backends.http.HttpReply;
import dev.weft.pipelines.settings.DashScopeEndpoints;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Speaks the DashScope native API for one host and key: builds authenticated calls against its
 * {@code /api/v1} base and sends them through the shared {@link CloudHttp}.
 */
public final class DashScopeClient {
  public static final String SERVICE = "DashScope";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloudHttp http;
  private final DashScopeEndpoints endpoints;
  private final Supplier<String> apiKey;

  /**
   * @param apiKey asked for the key at each call, so a key changed in Settings applies at once
   */
  public DashScopeClient(CloudHttp http, DashScopeEndpoints endpoints, Supplier<String> apiKey) {
    this.http = http;
    this.endpoints = endpoints;
    this.apiKey = apiKey;
  }

  public CloudHttp http() {
    return http;
  }

  public DashScopeEndpoints endpoints() {
    return endpoints;
  }

  URI nativeUri(String pathAndQuery) {
    return CloudHttp.resolve(endpoints.nativeBase(), pathAndQuery);
  }

  HttpCall get(String what, String pathAndQuery) {
    return HttpCall.get(SERVICE, what, nativeUri(pathAndQuery)).bearer(apiKey.get());
  }

  HttpCall postJson(String what, String path, JsonNode body) {
    String json;
    try {
      json = body == null ? "" : JSON.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a request body could not be written as JSON", e);
    }
    return HttpCall.postJson(SERVICE, what, nativeUri(path), json)
        .bearer(apiKey.get())
        .kind(CallKind.GENERATE);
  }

  HttpReply send(HttpCall call, CancelSignal cancel) {
    return http.send(call, cancel);
  }
}
