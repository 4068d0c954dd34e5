/**
 * One interface per API resource, reached from {@link com.baseten.sdk.BasetenClient}. They are
 * interfaces so that code which calls Baseten can be tested against a fake.
 */
@NullMarked
package com.baseten.sdk.services;

import org.jspecify.annotations.NullMarked;
