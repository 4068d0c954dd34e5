package com.baseten.sdk.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * Marks a public value type whose immutable implementation Immutables generates at compile time.
 *
 * <p>The annotation is registered with the processor through {@code -Aimmutables.annotation}, so
 * the value types carry no Immutables annotation in their class files. This annotation has source
 * retention and its own class file is left out of the published jar: nothing in the jar refers to
 * Immutables, which users never need at run time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
    defaults = @Value.Immutable(copy = false, prehash = false),
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    jacksonIntegration = false,
    allowedClasspathAnnotations = {Override.class},
    headerComments = false,
    optionalAcceptNullable = false)
public @interface ValueStyle {}
