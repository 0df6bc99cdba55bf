package io.smc.provider.gcp.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The projects the fake serves. Requests may name a project by id or by number, and the service answers with the
 * number, so a client that compares names it sent with names it got back must cope; each id gets a fixed 12-digit
 * number derived from it, so tests can predict it without asking the fake.
 */
final class ProjectDirectory {
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final long FIRST_NUMBER = 100_000_000_000L;
    private static final long NUMBERS = 900_000_000_000L;

    private final Map<String, Project> byId = new LinkedHashMap<>();

    /** The number the fake gives {@code projectId}: the same in every run, 12 digits like real ones. */
    static long numberOf(String projectId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(projectId.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return FIRST_NUMBER + Math.floorMod(bits, NUMBERS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    synchronized Project add(String projectId) {
        if (!PROJECT_ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("not a project id (lower case letter first, then [a-z0-9-]): "
                    + projectId);
        }
        Project project = new Project(projectId, numberOf(projectId));
        for (Project known : byId.values()) {
            if (known.number() == project.number() && !known.id().equals(projectId)) {
                throw new IllegalStateException(projectId + " and " + known.id() + " would share a number");
            }
        }
        byId.putIfAbsent(projectId, project);
        return byId.get(projectId);
    }

    /** The project a request's segment names, by id or number. */
    synchronized Optional<Project> find(String segment) {
        Project byIdMatch = byId.get(segment);
        if (byIdMatch != null) {
            return Optional.of(byIdMatch);
        }
        return byId.values().stream().filter(project -> project.isNamedBy(segment)).findFirst();
    }

    /**
     * The project, or NOT_FOUND. The real front end answers 403 for a project that does not exist (it cannot tell
     * that apart from one the caller may not see); the fake says NOT_FOUND, which is what tests of a typo want.
     */
    Project resolve(String segment) {
        return find(segment).orElseThrow(() -> RpcError.notFound(
                "Project 'projects/" + segment + "' not found or deleted."));
    }
}
