package com.baseten.sdk.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;

/** Local servers for transport tests: loopback only, and never blocking on an empty queue. */
final class TestServers {
  static final String ACCEPTED_BODY = "{\"status\":\"ACCEPTED\",\"message\":\"settings updated\"}";

  static final String PATH = "/v1/models/abc123/deployments/development/autoscaling_settings";

  private TestServers() {}

  /**
   * Starts a server on 127.0.0.1. A request beyond the enqueued answers gets a 404 at once instead
   * of hanging, and the SDK does not retry a 404, so the request counts in tests stay exact.
   */
  static MockWebServer start() {
    MockWebServer server = new MockWebServer();
    ((QueueDispatcher) server.getDispatcher()).setFailFast(true);
    start(server, new Sockets());
    return server;
  }

  /** Starts {@code server} on 127.0.0.1, accepting connections through {@code sockets}. */
  static void start(MockWebServer server, Sockets sockets) {
    server.setServerSocketFactory(sockets);
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL of {@code server} by address, so that nothing resolves {@code localhost}. */
  static String baseUrl(MockWebServer server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  static MockResponse accepted() {
    return json(200, ACCEPTED_BODY);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse status(int code) {
    return json(code, "{\"message\":\"status " + code + "\"}");
  }

  /**
   * Server sockets that remember every connection they accept, and send without Nagle's delay:
   * MockWebServer writes headers and body separately, which otherwise costs each exchange a delayed
   * ACK of about 40 ms on Linux.
   */
  static final class Sockets extends ServerSocketFactory {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    /** The server ends of the connections that are still open. */
    List<Socket> open() {
      return accepted.stream().filter(s -> !s.isClosed()).collect(Collectors.toList());
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = new Socket();
          implAccept(socket);
          socket.setTcpNoDelay(true);
          accepted.add(socket);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
      throw new UnsupportedOperationException("unbound sockets only");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
      throw new UnsupportedOperationException("unbound sockets only");
    }
  }
}
