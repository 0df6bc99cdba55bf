package io.smc.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value the API server fills in when the field is missing, written as the field's YAML/JSON scalar
 * ({@code "1m"}, {@code "true"}, {@code "Retain"}); converted to the field's schema type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}
