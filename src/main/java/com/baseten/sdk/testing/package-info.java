/**
 * {@link com.baseten.sdk.testing.LocalBaseten}, an in-process fake of the Baseten management API
 * for tests that need no network and no API key.
 */
@NullMarked
package com.baseten.sdk.testing;

import org.jspecify.annotations.NullMarked;
