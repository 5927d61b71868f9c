package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.api.AuditApi;
import io.runvault.client.api.TokensApi;
import io.runvault.client.model.AuditEvent;
import io.runvault.client.model.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Wrong passwords, from an attacker who hammers the administrator's account, cost the appliance a
 * bounded amount of work: a user who already logged in keeps being served, repeated failures for a
 * user or from an address are answered 429 with Retry-After without a password being checked, and an
 * unknown user name is treated like a known one. Its own server: the backoff here is set low enough
 * to trip within a test, while the other suites' servers are set not to trip on theirs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginThrottleIT {

    private static final int ATTACKERS = 16;
    private static RunvaultServer server;
    private static Users.Login legit;
    private static Users.Login victim;
    private static String adminBearer;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        server = RunvaultServer.fresh("throttle", Map.of(
                "RUNVAULT_LOGIN_USER_FAILURES", "5",
                "RUNVAULT_LOGIN_ADDRESS_FAILURES", "40",
                "RUNVAULT_LOGIN_BACKOFF_SECONDS", "10",
                "RUNVAULT_LOGIN_MAX_BACKOFF_SECONDS", "120",
                "RUNVAULT_LOGIN_CONCURRENT_HASHES", "2"));
        legit = Users.create(server, "viewer");
        victim = Users.create(server, "viewer");
        // The administrator's account is attacked below; its token keeps working for the checks.
        adminBearer = "Bearer " + new TokensApi(Clients.admin(server)).createToken(new TokenRequest().name("checks")).getToken();
        // Both users have logged in once before the attack (as a pipeline would have).
        assertEquals(200, get(legit.authorization()).statusCode());
        assertEquals(200, get(victim.authorization()).statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/users/me"))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    }

    @Test
    @Order(1)
    void thirtyWrongPasswordsThenTheRightOneIsThrottledNotAccepted() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(get(RunvaultServer.basic(victim.username(), "guess-" + i)).statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), "below the threshold: plain refusals");
        assertTrue(statuses.subList(5, 30).stream().allMatch(s -> s == 429), statuses.toString());
        // Even the right password (which the appliance still remembers from the login above) waits.
        assertThrottled(get(victim.authorization()));
    }

    @Test
    @Order(2)
    void anUnknownUserNameIsRefusedAndThrottledExactlyLikeAKnownOne() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(get(RunvaultServer.basic(nobody, "guess-" + i)).statusCode());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429), statuses);
        assertThrottled(get(RunvaultServer.basic(nobody, "guess-again")));
    }

    @Test
    @Order(3)
    void aLoggedInUserIsServedWhileAnAttackerHammersTheAdministrator() throws Exception {
        List<Long> idle = measure(40);
        AtomicBoolean attacking = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> attackerStatuses = new ConcurrentHashMap<>();
        ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
        for (int t = 0; t < ATTACKERS; t++) {
            int thread = t;
            attackers.submit(() -> {
                HttpClient own = HttpClient.newHttpClient();
                int i = 0;
                while (attacking.get()) {
                    try {
                        int status = own.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/users/me"))
                                        .header("Authorization", RunvaultServer.basic("admin", "attack-" + thread + "-" + i++))
                                        .timeout(Duration.ofSeconds(120)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        attackerStatuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        attackerStatuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
        }
        List<Long> underAttack;
        try {
            Thread.sleep(2000); // the attack is in full swing before the user is measured
            underAttack = measure(40);
        } finally {
            attacking.set(false);
            attackers.shutdown();
            assertTrue(attackers.awaitTermination(5, TimeUnit.MINUTES));
        }
        System.out.printf("LoginThrottleIT legit p50 idle %d ms, under attack %d ms (%d attacker threads, attacker statuses %s)%n",
                p50(idle), p50(underAttack), ATTACKERS, attackerStatuses);
        assertFalse(attackerStatuses.containsKey(200), "no wrong password was ever accepted");
        assertTrue(attackerStatuses.getOrDefault(429, new AtomicInteger()).get() > 0, "the attacker was throttled");
        assertFalse(attackerStatuses.containsKey(-1), "every attempt was answered");
    }

    /** Latencies of a logged-in user's requests, each of which must succeed. */
    private static List<Long> measure(int requests) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(legit.authorization());
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, response.statusCode(), "request " + i + ": " + response.body());
        }
        return millis;
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    @Order(4)
    void failuresAndThrottlingAreAuditedWithoutFloodingTheLog() throws Exception {
        AuditApi audit = new AuditApi(Clients.as(server, adminBearer));
        List<AuditEvent> throttled = audit.queryAudit("login.throttled", null, null, null, 1000, "asc", null, null).getItems();
        List<AuditEvent> failed = audit.queryAudit("login.failed", null, null, null, 1000, "asc", null, null).getItems();
        assertTrue(failed.stream().anyMatch(e -> e.getTarget().equals(victim.username().toLowerCase())), failed.toString());
        assertTrue(throttled.stream().anyMatch(e -> e.getTarget().equals("admin")), throttled.toString());
        AuditEvent first = throttled.get(0);
        assertNotNull(first.getDetails());
        assertTrue(String.valueOf(first.getDetails()).contains("address"), String.valueOf(first.getDetails()));
        // Hundreds of attempts above; one event per user, address and minute at most.
        assertTrue(throttled.size() + failed.size() < 60, (throttled.size() + failed.size()) + " login events");
        assertTrue(audit.verifyAudit().getIntact());
    }
}
