package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.kube.ResourceType;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UriBuilderTest {
    @Test
    void keepsThePathPrefixOfTheServerAddress() {
        URI uri = UriBuilder.of(URI.create("https://rancher.example/k8s/clusters/c-m-1/"))
                .path(ResourceType.SECRETS.path("apps", "db", null))
                .build();

        assertEquals("https://rancher.example/k8s/clusters/c-m-1/api/v1/namespaces/apps/secrets/db", uri.toString());
    }

    @Test
    void encodesQueryValuesAndLeavesOutNullOnes() {
        URI uri = UriBuilder.of(URI.create("https://10.0.0.1:6443"))
                .path("/api/v1/secrets")
                .query("labelSelector", "app in (a b),!shard")
                .query("fieldSelector", null)
                .query("continue", "abc+/=")
                .build();

        assertEquals("https://10.0.0.1:6443/api/v1/secrets?labelSelector=app%20in%20%28a%20b%29%2C%21shard"
                + "&continue=abc%2B%2F%3D", uri.toString());
    }
}
