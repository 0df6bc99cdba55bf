package io.smc.provider;

import io.smc.secrets.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the calls made to the store it wraps, by method, to test what a plan costs. */
public final class CountingStore implements SecretStore {
    private final SecretStore store;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<SecretSelection> selections = new CopyOnWriteArrayList<>();

    public CountingStore(SecretStore store) {
        this.store = store;
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    /** The calls so far by method, such as {@code {list=1, accessLatest=3}}; methods not called are left out. */
    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((method, count) -> snapshot.put(method, count.get()));
        return snapshot;
    }

    /** The selections listed so far, in order. */
    public List<SecretSelection> selections() {
        return List.copyOf(selections);
    }

    public int total() {
        return calls().values().stream().mapToInt(Integer::intValue).sum();
    }

    public void reset() {
        calls.clear();
        selections.clear();
    }

    @Override
    public String id() {
        return store.id();
    }

    @Override
    public Map<String, StoredSecret> list() throws StoreException {
        count("list");
        return store.list();
    }

    @Override
    public Map<String, StoredSecret> list(SecretSelection selection) throws StoreException {
        count("list");
        selections.add(selection);
        return store.list(selection);
    }

    @Override
    public Optional<StoredSecret> get(String name) throws StoreException {
        count("get");
        return store.get(name);
    }

    @Override
    public List<StoredVersion> versions(String name) throws StoreException {
        count("versions");
        return store.versions(name);
    }

    @Override
    public Optional<SecretValue> access(String name, long version) throws StoreException {
        count("access");
        return store.access(name, version);
    }

    @Override
    public LatestVersion accessLatest(String name) throws StoreException {
        count("accessLatest");
        return store.accessLatest(name);
    }

    @Override
    public void create(String name, NewSecret secret) throws StoreException {
        count("create");
        store.create(name, secret);
    }

    @Override
    public long addVersion(String name, SecretValue value) throws StoreException {
        count("addVersion");
        return store.addVersion(name, value);
    }

    @Override
    public void disableVersion(String name, long version) throws StoreException {
        count("disableVersion");
        store.disableVersion(name, version);
    }

    @Override
    public void enableVersion(String name, long version) throws StoreException {
        count("enableVersion");
        store.enableVersion(name, version);
    }

    @Override
    public void destroyVersion(String name, long version) throws StoreException {
        count("destroyVersion");
        store.destroyVersion(name, version);
    }

    @Override
    public void updateMetadata(String name, Map<String, String> labels, Map<String, String> annotations,
            String etag) throws StoreException {
        count("updateMetadata");
        store.updateMetadata(name, labels, annotations, etag);
    }

    @Override
    public void delete(String name, String etag) throws StoreException {
        count("delete");
        store.delete(name, etag);
    }
}
