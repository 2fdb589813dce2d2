package dev.weft.pipelines.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * Serves one file over HTTP on loopback, in a process of its own, so that curl and Weft's
 * downloader meet the same server and neither shares a JVM with it. Prints "port N" when ready;
 * stops when its standard input closes. Usage: {@code LoopbackFileServer FILE ETAG}.
 */
public final class LoopbackFileServer {
  private LoopbackFileServer() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String etag = args[1];
    long size = Files.size(file);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          try (ex;
              FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ex.getResponseHeaders().add("ETag", "\"" + etag + "\"");
            ex.sendResponseHeaders(200, size);
            OutputStream out = ex.getResponseBody();
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf.clear()) > 0) {
              out.write(buf.array(), 0, buf.flip().remaining());
            }
          }
        });
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent closes our standard input
    }
    server.stop(0);
  }
}
