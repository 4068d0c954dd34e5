/** A consumer on the module path: proves the SDK works as the named module com.baseten.sdk. */
module com.baseten.modcheck {
  requires com.baseten.sdk;
  requires jdk.httpserver; // for LocalBaseten, which the SDK requires only statically
}
