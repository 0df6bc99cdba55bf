package io.smc.kube.informer;

import java.util.List;
import java.util.function.Consumer;

/** Tells every handler about a change; a handler that throws is logged and skipped, never fatal to the informer. */
final class HandlerDispatcher {
    private final List<ResourceEventHandler> handlers;
    private final Consumer<String> log;

    HandlerDispatcher(List<ResourceEventHandler> handlers, Consumer<String> log) {
        this.handlers = List.copyOf(handlers);
        this.log = log;
    }

    void deliver(String key, Delta delta) {
        for (ResourceEventHandler handler : handlers) {
            try {
                switch (delta.kind()) {
                    case ADD -> handler.onAdd(delta.current());
                    case UPDATE -> handler.onUpdate(delta.previous(), delta.current());
                    case DELETE -> handler.onDelete(delta.previous());
                }
            } catch (RuntimeException e) {
                // The class only: a handler's message may quote the object, which may be a Secret.
                log.accept("handler " + handler.getClass().getName() + " failed on " + delta.kind() + " of " + key
                        + ": " + e.getClass().getName());
            }
        }
    }
}
