package com.baseten.sdk;

import com.baseten.sdk.services.DeploymentServiceAsync;

/**
 * The asynchronous view of a {@link BasetenClient}: the same services, answering with {@link
 * java.util.concurrent.CompletableFuture}s. It shares the client's settings, connection pool and
 * lifetime; close the client, not this view.
 *
 * <pre>{@code
 * CompletableFuture<AutoscalingUpdate> future =
 *     client.async().deployments().development().updateAutoscaling("abc123", patch);
 * }</pre>
 *
 * <p>The first asynchronous call starts OkHttp's dispatcher threads and one scheduler thread for
 * retries; {@link BasetenClient#close()} stops them.
 */
public interface BasetenClientAsync {
  /**
   * Deployments of a model.
   *
   * @return the service, never null
   */
  DeploymentServiceAsync deployments();

  /**
   * The synchronous client this view belongs to.
   *
   * @return the client
   */
  BasetenClient sync();
}
