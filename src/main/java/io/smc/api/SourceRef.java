package io.smc.api;

import io.smc.api.schema.Default;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Required;

@Description("The source whose revisions hold the secrets: a Flux source (GitRepository, OCIRepository, Bucket) "
        + "or an Argo CD Application.")
public record SourceRef(
        @Description("The kind of the source.") @Default("GitRepository") SourceKind kind,
        @Description("The source's name.") @Required @MinLength(1) @MaxLength(253) String name,
        @Description("The source's namespace; defaults to the config's namespace.") @MaxLength(63) String namespace,
        @Description("A Secret with Git credentials, for Argo CD Applications whose repository needs them.")
        SecretReference gitCredentials) {

    /** The kinds of source this controller reads. */
    public enum SourceKind {
        GitRepository, OCIRepository, Bucket, Application
    }
}
