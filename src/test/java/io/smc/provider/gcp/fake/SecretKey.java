package io.smc.provider.gcp.fake;

/**
 * A stored secret's identity. Global and regional secrets are separate namespaces, so the location is part of the
 * key ({@code ""} for global).
 */
record SecretKey(Project project, String location, String secretId) {

    static SecretKey of(Project project, SecretPath path) {
        String location = path.parent().location();
        return new SecretKey(project, location == null ? "" : location, path.secretId());
    }

    boolean regional() {
        return !location.isEmpty();
    }

    /** The canonical name, with the project number, as every response carries it. */
    String name() {
        return project.name() + (regional() ? "/locations/" + location : "") + "/secrets/" + secretId;
    }

    String versionName(long version) {
        return name() + "/versions/" + version;
    }
}
