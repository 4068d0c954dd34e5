/**
 * Transport, JSON, error mapping and service implementations. Nothing here is public API: it may
 * change in any release.
 */
@NullMarked
package com.baseten.sdk.internal;

import org.jspecify.annotations.NullMarked;
