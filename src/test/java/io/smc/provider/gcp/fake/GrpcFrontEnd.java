package io.smc.provider.gcp.fake;

import com.google.protobuf.Message;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC transport: the v1 service definition built by hand from the proto messages (the generated stub artifact
 * is not needed), served in plaintext on the address given (a loopback port in tests).
 */
final class GrpcFrontEnd implements AutoCloseable {
    private final Server server;
    private final ExecutorService threads;

    private GrpcFrontEnd(Dispatcher dispatcher, CallLog log, InetSocketAddress address) {
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-secret-manager-grpc");
            thread.setDaemon(true);
            return thread;
        });
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(Rpc.SERVICE);
        for (Rpc<?, ?> rpc : Rpc.ALL) {
            add(service, rpc, dispatcher);
        }
        server = NettyServerBuilder
                .forAddress(address, InsecureServerCredentials.create())
                .executor(threads)
                .addService(ServerInterceptors.intercept(service.build(), recorder(log)))
                .build();
    }

    static GrpcFrontEnd start(Dispatcher dispatcher, CallLog log, InetSocketAddress address) {
        GrpcFrontEnd frontEnd = new GrpcFrontEnd(dispatcher, log, address);
        try {
            frontEnd.server.start();
            return frontEnd;
        } catch (IOException e) {
            frontEnd.close();
            throw new UncheckedIOException("cannot start the fake Secret Manager gRPC server", e);
        }
    }

    /** {@code localhost:port}, as a gRPC channel target. */
    String target() {
        return "localhost:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    private static <Q extends Message, R extends Message> void add(ServerServiceDefinition.Builder service,
            Rpc<Q, R> rpc, Dispatcher dispatcher) {
        MethodDescriptor<Q, R> method = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(rpc.fullMethodName())
                .setRequestMarshaller(ProtoUtils.marshaller(rpc.requestPrototype()))
                .setResponseMarshaller(ProtoUtils.marshaller(rpc.responsePrototype()))
                .build();
        service.addMethod(method, ServerCalls.asyncUnaryCall((request, responses) -> {
            R response;
            try {
                response = dispatcher.call(rpc, () -> request);
            } catch (RpcError error) {
                responses.onError(error.toStatusRuntimeException());
                return;
            }
            responses.onNext(response);
            responses.onCompleted();
        }));
    }

    /** Records each call's metadata before it is served, so tests can see what the client sent. */
    private static ServerInterceptor recorder(CallLog log) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String fullName = call.getMethodDescriptor().getFullMethodName();
                SeenRequest seen = new SeenRequest(Protocol.GRPC,
                        fullName.substring(fullName.lastIndexOf('/') + 1), "POST", "/" + fullName, asMap(headers));
                log.seen(seen);
                return next.startCall(call, headers);
            }
        };
    }

    private static Map<String, List<String>> asMap(Metadata headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String key : headers.keys()) {
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                continue;
            }
            Iterable<String> values = headers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
            List<String> copy = new ArrayList<>();
            if (values != null) {
                values.forEach(copy::add);
            }
            map.put(key, copy);
        }
        return map;
    }
}
