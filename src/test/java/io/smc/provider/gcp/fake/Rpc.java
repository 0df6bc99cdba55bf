package io.smc.provider.gcp.fake;

import static io.smc.provider.gcp.fake.CallClass.ACCESS;
import static io.smc.provider.gcp.fake.CallClass.READ;
import static io.smc.provider.gcp.fake.CallClass.WRITE;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One RPC of the v1 service as both transports serve it: its name, the IAM permission it needs, the quota it is
 * charged to, its message types, the resource it acts on (as IAM errors quote it), and the model call that serves
 * it. The IAM methods (Get/Set/TestIamPermissions) are not served: gRPC answers UNIMPLEMENTED, REST 404.
 *
 * @param <Q> the request message
 * @param <R> the response message
 */
record Rpc<Q extends Message, R extends Message>(
        String name,
        String permission,
        CallClass callClass,
        Q requestPrototype,
        R responsePrototype,
        Function<Q, String> resource,
        BiFunction<SecretManagerModel, Q, R> serve) {

    static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";

    static final Rpc<ListSecretsRequest, ListSecretsResponse> LIST_SECRETS = new Rpc<>("ListSecrets",
            "secretmanager.secrets.list", READ, ListSecretsRequest.getDefaultInstance(),
            ListSecretsResponse.getDefaultInstance(), ListSecretsRequest::getParent, SecretManagerModel::listSecrets);
    static final Rpc<CreateSecretRequest, Secret> CREATE_SECRET = new Rpc<>("CreateSecret",
            "secretmanager.secrets.create", WRITE, CreateSecretRequest.getDefaultInstance(),
            Secret.getDefaultInstance(), CreateSecretRequest::getParent, SecretManagerModel::createSecret);
    static final Rpc<AddSecretVersionRequest, SecretVersion> ADD_SECRET_VERSION = new Rpc<>("AddSecretVersion",
            "secretmanager.versions.add", WRITE, AddSecretVersionRequest.getDefaultInstance(),
            SecretVersion.getDefaultInstance(), AddSecretVersionRequest::getParent,
            SecretManagerModel::addSecretVersion);
    static final Rpc<GetSecretRequest, Secret> GET_SECRET = new Rpc<>("GetSecret",
            "secretmanager.secrets.get", READ, GetSecretRequest.getDefaultInstance(), Secret.getDefaultInstance(),
            GetSecretRequest::getName, SecretManagerModel::getSecret);
    static final Rpc<UpdateSecretRequest, Secret> UPDATE_SECRET = new Rpc<>("UpdateSecret",
            "secretmanager.secrets.update", WRITE, UpdateSecretRequest.getDefaultInstance(),
            Secret.getDefaultInstance(), request -> request.getSecret().getName(), SecretManagerModel::updateSecret);
    static final Rpc<DeleteSecretRequest, Empty> DELETE_SECRET = new Rpc<>("DeleteSecret",
            "secretmanager.secrets.delete", WRITE, DeleteSecretRequest.getDefaultInstance(),
            Empty.getDefaultInstance(), DeleteSecretRequest::getName, SecretManagerModel::deleteSecret);
    static final Rpc<ListSecretVersionsRequest, ListSecretVersionsResponse> LIST_SECRET_VERSIONS = new Rpc<>(
            "ListSecretVersions", "secretmanager.versions.list", READ,
            ListSecretVersionsRequest.getDefaultInstance(), ListSecretVersionsResponse.getDefaultInstance(),
            ListSecretVersionsRequest::getParent, SecretManagerModel::listSecretVersions);
    static final Rpc<GetSecretVersionRequest, SecretVersion> GET_SECRET_VERSION = new Rpc<>("GetSecretVersion",
            "secretmanager.versions.get", READ, GetSecretVersionRequest.getDefaultInstance(),
            SecretVersion.getDefaultInstance(), GetSecretVersionRequest::getName,
            SecretManagerModel::getSecretVersion);
    static final Rpc<AccessSecretVersionRequest, AccessSecretVersionResponse> ACCESS_SECRET_VERSION = new Rpc<>(
            "AccessSecretVersion", "secretmanager.versions.access", ACCESS,
            AccessSecretVersionRequest.getDefaultInstance(), AccessSecretVersionResponse.getDefaultInstance(),
            AccessSecretVersionRequest::getName, SecretManagerModel::accessSecretVersion);
    static final Rpc<DisableSecretVersionRequest, SecretVersion> DISABLE_SECRET_VERSION = new Rpc<>(
            "DisableSecretVersion", "secretmanager.versions.disable", WRITE,
            DisableSecretVersionRequest.getDefaultInstance(), SecretVersion.getDefaultInstance(),
            DisableSecretVersionRequest::getName, SecretManagerModel::disableSecretVersion);
    static final Rpc<EnableSecretVersionRequest, SecretVersion> ENABLE_SECRET_VERSION = new Rpc<>(
            "EnableSecretVersion", "secretmanager.versions.enable", WRITE,
            EnableSecretVersionRequest.getDefaultInstance(), SecretVersion.getDefaultInstance(),
            EnableSecretVersionRequest::getName, SecretManagerModel::enableSecretVersion);
    static final Rpc<DestroySecretVersionRequest, SecretVersion> DESTROY_SECRET_VERSION = new Rpc<>(
            "DestroySecretVersion", "secretmanager.versions.destroy", WRITE,
            DestroySecretVersionRequest.getDefaultInstance(), SecretVersion.getDefaultInstance(),
            DestroySecretVersionRequest::getName, SecretManagerModel::destroySecretVersion);

    static final List<Rpc<?, ?>> ALL = List.of(LIST_SECRETS, CREATE_SECRET, ADD_SECRET_VERSION, GET_SECRET,
            UPDATE_SECRET, DELETE_SECRET, LIST_SECRET_VERSIONS, GET_SECRET_VERSION, ACCESS_SECRET_VERSION,
            DISABLE_SECRET_VERSION, ENABLE_SECRET_VERSION, DESTROY_SECRET_VERSION);

    String fullMethodName() {
        return SERVICE + "/" + name;
    }

    /** Refuses names that are not RPCs of the service, so a typo in a test's fault does not wait forever. */
    static String checkName(String method) {
        if (ALL.stream().noneMatch(rpc -> rpc.name().equals(method))) {
            throw new IllegalArgumentException("not an RPC of " + SERVICE + ": " + method + " (one of "
                    + ALL.stream().map(Rpc::name).toList() + ")");
        }
        return method;
    }
}
