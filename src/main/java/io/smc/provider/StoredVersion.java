package io.smc.provider;

import java.util.Optional;

/**
 * One version of a stored secret.
 *
 * @param sha256 the hex SHA-256 of the value when the store keeps it (the local store does), so values can be
 *               compared without reading them; empty when the store cannot tell without an access call
 */
public record StoredVersion(long number, VersionState state, Optional<String> sha256) {
}
