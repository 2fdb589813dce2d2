package dev.weft.pipelines.backends.http;

import java.net.URI;
import java.util.Locale;

/**
 * Decides whether a host is this machine's loopback interface, the only place Offline mode lets a
 * call go ("nothing leaves this machine": a vLLM or LM Studio on localhost is fine). The decision
 * is made from the name alone, without a DNS lookup (a lookup could itself leave the machine):
 * {@code localhost} and names under {@code .localhost} (RFC 6761), IPv4 literals in 127.0.0.0/8,
 * and the IPv6 literals {@code ::1} and {@code ::ffff:127.x.y.z}.
 */
public final class LoopbackHosts {
  private LoopbackHosts() {}

  /** Whether the URI's host is loopback; false for a URI without a host. */
  public static boolean isLoopback(URI uri) {
    return uri != null && uri.getHost() != null && isLoopback(uri.getHost());
  }

  /** Whether a host name or address literal (IPv6 with or without brackets) is loopback. */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1); // a fully qualified "localhost."
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.contains(":")) {
      return isLoopbackIpv6(h);
    }
    return isLoopbackIpv4(h);
  }

  private static boolean isLoopbackIpv4(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return Integer.parseInt(parts[0]) == 127;
  }

  private static boolean isLoopbackIpv6(String h) {
    int zone = h.indexOf('%');
    String a = zone >= 0 ? h.substring(0, zone) : h;
    if (a.startsWith("::ffff:")) {
      String tail = a.substring("::ffff:".length());
      return tail.contains(".") && isLoopbackIpv4(tail);
    }
    // ::1 in any spelling: all groups zero but the last, which is one
    String[] groups = expand(a);
    if (groups == null) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (Integer.parseInt(groups[i], 16) != 0) {
        return false;
      }
    }
    return Integer.parseInt(groups[7], 16) == 1;
  }

  /** The eight groups of an IPv6 literal without an embedded IPv4 part, or null when malformed. */
  private static String[] expand(String a) {
    if (!a.matches("[0-9a-f:]+")) {
      return null;
    }
    int gap = a.indexOf("::");
    if (gap != a.lastIndexOf("::")) {
      return null;
    }
    String[] head;
    String[] tail;
    if (gap >= 0) {
      String left = a.substring(0, gap);
      String right = a.substring(gap + 2);
      head = left.isEmpty() ? new String[0] : left.split(":", -1);
      tail = right.isEmpty() ? new String[0] : right.split(":", -1);
      if (head.length + tail.length > 7) {
        return null;
      }
    } else {
      head = a.split(":", -1);
      tail = new String[0];
      if (head.length != 8) {
        return null;
      }
    }
    String[] out = new String[8];
    java.util.Arrays.fill(out, "0");
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, 8 - tail.length, tail.length);
    for (String g : out) {
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
    }
    return out;
  }
}
