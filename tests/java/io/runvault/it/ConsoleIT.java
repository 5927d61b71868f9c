package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiClient;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PoliciesApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.api.UsersApi;
import io.runvault.client.model.Gate;
import io.runvault.client.model.Lineage;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.NewModelVersion;
import io.runvault.client.model.PromotionAsk;
import io.runvault.client.model.PromotionPolicy;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.TrainJobSpec;
import io.runvault.client.model.TuneJobSpec;
import io.runvault.client.model.TuneObjective;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real browser (Debian's headless chromium): login, the run pages, the models
 * board and the promotion queue with four eyes, the audit viewer, user and token administration,
 * output escaping, CSRF and session expiry. Every page is saved as a screenshot under
 * target/console-screenshots/.
 */
class ConsoleIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final String XSS = "<script>window.__xss=1</script>";
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WebDriver driver;
    private static Path profile;
    private static int navigation;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        profile = Files.createTempDirectory("runvault-chromium-");
        driver = browser(profile);
    }

    /** Debian's chromium and chromedriver, named explicitly so that Selenium Manager never downloads anything. */
    static WebDriver browser(Path userDataDirectory) {
        File chromedriver = new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        File chromium = new File("/usr/bin/chromium");
        assertTrue(chromedriver.canExecute() && chromium.canExecute(),
                "ConsoleIT needs Debian's chromium and chromium-driver (tests/packages.txt)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100", "--user-data-dir=" + userDataDirectory);
        // The browser's console log, to catch Content-Security-Policy violations on every page.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        deleteTree(profile);
    }

    @BeforeEach
    void loggedOut() {
        driver.get(SERVER.baseUrl() + "/console/");
        driver.manage().deleteAllCookies();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void aContributorAsksAnotherApproverDecidesAndTheBoardShowsTheNewProductionVersion() throws Exception {
        ApiClient admin = Clients.admin(SERVER);
        // The contributor may approve in general; only the four-eyes rule keeps them from their own request.
        Users.Login contributor = Users.create(SERVER, "contributor", "approver");
        Users.Login approver = Users.create(SERVER, "approver");
        String model = "console-" + UUID.randomUUID().toString().substring(0, 8);
        new ModelsApi(Clients.as(SERVER, contributor.authorization()))
                .createModel(new NewModel().name(model).description("Fashion-MNIST classifier, console test"));
        new PoliciesApi(admin).setPolicy(model, new PromotionPolicy()
                .validated(List.of(new Gate().kind("metric").expression("val_auc >= 0.90")))
                .production(List.of(new Gate().kind("no-regression").metric("val_auc").tolerance(0.01))));
        String first = commitRun(contributor, model, 0.93, Map.of("dataset", "fashion-mnist"));
        String second = commitRun(contributor, model, 0.95, Map.of("dataset", "fashion-mnist"));
        ModelsApi models = new ModelsApi(Clients.as(SERVER, contributor.authorization()));
        int v1 = models.createModelVersion(model, new NewModelVersion().runId(first).path("exports/model.onnx")).getVersion();
        int v2 = models.createModelVersion(model, new NewModelVersion().runId(second).path("exports/model.onnx")).getVersion();
        PromotionsApi asked = new PromotionsApi(Clients.as(SERVER, contributor.authorization()));
        asked.requestPromotion(new PromotionAsk().model(model).version(v1).targetStage("validated").reason("meets the bar"));
        String toProduction = asked.requestPromotion(new PromotionAsk().model(model).version(v1)
                .targetStage("production").reason("first release")).getId();
        new PromotionsApi(admin).approvePromotion(toProduction);
        asked.requestPromotion(new PromotionAsk().model(model).version(v2).targetStage("validated").reason("better auc"));
        assertEquals("production", models.getModelVersion(model, v1).getStage());
        assertEquals("validated", models.getModelVersion(model, v2).getStage());

        // The contributor asks for production from the board ...
        login(contributor);
        open("#/models", "#page-models");
        String board = "section.board[data-model='" + model + "'] ";
        WebElement card = find(board + ".lane[data-stage='validated'] article.version[data-version='" + v2 + "']");
        card.findElement(By.cssSelector(".promote-box summary")).click();
        card.findElement(By.cssSelector("form.promote textarea")).sendKeys("v2 beats v1 on val_auc");
        card.findElement(By.cssSelector("form.promote button[type=submit]")).click();
        find(board + "article.version[data-version='" + v2 + "'] form.promote[data-result='pending']");
        screenshot("04-models-board");

        // ... and sees why they cannot approve it themselves: a reason, no button.
        open("#/promotions", "#page-promotions");
        String request = "article.request[data-model='" + model + "'][data-version='" + v2 + "'] ";
        WebElement reason = find(request + ".cannot-approve");
        assertTrue(reason.getText().contains("You requested this promotion"), reason.getText());
        assertTrue(driver.findElements(By.cssSelector(request + "button.approve")).isEmpty());
        screenshot("05-promotion-queue-requester");
        logout();

        // The approver sees the evidence and approves.
        login(approver);
        open("#/promotions", "#page-promotions");
        WebElement evidence = find(request + "table.evidence");
        assertTrue(evidence.getText().contains("no-regression"), evidence.getText());
        assertTrue(evidence.getText().contains("pass"), evidence.getText());
        assertTrue(find(request + ".reason").getText().contains("v2 beats v1 on val_auc"));
        screenshot("06-promotion-queue-approver");
        find(request + "button.approve").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.and(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#page-promotions")),
                ExpectedConditions.numberOfElementsToBe(By.cssSelector(request + "button.approve"), 0)));

        open("#/models", "#page-models");
        find(board + ".lane[data-stage='production'] article.version[data-version='" + v2 + "']");
        find(board + ".lane[data-stage='archived'] article.version[data-version='" + v1 + "']");
        assertTrue(driver.findElements(By.cssSelector(board + ".lane[data-stage='production'] article.version")).size() == 1);
        screenshot("07-models-board-after-approval");
        assertEquals("production", models.getModelVersion(model, v2).getStage());
        assertEquals("archived", models.getModelVersion(model, v1).getStage());

        // The run page shows the version's stage history.
        open("#/runs/" + second, "#page-run");
        assertTrue(find("#page-run").getText().contains(model + " v" + v2), "stage history names the version");

        // Rejecting needs a reason: the refusal's detail is shown; with one, the request is rejected.
        String third = commitRun(contributor, model, 0.96, Map.of("dataset", "fashion-mnist"));
        int v3 = models.createModelVersion(model, new NewModelVersion().runId(third).path("exports/model.onnx")).getVersion();
        asked.requestPromotion(new PromotionAsk().model(model).version(v3).targetStage("validated").reason("even better"));
        asked.requestPromotion(new PromotionAsk().model(model).version(v3).targetStage("production").reason("ship v3"));
        open("#/promotions", "#page-promotions");
        String pending = "article.request[data-model='" + model + "'][data-version='" + v3 + "'] ";
        find(pending + "form.reject-form button").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(pending + ".outcome"), "A reason is required"));
        find(pending + "form.reject-form input[name=reason]").sendKeys("needs robustness results");
        find(pending + "form.reject-form button").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.and(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#page-promotions")),
                ExpectedConditions.numberOfElementsToBe(By.cssSelector(pending + "form.reject-form"), 0)));
        assertEquals("rejected", new PromotionsApi(admin).listPromotions(model, "rejected").get(0).getStatus());
        assertEquals("validated", models.getModelVersion(model, v3).getStage());
    }

    @Test
    void aRunPageShowsItsContentAndRendersMarkupInDataAsText() throws Exception {
        Users.Login pipeline = Users.create(SERVER, "contributor");
        Users.Login viewer = Users.create(SERVER, "viewer");
        String experiment = "console-xss-" + UUID.randomUUID().toString().substring(0, 8);
        String run = commitRun(pipeline, experiment, 0.91, Map.of("dataset", "fashion-mnist", "note", XSS));

        login(viewer);
        screenshotAfter("#/runs", "#page-runs", "02-runs-list");
        // A refused search shows the problem's detail and keeps the filters to correct.
        driver.get(SERVER.baseUrl() + "/console/?n=" + (++navigation) + "#/runs?sort=size");
        WebElement banner = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertTrue(banner.getText().contains("sort is 'time' or 'metric:<name>'"), banner.getText());
        find("#run-filters");
        open("#/runs?experiment=" + experiment, "#page-runs");
        WebElement row = find("#runs-table tr[data-run-id='" + run + "']");
        assertTrue(row.getText().contains(XSS), row.getText());

        open("#/runs/" + run, "#page-run");
        WebElement tags = find("table.tags");
        assertTrue(tags.getText().contains(XSS), "the tag shows as text: " + tags.getText());
        assertTrue(driver.findElements(By.cssSelector("#view script")).isEmpty(), "no script element was made from data");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined"));
        assertTrue(find("table.params").getText().contains("minicnn"));
        assertTrue(find("table.metrics").getText().contains("val_auc"));
        assertEquals(2, driver.findElements(By.cssSelector("#run-charts svg.chart")).size(), "one chart per series");
        assertFalse(driver.findElements(By.cssSelector("#run-charts svg[data-series='val_loss'] polyline")).isEmpty());
        assertTrue(find("#run-files").getText().contains("figures/training_curves.png"));
        assertTrue(find("#page-run").getText().contains("git:3f2a9c1"), "lineage is shown");
        // The PNG preview is served by the appliance and decodes.
        WebElement preview = find(".previews img");
        new WebDriverWait(driver, WAIT).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", preview)).intValue() > 0);
        screenshot("03-run-page");
    }

    @Test
    void anHtmlRunFileRunsItsScriptInASandboxThatReachesNeitherTheSessionNorTheApi() throws Exception {
        Users.Login pipeline = Users.create(SERVER, "contributor");
        Users.Login viewer = Users.create(SERVER, "viewer");
        String hostile = "<!DOCTYPE html><html><body><p id=\"cookie\">?</p><p id=\"api\">?</p><script>"
                + "var c = document.getElementById('cookie'), a = document.getElementById('api');"
                + "try { c.textContent = 'read:' + document.cookie; } catch (e) { c.textContent = 'blocked'; }"
                + "try { fetch('/api/v1/runs', {credentials: 'include'}).then(function (r) { a.textContent = 'reached:' + r.status; },"
                + " function () { a.textContent = 'blocked'; }); } catch (e) { a.textContent = 'blocked'; }"
                + "</script></body></html>";
        Runs runs = new Runs(Clients.as(SERVER, pipeline.authorization()));
        String run = runs.commit(runs.manifest("console-html-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("reports/hostile.html", hostile.getBytes(StandardCharsets.UTF_8),
                        "figures/plot.png", Blobs.random(64, 3)))).getId();
        String base = SERVER.baseUrl() + "/api/v1/runs/" + java.net.URLEncoder.encode(run, StandardCharsets.UTF_8) + "/files/";

        login(viewer);
        driver.get(base + "reports/hostile.html");
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("api")).getText().equals("?"));
        assertEquals("blocked", driver.findElement(By.id("cookie")).getText(), "the page's origin is its own");
        assertEquals("blocked", driver.findElement(By.id("api")).getText(), "the page cannot call the appliance");
        driver.manage().logs().get(LogType.BROWSER); // the refused fetch is logged; the console pages' checks start afresh

        // Other files keep the policy that runs nothing at all.
        HttpResponse<Void> png = http.send(HttpRequest.newBuilder(URI.create(base + "figures/plot.png"))
                .header("Authorization", viewer.authorization()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals("sandbox; default-src 'none'", png.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void theJobsPagesFollowATrainingJobToItsRun() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        String experiment = "console-job-" + UUID.randomUUID().toString().substring(0, 8);
        String id = new JobsApi(Clients.as(SERVER, scientist.authorization())).submitJob(new TrainJobSpec()
                .dataset("fashion-mnist").experiment(experiment).architecture("minicnn").epochs(3).batchSize(32)
                .trainSamples(1500).testSamples(200).seed(3L)).getId();

        login(scientist);
        open("#/jobs/" + id, "#page-job");
        assertTrue(find("#job-facts").getText().contains(experiment));
        // The page follows the job by itself: the log grows and the progress moves, then the run appears.
        new WebDriverWait(driver, Duration.ofMinutes(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("job-log"), "epoch 1/3"));
        assertFalse(driver.findElements(By.cssSelector("#job-progress progress")).isEmpty());
        screenshot("11-job-running");
        WebElement runLink = new WebDriverWait(driver, Duration.ofMinutes(10)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#job-run a")));
        assertTrue(find("#job-state").getText().contains("completed"));
        assertTrue(find("#job-log").getText().contains("committed run " + runLink.getText()));
        assertEquals("100", find("#job-progress progress").getAttribute("value"));
        screenshot("12-job-completed");

        open("#/jobs", "#page-jobs");
        WebElement row = find("#jobs-table tr[data-job='" + id + "']");
        assertEquals("completed", row.getAttribute("data-state"));
        assertTrue(row.getText().contains(experiment), row.getText());
        runLink = row.findElement(By.cssSelector("a[href^='#/runs/']"));
        runLink.click();
        find("#page-run");
        assertTrue(find("#run-files").getText().contains("reports/training_summary.xlsx"));
        screenshot("13-jobs-list-to-run");
    }

    @Test
    void aStudyPageShowsTheHistoryTheTrialsAndTheFinalModel() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        String experiment = "console-study-" + UUID.randomUUID().toString().substring(0, 8);
        String id = new JobsApi(Clients.as(SERVER, scientist.authorization())).submitJob(new TuneJobSpec().kind("tune")
                .dataset("fashion-mnist").experiment(experiment).architecture("mlp").trainSamples(300).testSamples(100)
                .epochs(1).seed(5L).trials(3).concurrency(1)
                .objective(new TuneObjective().metric("val_auc").direction("maximize"))
                .searchSpace(Map.of("learningRate", Map.of("type", "float", "low", 1e-4, "high", 1e-1, "log", true))))
                .getId();

        login(scientist);
        open("#/studies/" + id, "#page-study");
        assertTrue(find("#study-facts").getText().contains("maximize val_auc"), find("#study-facts").getText());
        // The page follows the study: trials appear in the table and the chart, then the final model.
        new WebDriverWait(driver, Duration.ofMinutes(10)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#study-final a")));
        assertEquals(3, driver.findElements(By.cssSelector("#study-trials tbody tr")).size());
        assertFalse(driver.findElements(By.cssSelector("#study-history circle")).isEmpty(), "trials are plotted");
        assertTrue(find("#study-best").getText().startsWith("#"), find("#study-best").getText());
        screenshot("14-study-page");

        // The study run's interactive figures: each page draws every completed trial, answers a hover,
        // logs no error and requests nothing (it is served sandboxed, with its data inside).
        List<String> figures = driver.findElements(By.cssSelector("#study-figures a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertEquals(4, figures.size(), find("#study-figures").getText());
        for (String figure : figures) {
            driver.manage().logs().get(LogType.BROWSER); // reads and empties the log
            driver.get(figure);
            find("#chart");
            List<WebElement> marks = driver.findElements(By.cssSelector("#chart .trial, #chart .bar"));
            assertEquals(figure.contains("importances") ? 1 : 3, marks.size(), figure);
            WebElement point = driver.findElements(By.cssSelector("#chart circle.pt, #chart .bar")).get(0);
            new org.openqa.selenium.interactions.Actions(driver).moveToElement(point).perform();
            assertTrue(find("#tip").isDisplayed() && !find("#tip").getText().isBlank(), "hover shows details: " + figure);
            assertEquals(0L, ((JavascriptExecutor) driver).executeScript(
                    "return performance.getEntriesByType('resource').length"), "requests made by " + figure);
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                    .map(LogEntry::getMessage).toList();
            assertEquals(List.of(), errors, figure);
            if (figure.contains("parallel_coordinate")) {
                screenshot("14b-study-parallel-coordinates");
            }
        }

        open("#/studies", "#page-studies");
        WebElement row = find("#studies-table tr[data-job='" + id + "']");
        assertEquals("completed", row.getAttribute("data-state"));
        open("#/studies/" + id, "#page-study");
        String finalRunId = find("#study-final a").getText();
        find("#study-final a").click();
        find("#page-run");
        assertTrue(driver.getCurrentUrl().endsWith("#/runs/" + java.net.URLEncoder.encode(finalRunId,
                java.nio.charset.StandardCharsets.UTF_8)), driver.getCurrentUrl());
        assertTrue(find("table.tags").getText().contains("tune"), "the final model run is the study's");
        screenshot("15-study-final-model");
    }

    @Test
    void theSessionCookieIsStrictAndUnsafeCallsNeedTheCsrfToken() throws Exception {
        Users.Login person = Users.create(SERVER, "contributor");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + person.username() + "\",\"password\":\""
                        + person.password() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        List<String> cookies = login.headers().allValues("Set-Cookie");
        String session = cookies.get(cookies.size() - 1);
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.contains("SameSite=Strict"), session);
        assertFalse(login.body().contains(person.password()));
        String cookie = session.substring(0, session.indexOf(';'));
        String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/users/me"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains(person.username()));

        HttpResponse<String> noToken = postToken(cookie, null);
        assertEquals(403, noToken.statusCode(), noToken.body());
        assertTrue(noToken.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(noToken.body().contains("/problems/csrf"), noToken.body());
        assertEquals(403, postToken(cookie, "not-the-token").statusCode());
        assertEquals(201, postToken(cookie, csrf).statusCode());

        // The same refusal from inside the browser page, with the browser's own cookie.
        login(person);
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/tokens', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({name: 'no-csrf'})}).then(r => done(r.status), e => done(String(e)));");
        assertEquals(403L, status);
        Cookie browserCookie = driver.manage().getCookieNamed("RUNVAULT_SESSION");
        assertNotNull(browserCookie);
        assertTrue(browserCookie.isHttpOnly());
        assertEquals("Strict", browserCookie.getSameSite());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return !document.cookie.includes('RUNVAULT_SESSION')"));

        // Console pages carry a strict Content-Security-Policy.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'self'") && policy.contains("script-src 'self'"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertFalse(page.body().contains("<script>"), "no inline script");

        // A disabled user's session stops working at once; a logout ends it.
        new UsersApi(Clients.admin(SERVER)).disableUser(person.username());
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/users/me"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        new UsersApi(Clients.admin(SERVER)).enableUser(person.username());
    }

    @Test
    void administratorsSeeTheAuditLogAndManageUsersAndTokens() throws Exception {
        login(new Users.Login("admin", RunvaultServer.ADMIN_PASSWORD));
        open("#/audit", "#page-audit");
        find("#audit-table tbody tr");
        find("#verify").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#verify-result"), "Intact"));
        screenshot("08-audit");
        open("#/audit?action=user.create", "#page-audit");
        for (WebElement action : driver.findElements(By.cssSelector("#audit-table tbody tr td:nth-child(4)"))) {
            assertEquals("user.create", action.getText());
        }

        open("#/admin", "#page-admin");
        String name = "console-user-" + UUID.randomUUID().toString().substring(0, 6);
        find("#new-user input[name=username]").sendKeys(name);
        find("#new-user input[name=password]").sendKeys("a-long-enough-password");
        find("#new-user input[name=new-contributor]").click();
        find("#new-user button[type=submit]").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#users-table"), name));
        assertEquals(List.of("contributor", "viewer"),
                new UsersApi(Clients.admin(SERVER)).getUser(name).getRoles().stream().sorted().toList());

        // A refusal shows the problem's detail.
        WebElement username = find("#new-user input[name=username]");
        username.clear();
        username.sendKeys("bad name!");
        find("#new-user input[name=password]").sendKeys("a-long-enough-password");
        find("#new-user button[type=submit]").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#users-message"), "A user name is 1-64 letters"));

        find("#new-token input[name=name]").sendKeys("console-nightly");
        find("#new-token button[type=submit]").click();
        WebElement secret = find("#tokens-message input.secret");
        assertTrue(secret.getDomProperty("value").startsWith("rv_"));
        screenshot("09-users-and-tokens");
    }

    @Test
    void anIdleSessionEndsAndTheConsoleAsksForALoginAgain() throws Exception {
        try (RunvaultServer shortLived = RunvaultServer.fresh("console-timeout",
                RunvaultServer.env("RUNVAULT_CONSOLE_SESSION_TIMEOUT_SECONDS", "5"))) {
            driver.get(shortLived.baseUrl() + "/console/");
            find("#login-form");
            screenshot("01-login");
            find("#login-username").sendKeys("admin");
            find("#login-password").sendKeys(RunvaultServer.ADMIN_PASSWORD);
            find("#login-submit").click();
            find("#page-runs");
            // Idle longer than the timeout: the next call finds the session gone and the console says so.
            new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofSeconds(7)).until(d -> {
                if (!d.findElements(By.cssSelector("#login-form")).isEmpty()) {
                    return true;
                }
                ((JavascriptExecutor) d).executeScript("location.hash = location.hash === '#/audit' ? '#/runs' : '#/audit'");
                return false;
            });
            WebElement message = find("#login-message");
            assertTrue(message.getText().contains("session has ended"), message.getText());
            screenshot("10-session-ended");
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(shortLived.baseUrl() + "/console/session"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, session.statusCode());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private HttpResponse<String> postToken(String cookie, String csrf) throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/tokens"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf-check\"}"));
        if (csrf != null) {
            post.header("X-CSRF-Token", csrf);
        }
        return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A run as a training pipeline pushes it: params, metrics, per-epoch series, tags, lineage, a PNG. */
    private static String commitRun(Users.Login who, String experiment, double auc, Map<String, String> tags) throws Exception {
        Runs pipeline = new Runs(Clients.as(SERVER, who.authorization()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("exports/model.onnx", Blobs.random(2_000, (long) (auc * 1e6)));
        files.put("figures/training_curves.png", png(auc));
        files.put("logs/run.log", ("val_auc " + auc + "\n").getBytes());
        RunManifest manifest = pipeline.manifest(experiment, files)
                .putParamsItem("architecture", "minicnn").putParamsItem("lr", 0.001).putParamsItem("epochs", 5)
                .putParamsItem("nonce", UUID.randomUUID().toString())
                .putMetricsItem("val_auc", auc).putMetricsItem("val_accuracy", auc - 0.05)
                .putSeriesItem("val_loss", List.of(0.9, 0.62, 0.48, 0.41, 0.37))
                .putSeriesItem("val_accuracy", List.of(0.61, 0.74, 0.8, 0.84, auc - 0.05))
                .lineage(new Lineage().datasetName("fashion-mnist").codeVersion("git:3f2a9c1"));
        tags.forEach(manifest::putTagsItem);
        return pipeline.commit(manifest).getId();
    }

    private static byte[] png(double seed) throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 96, 64);
        g.setColor(new Color(36, 86, 166));
        int previous = 60;
        for (int x = 0; x < 96; x += 8) {
            int y = (int) (60 - 50 * (1 - Math.exp(-x / (20.0 * seed))));
            g.drawLine(Math.max(0, x - 8), previous, x, y);
            previous = y;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void login(Users.Login who) {
        driver.get(SERVER.baseUrl() + "/console/?n=" + (++navigation) + "#/runs");
        find("#login-username").sendKeys(who.username());
        find("#login-password").sendKeys(who.password());
        find("#login-submit").click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#who-name"), who.username()));
        find("#page-runs");
    }

    private void logout() {
        find("#logout").click();
        find("#login-form");
        assertTrue(find("#login-message").getText().contains("logged out"));
    }

    /** Loads the console afresh at a route and waits for that page to be rendered. */
    private void open(String route, String pageSelector) {
        driver.get(SERVER.baseUrl() + "/console/?n=" + (++navigation) + route);
        find(pageSelector);
        List<WebElement> error = driver.findElements(By.cssSelector("#error:not([hidden])"));
        assertTrue(error.isEmpty(), () -> "the page shows an error: " + error.get(0).getText());
        assertNoPolicyViolations();
    }

    /** The pages load nothing the Content-Security-Policy refuses (no inline script or style, nothing external). */
    private static void assertNoPolicyViolations() {
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
        assertTrue(violations.isEmpty(), () -> "CSP violations: " + violations);
    }

    private void screenshotAfter(String route, String pageSelector, String name) throws IOException {
        open(route, pageSelector);
        screenshot(name);
    }

    private static WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + "-" + SuiteDatabase.kind() + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
