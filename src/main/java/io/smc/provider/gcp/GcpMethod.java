package io.smc.provider.gcp;

/** The Secret Manager calls this provider makes: their RPC name, quota class and IAM permission. */
enum GcpMethod {
    LIST_SECRETS("ListSecrets", CallClass.READ, "secretmanager.secrets.list"),
    GET_SECRET("GetSecret", CallClass.READ, "secretmanager.secrets.get"),
    CREATE_SECRET("CreateSecret", CallClass.WRITE, "secretmanager.secrets.create"),
    UPDATE_SECRET("UpdateSecret", CallClass.WRITE, "secretmanager.secrets.update"),
    DELETE_SECRET("DeleteSecret", CallClass.WRITE, "secretmanager.secrets.delete"),
    ADD_VERSION("AddSecretVersion", CallClass.WRITE, "secretmanager.versions.add"),
    ACCESS_VERSION("AccessSecretVersion", CallClass.ACCESS, "secretmanager.versions.access"),
    GET_VERSION("GetSecretVersion", CallClass.READ, "secretmanager.versions.get"),
    LIST_VERSIONS("ListSecretVersions", CallClass.READ, "secretmanager.versions.list"),
    ENABLE_VERSION("EnableSecretVersion", CallClass.WRITE, "secretmanager.versions.enable"),
    DISABLE_VERSION("DisableSecretVersion", CallClass.WRITE, "secretmanager.versions.disable"),
    DESTROY_VERSION("DestroySecretVersion", CallClass.WRITE, "secretmanager.versions.destroy");

    private final String rpc;
    private final CallClass callClass;
    private final String permission;

    GcpMethod(String rpc, CallClass callClass, String permission) {
        this.rpc = rpc;
        this.callClass = callClass;
        this.permission = permission;
    }

    String rpc() {
        return rpc;
    }

    CallClass callClass() {
        return callClass;
    }

    String permission() {
        return permission;
    }
}
