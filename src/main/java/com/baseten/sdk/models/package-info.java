/**
 * Request and result values: immutable, thread-safe, and built with builders.
 *
 * <p>A request value such as {@link com.baseten.sdk.models.AutoscalingPatch} sends only the fields
 * that were set; a result value such as {@link com.baseten.sdk.models.AutoscalingUpdate} tolerates
 * values that this version of the SDK does not know.
 */
@NullMarked
package com.baseten.sdk.models;

import org.jspecify.annotations.NullMarked;
