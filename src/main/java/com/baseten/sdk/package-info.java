/**
 * The Baseten management API client. Start with {@link com.baseten.sdk.BasetenClient}.
 *
 * <p>Services are in {@code com.baseten.sdk.services}, request and result values in {@code
 * com.baseten.sdk.models}, exceptions in {@code com.baseten.sdk.errors}, and a local fake of the
 * API for tests in {@code com.baseten.sdk.testing}.
 */
@NullMarked
package com.baseten.sdk;

import org.jspecify.annotations.NullMarked;
