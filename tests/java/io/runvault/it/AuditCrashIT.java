package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiException;
import io.runvault.client.api.AuditApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.AuditEvent;
import io.runvault.client.model.AuditPage;
import io.runvault.client.model.AuditVerification;
import io.runvault.client.model.RunFile;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.RunPage;
import io.runvault.client.model.RunSummary;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while many clients commit runs: after the restart every stored run has its run.commit
 * event (the event commits with the run, or neither does), client retries change nothing of that,
 * and verify finds the chain intact with no change missing its event.
 */
class AuditCrashIT {

    private static final int CLIENTS = 30;
    /** Acknowledged commits before the kill: enough that the server is busy with all clients. */
    private static final int KILL_AFTER = 150;
    private static final String EXPERIMENT = "audit-crash";

    @Test
    void aKillDuringConcurrentCommitsLeavesNoRunWithoutItsEvent() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("audit-crash", Map.of())) {
            Runs setup = new Runs(Clients.admin(server));
            byte[] log = "epoch 1 done\n".getBytes();
            String digest = setup.upload(log);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<RunManifest> unanswered = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger count = new AtomicInteger();
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    // One generated client per thread: it keeps the last response's status.
                    Runs runs = new Runs(Clients.admin(server));
                    for (int i = 0; ; i++) {
                        RunManifest manifest = manifest(digest, log.length, client, i);
                        try {
                            acknowledged.add(runs.commit(manifest).getId());
                            count.incrementAndGet();
                        } catch (ApiException failure) {
                            if (failure.getCode() != 0) {
                                // An answer with an error status: the commit failed while the server ran.
                                refused.add(failure.getCode() + " " + failure.getResponseBody());
                            }
                            // Otherwise the server went away during this commit: it may or may not be stored.
                            unanswered.add(manifest);
                            return null;
                        }
                    }
                }));
            }
            while (count.get() < KILL_AFTER && clients.stream().anyMatch(client -> !client.isDone())) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int beforeKill = count.get();
            server.kill();
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "every client saw the server go");
            for (Future<?> client : clients) {
                client.get();
            }
            assertEquals(List.of(), refused, "no commit failed before the kill");
            System.out.printf("AuditCrashIT: %d clients, %d commits acknowledged in %.1f s (%.1f commits/s), "
                            + "%d unanswered at the kill%n", CLIENTS, beforeKill, seconds, beforeKill / seconds,
                    unanswered.size());

            server.start();
            Runs runs = new Runs(Clients.admin(server));
            // Clients retry what was not answered: the same manifest gives the same run.
            for (RunManifest manifest : unanswered) {
                acknowledged.add(runs.commit(manifest).getId());
            }

            Set<String> stored = storedRuns(new RunsApi(Clients.admin(server)));
            assertTrue(stored.containsAll(acknowledged), "every acknowledged run is stored");
            Map<String, Integer> events = runCommitEvents(new AuditApi(Clients.admin(server)));
            Set<String> withoutEvent = new TreeSet<>(stored);
            withoutEvent.removeAll(events.keySet());
            assertEquals(Set.of(), withoutEvent, withoutEvent.size() + " of " + stored.size()
                    + " stored runs have no run.commit event");
            events.forEach((run, n) -> assertEquals(1, n, "one run.commit event for " + run));
            assertEquals(stored, events.keySet(), "no event for a run that is not stored");

            AuditVerification verification = new AuditApi(Clients.admin(server)).verifyAudit();
            assertTrue(verification.getIntact(), verification.toString());
            assertEquals(List.of(), verification.getUnaudited(), verification.toString());
        }
    }

    /** A small run of its own (client, i) whose one file is the shared, already uploaded blob. */
    private static RunManifest manifest(String digest, long size, int client, int i) {
        Map<String, Object> params = new HashMap<>();
        params.put("client", client);
        params.put("i", i);
        return new RunManifest()
                .experiment(EXPERIMENT)
                .createdAt(OffsetDateTime.of(2026, 11, 24, 10, 15, 0, 0, ZoneOffset.UTC))
                .params(params)
                .addFilesItem(new RunFile().path("logs/run.log").digest(digest).size(size));
    }

    private static Set<String> storedRuns(RunsApi api) throws ApiException {
        Set<String> ids = new TreeSet<>();
        String cursor = null;
        do {
            RunPage page = api.searchRuns(cursor, EXPERIMENT, 1000, null, null, null, null, null);
            page.getItems().stream().map(RunSummary::getId).forEach(ids::add);
            cursor = page.getNextCursor();
        } while (cursor != null);
        return ids;
    }

    private static Map<String, Integer> runCommitEvents(AuditApi api) throws ApiException {
        Map<String, Integer> events = new HashMap<>();
        String cursor = null;
        do {
            AuditPage page = api.queryAudit("run.commit", null, cursor, null, 1000, "asc", null, null);
            for (AuditEvent event : page.getItems()) {
                events.merge(event.getTarget(), 1, Integer::sum);
            }
            cursor = page.getNextCursor();
        } while (cursor != null);
        return events;
    }
}
