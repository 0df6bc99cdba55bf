package io.smc.api;

import io.smc.api.schema.CrossFieldRule;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.Pattern;
import io.smc.api.schema.Required;
import io.smc.api.schema.Rules;
import java.util.Map;

@Description("Google Cloud Secret Manager.")
@Rules(CrossFieldRule.REGIONAL_SECRETS_TAKE_NO_REPLICATION)
public record GcpProvider(
        @Description("The project that holds the secrets.") @Required @Pattern(GcpProvider.PROJECT_ID_PATTERN)
        String projectId,
        @Description("A location such as europe-west1: the secrets are regional secrets there (regional endpoint, "
                + "no replication block). Unset: global secrets.") @MaxLength(63)
        @Pattern(GcpProvider.LOCATION_PATTERN) String location,
        @Description("How the controller authenticates to Google Cloud.") GcpAuth auth,
        @Description("Replication of new global secrets; Google Cloud cannot change it afterwards.")
        Replication replication,
        @Description("An endpoint to use instead of the default, host:port (a regional endpoint or Private Service "
                + "Connect).") @MaxLength(253) @Pattern(GcpProvider.ENDPOINT_PATTERN) String endpoint,
        @Description("Labels given to every secret, besides the controller's ownership labels.")
        Map<String, String> labels,
        @Description("Annotations given to every secret.") Map<String, String> annotations) {

    public static final String PROJECT_ID_PATTERN = "^[a-z][a-z0-9-]{4,28}[a-z0-9]$";
    public static final String LOCATION_PATTERN = "^[a-z]+(-[a-z]+)*[0-9]*$";
    public static final String ENDPOINT_PATTERN = "^[A-Za-z0-9.-]+(:[0-9]{1,5})?$";
}
