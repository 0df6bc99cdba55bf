package io.smc.provider.gcp.fake;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The fake as a service of a development cluster, which the Tiltfile runs by default so that {@code tilt up} needs no
 * cloud account: gRPC and REST on every interface at fixed ports, for the projects named, until the process is
 * stopped (SIGTERM from the kubelet runs the shutdown hook that closes both front ends). State is in memory only: a
 * restarted fake starts empty, and the controller publishes everything again on its next reconcile.
 *
 * <pre>FakeSecretManagerService GRPC_PORT REST_PORT PROJECT...</pre>
 */
public final class FakeSecretManagerService {
    private FakeSecretManagerService() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: FakeSecretManagerService GRPC_PORT REST_PORT PROJECT...");
            System.exit(2);
        }
        String[] projects = Arrays.copyOfRange(args, 2, args.length);
        FakeSecretManager fake = FakeSecretManager.start(Clock.systemUTC(),
                new InetSocketAddress(Integer.parseInt(args[0])), new InetSocketAddress(Integer.parseInt(args[1])),
                projects);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-secret-manager-stop"));
        System.out.println("fake Secret Manager serving gRPC on :" + args[0] + " and REST on :" + args[1]
                + " for projects " + String.join(", ", projects));
        stopped.await();
    }
}
