package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTTP bindings of Secret Manager v1 (service.proto's {@code google.api.http} options), each under both
 * {@code projects/*} and {@code projects/*}{@code /locations/*}.
 */
final class RestRoutes {
    private static final String PARENT = "projects/[^/:]+(?:/locations/[^/:]+)?";
    private static final String SECRET = PARENT + "/secrets/[^/:]+";
    private static final String VERSION = SECRET + "/versions/[^/:]+";
    private static final Set<String> PAGING = Set.of("pageSize", "pageToken", "filter");

    static final List<RestRoute<?, ?>> ALL = List.of(
            route("GET", "/v1/(" + PARENT + ")/secrets", Rpc.LIST_SECRETS, PAGING,
                    call -> ListSecretsRequest.newBuilder()
                            .setParent(call.name())
                            .setPageSize(call.intQuery("pageSize", "page_size"))
                            .setPageToken(call.query("pageToken"))
                            .setFilter(call.query("filter"))
                            .build()),
            route("POST", "/v1/(" + PARENT + ")/secrets", Rpc.CREATE_SECRET, Set.of("secretId"),
                    call -> CreateSecretRequest.newBuilder()
                            .setParent(call.name())
                            .setSecretId(call.query("secretId"))
                            .setSecret(call.body(Secret.newBuilder()))
                            .build()),
            route("GET", "/v1/(" + SECRET + ")", Rpc.GET_SECRET, Set.of(),
                    call -> GetSecretRequest.newBuilder().setName(call.name()).build()),
            route("PATCH", "/v1/(" + SECRET + ")", Rpc.UPDATE_SECRET, Set.of("updateMask"),
                    call -> UpdateSecretRequest.newBuilder()
                            .setSecret(call.body(Secret.newBuilder()).setName(call.name()))
                            .setUpdateMask(call.fieldMask("updateMask"))
                            .build()),
            route("DELETE", "/v1/(" + SECRET + ")", Rpc.DELETE_SECRET, Set.of("etag"),
                    call -> DeleteSecretRequest.newBuilder()
                            .setName(call.name())
                            .setEtag(call.query("etag"))
                            .build()),
            route("POST", "/v1/(" + SECRET + "):addVersion", Rpc.ADD_SECRET_VERSION, Set.of(),
                    call -> call.body(AddSecretVersionRequest.newBuilder()).setParent(call.name()).build()),
            route("GET", "/v1/(" + SECRET + ")/versions", Rpc.LIST_SECRET_VERSIONS, PAGING,
                    call -> ListSecretVersionsRequest.newBuilder()
                            .setParent(call.name())
                            .setPageSize(call.intQuery("pageSize", "page_size"))
                            .setPageToken(call.query("pageToken"))
                            .setFilter(call.query("filter"))
                            .build()),
            route("GET", "/v1/(" + VERSION + ")", Rpc.GET_SECRET_VERSION, Set.of(),
                    call -> GetSecretVersionRequest.newBuilder().setName(call.name()).build()),
            route("GET", "/v1/(" + VERSION + "):access", Rpc.ACCESS_SECRET_VERSION, Set.of(),
                    call -> AccessSecretVersionRequest.newBuilder().setName(call.name()).build()),
            route("POST", "/v1/(" + VERSION + "):disable", Rpc.DISABLE_SECRET_VERSION, Set.of(),
                    call -> call.body(DisableSecretVersionRequest.newBuilder()).setName(call.name()).build()),
            route("POST", "/v1/(" + VERSION + "):enable", Rpc.ENABLE_SECRET_VERSION, Set.of(),
                    call -> call.body(EnableSecretVersionRequest.newBuilder()).setName(call.name()).build()),
            route("POST", "/v1/(" + VERSION + "):destroy", Rpc.DESTROY_SECRET_VERSION, Set.of(),
                    call -> call.body(DestroySecretVersionRequest.newBuilder()).setName(call.name()).build()));

    private RestRoutes() {
    }

    private static <Q extends Message, R extends Message> RestRoute<Q, R> route(String method, String path,
            Rpc<Q, R> rpc, Set<String> parameters, Function<RestRequest, Q> reader) {
        return new RestRoute<>(method, Pattern.compile(path), rpc, parameters, reader);
    }
}
