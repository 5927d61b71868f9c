package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.model.RunManifest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's Storage page in a real browser, on a server of its own (a collection with no grace
 * period would take the uncommitted blobs of other suites sharing a server): only administrators
 * see it and may collect; the dry run lists an orphan blob, and collecting it removes the blob and
 * records blob.gc in the audit log.
 */
class ConsoleStorageIT {

    /** A collection considers only blobs stored at least this long before it starts (BlobCollector.SETTLE). */
    private static final long SETTLE_MILLIS = 11_000;
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RunvaultServer server;
    private static WebDriver driver;
    private static Path profile;
    private static int navigation;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(SHOTS);
        server = RunvaultServer.fresh("console-storage", RunvaultServer.env());
        profile = Files.createTempDirectory("runvault-chromium-");
        driver = ConsoleIT.browser(profile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        ConsoleIT.deleteTree(profile);
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        driver.get(server.baseUrl() + "/console/");
        driver.manage().deleteAllCookies();
    }

    @Test
    void aNonAdministratorNeitherSeesTheStoragePageNorMayCollect() throws Exception {
        Users.Login approver = Users.create(server, "contributor", "approver");
        login(approver);
        assertFalse(find("#nav-storage").isDisplayed(), "the Storage link is for administrators");
        open("#/storage", "#page-storage");
        assertTrue(find("#storage-refused").getText().contains("needs the admin role"));
        assertTrue(driver.findElements(By.cssSelector("#gc-form, #gc-collect")).isEmpty());
        // The appliance refuses the call itself, whatever the page shows.
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/console/session').then(r => r.json()).then(s => fetch('/api/v1/admin/gc', {method: 'POST',"
                        + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken, 'X-Runvault-Console': '1'},"
                        + " body: JSON.stringify({dryRun: true})})).then(r => done(r.status), e => done(String(e)));");
        assertEquals(403L, status);
    }

    @Test
    void anAdministratorSeesTheDryRunOfAnOrphanBlobAndCollectsIt() throws Exception {
        Runs pipeline = new Runs(Clients.admin(server));
        byte[] content = Blobs.random(3_000, 4242);
        String orphan = pipeline.upload(content);
        RunManifest run = pipeline.manifest("console-storage", Runs.suite(4243));
        pipeline.commit(run);
        String kept = run.getFiles().get(0).getDigest();
        Thread.sleep(SETTLE_MILLIS);
        assertEquals(200, get(orphan));

        login(new Users.Login("admin", RunvaultServer.ADMIN_PASSWORD));
        assertTrue(find("#nav-storage").isDisplayed());
        // The default grace period keeps the young orphan: nothing to collect, no button.
        open("#/storage", "#page-storage");
        assertEquals("24", find("#gc-form input[name=graceHours]").getDomProperty("value"));
        assertTrue(find("#gc-dry-run").getText().contains("Nothing would be removed"), find("#gc-dry-run").getText());
        assertTrue(driver.findElements(By.cssSelector("#gc-collect")).isEmpty());

        // With no grace period the dry run lists the orphan with its size and age, and removes nothing.
        WebElement grace = find("#gc-form input[name=graceHours]");
        grace.clear();
        grace.sendKeys("0");
        find("#gc-form button[type=submit]").click();
        WebElement row = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//table[@id='gc-candidates']//tr[td[1][normalize-space()='" + orphan + "']]")));
        assertTrue(driver.getCurrentUrl().endsWith("#/storage?grace=0"), driver.getCurrentUrl());
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals("2.9 KiB", cells.get(1).getText());
        assertTrue(cells.get(2).getText().matches("\\d+ s|\\d+ min"), cells.get(2).getText());
        assertFalse(find("#gc-candidates").getText().contains(kept), "a committed run's blob is not a candidate");
        assertEquals("1", find("#gc-dry-run .gc-summary").getAttribute("data-removed"));
        screenshot("16-storage-dry-run");
        assertEquals(200, get(orphan), "a dry run removes nothing");

        // Collect asks first; cancelling removes nothing.
        find("#gc-collect").click();
        assertTrue(find("#gc-confirm").isDisplayed());
        assertTrue(find("#gc-confirm").getText().contains("found 1"), find("#gc-confirm").getText());
        find("#gc-confirm-no").click();
        assertFalse(find("#gc-confirm").isDisplayed());
        assertEquals(200, get(orphan));

        find("#gc-collect").click();
        find("#gc-confirm-yes").click();
        WebElement result = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#gc-result p.ok")));
        assertEquals("1", result.getAttribute("data-removed"), result.getText());
        assertTrue(find("#gc-removed").getText().contains(orphan), find("#gc-result").getText());
        screenshot("17-storage-collected");
        assertEquals(404, get(orphan), "the collected blob is gone");
        assertEquals(200, get(kept), "the run's blob stays");

        find("#gc-audit").click();
        find("#page-audit");
        WebElement event = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-table tbody tr")));
        assertEquals("blob.gc", event.findElement(By.cssSelector("td:nth-child(4)")).getText());
        assertEquals(1, driver.findElements(By.cssSelector("#audit-table tbody tr")).size());

        // Nothing is left to collect.
        open("#/storage?grace=0", "#page-storage");
        assertTrue(find("#gc-dry-run").getText().contains("Nothing would be removed"), find("#gc-dry-run").getText());
    }

    // ---------------------------------------------------------------------------------------------

    private int get(String digest) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/blobs/" + digest))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void login(Users.Login who) {
        driver.get(server.baseUrl() + "/console/?n=" + (++navigation) + "#/runs");
        find("#login-username").sendKeys(who.username());
        find("#login-password").sendKeys(who.password());
        find("#login-submit").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#who-name"), who.username()));
        find("#page-runs");
    }

    /** Loads the console afresh at a route and waits for that page to be rendered without an error. */
    private void open(String route, String pageSelector) {
        driver.get(server.baseUrl() + "/console/?n=" + (++navigation) + route);
        find(pageSelector);
        List<WebElement> error = driver.findElements(By.cssSelector("#error:not([hidden])"));
        assertTrue(error.isEmpty(), () -> "the page shows an error: " + error.get(0).getText());
    }

    private static WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + "-" + SuiteDatabase.kind() + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
