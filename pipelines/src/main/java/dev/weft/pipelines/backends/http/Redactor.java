package dev.weft.pipelines.backends.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything that may be logged or shown: header values of credential headers,
 * bearer tokens, key-shaped strings, signed-URL signatures, and every secret value it was told
 * about. Everything that leaves a client for a log or an error message goes through one.
 */
public final class Redactor {
  public static final String MASK = "[redacted]";

  private static final Set<String> SECRET_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "x-api-key",
          "api-key",
          "cookie",
          "set-cookie",
          "x-dashscope-api-key");

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
  private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{8,}");
  private static final Pattern URL_SECRET_PARAMS =
      Pattern.compile(
          "(?i)([?&](?:signature|api[_-]?key|key|token|access_token|x-oss-signature|ossaccesskeyid|security-token)=)[^&\\s\"']+");
  private static final Pattern JSON_SECRET_FIELDS =
      Pattern.compile(
          "(?i)(\"(?:api[_-]?key|apikey|signature|policy|oss_access_key_id|authorization|password|secret)\"\\s*:\\s*\")[^\"]*\"");

  private final Set<String> knownSecrets = new CopyOnWriteArraySet<>();

  /**
   * Also masks this exact value wherever it appears (an API key, say). Short values are ignored.
   */
  public void addSecret(String secret) {
    if (secret != null && secret.length() >= 4) {
      knownSecrets.add(secret);
    }
  }

  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The text with every secret it can find masked. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : knownSecrets) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    out = KEY_SHAPED.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    out = URL_SECRET_PARAMS.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    out = JSON_SECRET_FIELDS.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "\"");
    return out;
  }

  /** A URI for logs: the query's secret-looking parameters masked. */
  public String redact(URI uri) {
    return redact(uri.toString());
  }

  /** Headers for logs, sorted by name, credential headers masked. */
  public Map<String, String> redactHeaders(Map<String, List<String>> headers) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) ->
        out.put(name, isSecretHeader(name) ? MASK : redact(String.join(", ", values))));
    return out;
  }
}
