package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.runvault.client.api.UsersApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser that once opened an API URL with Basic credentials keeps sending them; a page of another
 * site must still not be able to change anything through a form (CSRF). Headless Chromium holds the
 * credentials, and a page served from another origin auto-submits forms at the API.
 */
class CrossSiteIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final Map<String, String> PAGES = new ConcurrentHashMap<>();
    private static HttpServer attacker;
    private static WebDriver driver;
    private static Path profile;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        // Another site: 127.0.0.1 is not the same site as localhost, where the appliance is browsed.
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            String page = PAGES.getOrDefault(exchange.getRequestURI().getPath(), "<p>nothing</p>");
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        profile = Files.createTempDirectory("runvault-chromium-xsite-");
        driver = ConsoleIT.browser(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        ConsoleIT.deleteTree(profile);
    }

    private static String attackerUrl(String path) {
        return "http://127.0.0.1:" + attacker.getAddress().getPort() + path;
    }

    /** The administrator opened an API URL in this browser once; it now holds the Basic credentials. */
    private static void browserHoldsAdminCredentials() {
        URI base = URI.create(SERVER.baseUrl());
        driver.get("http://admin:" + RunvaultServer.ADMIN_PASSWORD + "@" + base.getHost() + ":" + base.getPort() + "/api/v1/models");
        assertTrue(driver.getPageSource().contains("items") || driver.getPageSource().contains("["),
                "the browser is logged in: " + driver.getPageSource());
    }

    /** Serves a page that submits its form on load, opens it, and waits until the browser left it. */
    private static void submitFromAnotherSite(String name, String form) {
        PAGES.put("/" + name, "<html><body>" + form + "<script>document.forms[0].submit()</script></body></html>");
        driver.get(attackerUrl("/" + name));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().startsWith(SERVER.baseUrl()));
    }

    @Test
    void aFormOnAnotherSiteCannotDisableAUser() throws Exception {
        Users.Login victim = Users.create(SERVER, "contributor");
        browserHoldsAdminCredentials();
        submitFromAnotherSite("disable.html", "<form method='post' action='" + SERVER.baseUrl() + "/api/v1/users/"
                + victim.username() + "/disable'></form>");
        assertTrue(new UsersApi(Clients.admin(SERVER)).getUser(victim.username()).getEnabled(),
                "the form of another site disabled the user: " + driver.getPageSource());
    }

    @Test
    void aTextPlainFormOnAnotherSiteCannotRegisterADataset() throws Exception {
        browserHoldsAdminCredentials();
        // text/plain sends name=value: a CSV whose last cell (a group name) absorbs the '='.
        StringBuilder csv = new StringBuilder("age,marker,diagnosis,patient\n");
        for (int p = 0; p < 30; p++) {
            csv.append(30 + p).append(',').append(p % 2).append(',').append(p % 2 == 0 ? "healthy" : "sick")
                    .append(",p").append(p).append('\n');
        }
        String text = csv.toString().strip();
        String name = text.substring(0, text.length() - 1);
        String value = text.substring(text.length() - 1);
        submitFromAnotherSite("dataset.html", "<form method='post' enctype='text/plain' action='" + SERVER.baseUrl()
                + "/api/v1/datasets?name=xsite&amp;format=csv&amp;labelColumn=diagnosis&amp;groupColumn=patient'>"
                + "<textarea name='" + escape(name) + "'>" + escape(value) + "</textarea></form>");
        HttpResponse<String> dataset = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/datasets/xsite"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, dataset.statusCode(), "the form of another site registered a dataset: " + dataset.body());
    }

    @Test
    void requestsNamingAnotherOriginAreRefusedWithAProblem() throws Exception {
        Users.Login victim = Users.create(SERVER, "viewer");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                        URI.create(SERVER.baseUrl() + "/api/v1/users/" + victim.username() + "/disable"))
                .header("Authorization", RunvaultServer.adminAuthorization())
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(refused.body().contains("/problems/cross-site"), refused.body());
        assertTrue(new UsersApi(Clients.admin(SERVER)).getUser(victim.username()).getEnabled());
    }

    @Test
    void clientsThatAreNotBrowsersKeepWorking() throws Exception {
        Users.Login user = Users.create(SERVER, "viewer");
        // curl -X POST: no body, no content type, no Origin.
        HttpResponse<String> disabled = http.send(HttpRequest.newBuilder(
                        URI.create(SERVER.baseUrl() + "/api/v1/users/" + user.username() + "/disable"))
                .header("Authorization", RunvaultServer.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, disabled.statusCode(), disabled.body());
        new UsersApi(Clients.admin(SERVER)).enableUser(user.username());
        assertTrue(new UsersApi(Clients.admin(SERVER)).getUser(user.username()).getEnabled());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#39;").replace("\n", "&#10;");
    }
}
