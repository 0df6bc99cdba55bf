package io.smc.secrets;

/**
 * One secret the revision asks for.
 *
 * @param name     the Secret Manager name
 * @param service  the service it comes from
 * @param key      the key in the service's files
 * @param value    the value
 * @param disabled whether the entry is disabled ({@code #KEY=value}): its published version is to be disabled
 * @param origin   the file and line that define it
 */
public record DesiredSecret(String name, String service, String key, SecretValue value, boolean disabled,
        Origin origin) {
}
