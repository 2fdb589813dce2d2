package dev.weft.pipelines.backends.dashscope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import dev.weft.pipelines.backends.http.CallKind;
import dev.weft.pipelines.backends.http.CancelSignal;
import dev.weft.pipelines.backends.http.CloudException;
import dev.weft.pipelines.backends.http.HttpCall;
import dev.weft.pipelines.backends.http.Multipart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Puts a local file where DashScope can read it (spec A.0, "Local files to cloud"): asks for an
 * upload policy, posts the file to the policy's OSS host as a signed form, and returns the {@code
 * oss://} URL. A request that uses such a URL must carry {@code X-DashScope-OssResourceResolve:
 * enable}.
 */
public final class TemporaryUploadClient {
  private final DashScopeClient client;
  private final RandomGenerator random;

  public TemporaryUploadClient(DashScopeClient client, RandomGenerator random) {
    this.client = client;
    this.random = random;
  }

  /** The upload policy the service grants for a model. */
  public record Policy(
      String uploadHost,
      String uploadDir,
      String policy,
      String signature,
      String accessKeyId,
      String objectAcl,
      String forbidOverwrite) {
    @Override
    public String toString() {
      return "Policy[" + uploadHost + ", " + uploadDir + "]"; // never the signature
    }
  }

  /**
   * Uploads {@code file} for use with {@code model}.
   *
   * @return the {@code oss://} URL of the upload
   */
  public String upload(Path file, String model, String contentType, CancelSignal cancel) {
    if (!Files.isRegularFile(file)) {
      throw new WeftException(
          "cannot upload " + file + ": no such file", Location.file(file.toString()), null, null);
    }
    Policy policy = policy(model, cancel);
    String name = sanitise(file.getFileName().toString());
    byte[] prefix = new byte[6];
    random.nextBytes(prefix);
    // a unique name: the policy may forbid overwriting, and two nodes may upload "frame.png"
    String key = policy.uploadDir() + "/" + HexFormat.of().formatHex(prefix) + "-" + name;
    Multipart form = new Multipart(random);
    form.field("OSSAccessKeyId", policy.accessKeyId())
        .field("Signature", policy.signature())
        .field("policy", policy.policy())
        .field("key", key)
        .field("x-oss-object-acl", policy.objectAcl())
        .field("x-oss-forbid-overwrite", policy.forbidOverwrite())
        .field("success_action_status", "200")
        .field("x-oss-content-type", contentType);
    try {
      form.file("file", name, contentType, file);
    } catch (IOException e) {
      throw new WeftException(
          "cannot upload " + file + ": " + e.getMessage(), Location.file(file.toString()), null, e);
    }
    HttpCall call =
        HttpCall.post(
                DashScopeClient.SERVICE,
                "temporary upload of " + name,
                URI.create(policy.uploadHost()),
                form.contentType(),
                form.body())
            .kind(CallKind.READ); // re-posting the same key is harmless
    client.http().send(call, cancel);
    return "oss://" + key;
  }

  /** Step 1: {@code GET /uploads?action=getPolicy&model=…}. */
  public Policy policy(String model, CancelSignal cancel) {
    HttpCall call =
        client.get(
            "upload policy",
            "/uploads?action=getPolicy&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
    JsonNode out = client.send(call, cancel).json().path("output");
    return new Policy(
        need(out, "upload_host"),
        need(out, "upload_dir"),
        need(out, "policy"),
        need(out, "signature"),
        need(out, "oss_access_key_id"),
        out.path("x_oss_object_acl").asText("private"),
        out.path("x_oss_forbid_overwrite").asText("true"));
  }

  private static String need(JsonNode out, String field) {
    JsonNode v = out.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new CloudException(
          CloudException.Kind.PROTOCOL,
          DashScopeClient.SERVICE,
          200,
          null,
          null,
          "the upload policy has no " + field,
          CloudException.hintFor(CloudException.Kind.PROTOCOL),
          null);
    }
    return v.asText();
  }

  static String sanitise(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "file" + s : s;
  }
}
