/**
 * The Baseten management API client. Compiled for Java 9 and later into the jar's {@code
 * META-INF/versions/9}, so the jar is a named module on the module path and an ordinary jar on
 * Java 8.
 */
module com.baseten.sdk {
  // OkHttp types (OkHttpClient, Headers) appear in the public API.
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires java.logging;
  // Only LocalBaseten, the test fake, needs the JDK's HTTP server: a consumer that uses it adds
  // "requires jdk.httpserver" (or --add-modules jdk.httpserver); a jlink image without it works.
  requires static jdk.httpserver;
  requires static org.jspecify;

  exports com.baseten.sdk;
  exports com.baseten.sdk.errors;
  exports com.baseten.sdk.models;
  exports com.baseten.sdk.services;
  exports com.baseten.sdk.testing;
  // Jackson instantiates the duration serializer the models name, and reads their accessors.
  exports com.baseten.sdk.internal to
      com.fasterxml.jackson.databind;
  opens com.baseten.sdk.models to
      com.fasterxml.jackson.databind;
}
