package io.smc.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-form object the server keeps as written ({@code x-kubernetes-preserve-unknown-fields}): only for blocks of
 * the seed system's API that are accepted for compatibility and not interpreted.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PreserveUnknownFields {
}
