package io.smc.api;

import io.smc.api.schema.CrossFieldRule;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Pattern;
import io.smc.api.schema.Required;
import io.smc.api.schema.Rules;

@Description("Which secrets of a revision to publish and how to name them.")
@Rules(CrossFieldRule.KUSTOMIZE_PATH_OR_BASE_PATH)
public record Secrets(
        @Description("The environment: the profile directory read in each service (profiles/<environment>/).")
        @Required @MinLength(1) @MaxLength(63) @Pattern(Secrets.ENVIRONMENT_PATTERN) String environment,
        @Description("Kustomize mode: the directory, relative to the revision's root, whose `kustomize build` "
                + "output holds the Secrets to publish.") @MaxLength(4096) String kustomizePath,
        @Description("Raw mode: where to look for deployment-configuration directories, relative to the "
                + "revision's root; the root when unset.") @MaxLength(4096) String basePath,
        @Description("The front of every secret name; each service's directory name when unset.")
        @MaxLength(200) @Pattern(Secrets.AFFIX_PATTERN) String prefix,
        @Description("The end of every secret name.") @MaxLength(200) @Pattern(Secrets.AFFIX_PATTERN) String suffix) {

    public static final String ENVIRONMENT_PATTERN = "^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$";
    public static final String AFFIX_PATTERN = "^[A-Za-z0-9_-]+$";
}
