package io.smc.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossFieldRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EXACTLY_ONE_PROVIDER                 | {'gcp':{}}                                  | true",
        "EXACTLY_ONE_PROVIDER                 | {'aws':{}}                                  | true",
        "EXACTLY_ONE_PROVIDER                 | {}                                          | false",
        "EXACTLY_ONE_PROVIDER                 | {'gcp':{},'azure':{}}                       | false",
        "EXACTLY_ONE_PROVIDER                 | {'gcp':{},'aws':null}                       | true",
        "PROVIDER_TYPE_NAMES_ITS_BLOCK        | {'gcp':{}}                                  | true",
        "PROVIDER_TYPE_NAMES_ITS_BLOCK        | {'type':'gcp','gcp':{}}                     | true",
        "PROVIDER_TYPE_NAMES_ITS_BLOCK        | {'type':'aws','gcp':{}}                     | false",
        "ONE_REPLICATION_POLICY               | {'automatic':{}}                            | true",
        "ONE_REPLICATION_POLICY               | {'userManaged':{'replicas':[]}}             | true",
        "ONE_REPLICATION_POLICY               | {}                                          | false",
        "ONE_REPLICATION_POLICY               | {'automatic':{},'userManaged':{}}           | false",
        "REGIONAL_SECRETS_TAKE_NO_REPLICATION | {'location':'europe-west1'}                 | true",
        "REGIONAL_SECRETS_TAKE_NO_REPLICATION | {'replication':{}}                           | true",
        "REGIONAL_SECRETS_TAKE_NO_REPLICATION | {'location':'x','replication':{}}           | false",
        "JSON_CREDENTIALS_NEED_SECRET_REF     | {}                                          | true",
        "JSON_CREDENTIALS_NEED_SECRET_REF     | {'authType':'WorkloadIdentity'}             | true",
        "JSON_CREDENTIALS_NEED_SECRET_REF     | {'authType':'JsonCredentials'}              | false",
        "JSON_CREDENTIALS_NEED_SECRET_REF     | {'authType':'JsonCredentials','secretRef':{}} | true",
        "KUSTOMIZE_PATH_OR_BASE_PATH          | {'basePath':'a'}                            | true",
        "KUSTOMIZE_PATH_OR_BASE_PATH          | {'kustomizePath':'a'}                       | true",
        "KUSTOMIZE_PATH_OR_BASE_PATH          | {'basePath':'a','kustomizePath':'b'}        | false"})
    void javaTwinDecidesLikeTheCelRule(CrossFieldRule rule, String self, boolean holds) throws Exception {
        assertEquals(holds, rule.holdsFor(JSON.readTree(self.replace('\'', '"'))), rule.cel());
    }
}
