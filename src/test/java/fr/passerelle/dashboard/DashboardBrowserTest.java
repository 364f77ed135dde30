package fr.passerelle.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.support.Directory;
import fr.passerelle.support.Pathways;
import fr.passerelle.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: the system's headless Chromium, driven by Selenium, against the
 * test service. A collectivity pastes its token and reads its own figures, the same as the API
 * gives it; the reporting role reads the national figures and the ranked collectivities, where a
 * small count shows as masked. Screenshots are saved under target/. Chromium is required: the test
 * fails, rather than skip, when it is missing (CI installs it in .ci/run). Uses collectivity 63,
 * which no other test writes to.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String D = "63";
    private static final List<String> SIX = List.of("SOLICITED", "JOINT_INTERVIEWS", "ORIENTATION_DIAGNOSED", "REGISTERED",
            "JOINT_AUTONOMY_PROJECTS", "CEJ_BENEFICIARIES");

    @TestHTTPResource("/tableau-de-bord")
    URL page;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startChromium() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The dashboard test needs Chromium and its driver: apt-get install -y chromium chromium-driver (.ci/run does)");
        profile = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--user-data-dir=" + profile, "--window-size=1280,2200", "--lang=fr-FR");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theDashboardShowsTheApisFiguresForTheTokenPastedAndMasksSmallCountsForNationalReaders() throws IOException {
        int year = Pathways.today().getYear() - 1;
        UUID missionLocale = Directory.newMissionLocale(D);
        for (int i = 0; i < 3; i++) {
            UUID pathway = Pathways.register(D, LocalDate.of(year - 17, 3 + i, 10));
            Pathways.step(Tokens.departement(D), pathway, "solicitations", LocalDate.of(year, 2 + i, 1),
                    Map.of("missionLocaleId", missionLocale.toString())).statusCode(201);
            if (i < 2) {
                Pathways.step(Tokens.missionLocale(missionLocale), pathway, "registrations", LocalDate.of(year, 6, 1), Map.of())
                        .statusCode(201);
            }
        }

        given().get(page.toString()).then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                .body(containsString("Jeunes inscrits en Mission Locale"));
        given().get(page.toString() + "/tableau-de-bord.js").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get(page.toString() + "/tableau-de-bord.css").then().statusCode(200);
        given().get(new URL(page, "/webjars/chart.js/dist/chart.umd.min.js").toString()).then().statusCode(200);

        String departement = Tokens.departement(D);
        browser.get(page.toString());
        assertTrue(browser.findElement(By.id("resultats")).getAttribute("hidden") != null, "no figure before a token is pasted");
        submit(Tokens.expired("departement", D), year);
        assertTrue(browser.findElement(By.id("erreur")).getText().startsWith("Jeton refusé"), "a refused token is explained");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('passerelle.jeton')"),
                "and forgotten");
        assertTrue(browser.findElement(By.id("resultats")).getAttribute("hidden") != null);
        connect(departement, year);
        JsonPath series = given().auth().oauth2(departement).queryParam("from", year - 4).queryParam("to", year)
                .get("/api/v1/indicators/series").then().statusCode(200).extract().jsonPath();
        assertEquals("EXACT", series.getString("view"));
        assertEquals(3L, total(series, year, "SOLICITED"), "the figures below are this test's own");
        for (String measure : SIX) {
            for (int y = year - 4; y <= year; y++) {
                String shown = browser.findElement(By.cssSelector("#table-indicateurs tr[data-mesure='" + measure + "'] td[data-annee='"
                        + y + "']")).getText();
                assertEquals(format(total(series, y, measure)), shown, measure + " in " + y);
            }
        }
        JsonPath review = given().auth().oauth2(departement).get("/api/v1/progress-reviews/" + D + "/" + year).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("Puy-de-Dôme (63)", browser.findElement(By.id("perimetre")).getText());
        for (String measure : List.of("SOLICITED", "REGISTERED")) {
            Float percent = review.get("lines.find { it.measure == '" + measure + "' }.rate.percent");
            String shown = browser.findElement(By.cssSelector("#table-taux tr[data-mesure='" + measure + "'] td[data-role='perimetre']"))
                    .getText();
            assertEquals(String.format(Locale.FRANCE, "%.1f", percent) + " %", shown.replace('\u202f', ' ').replace('\u00a0', ' '),
                    measure);
        }
        assertTrue(browser.findElement(By.id("section-classement")).getAttribute("hidden") != null,
                "a collectivity does not rank the others");
        Object stored = ((JavascriptExecutor) browser).executeScript(
                "return [sessionStorage.getItem('passerelle.jeton'), localStorage.length, document.cookie]");
        assertEquals(List.of(departement, 0L, ""), stored, "the token stays in the tab's session storage only");
        screenshot("target/dashboard-departement.png");

        browser.findElement(By.id("deconnecter")).click();
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('passerelle.jeton')"));
        connect(Tokens.reporting(), year);
        assertEquals("National", browser.findElement(By.id("perimetre")).getText());
        JsonPath comparison = given().auth().oauth2(Tokens.reporting()).queryParam("year", year).get("/api/v1/indicators/departements")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(comparison.getBoolean("departements.find { it.code == '63' }.totals.find { it.measure == 'SOLICITED' }.masked"),
                "3 young people: a small count");
        WebElement masked = browser.findElement(By.cssSelector("#table-classement tr[data-code='63'] td[data-role='valeur']"));
        assertEquals("masqué", masked.getText());
        assertEquals("true", masked.getAttribute("data-masque"));
        assertEquals("masqué", browser.findElement(By.cssSelector("#table-classement tr[data-code='63'] td[data-role='taux']")).getText(),
                "no rate over a masked count");
        assertEquals("–", browser.findElement(By.cssSelector("#table-classement tr[data-code='63'] td")).getText(),
                "a masked value has no rank");
        JsonPath national = given().auth().oauth2(Tokens.reporting()).queryParam("from", year - 4).queryParam("to", year)
                .get("/api/v1/indicators/series").then().statusCode(200).extract().jsonPath();
        for (String measure : SIX) {
            boolean hidden = national.getBoolean("years.find { it.year == " + year + " }.measures.find { it.measure == '" + measure
                    + "' }.total.masked");
            String shown = browser.findElement(By.cssSelector("#table-indicateurs tr[data-mesure='" + measure + "'] td[data-annee='"
                    + year + "']")).getText();
            assertEquals(hidden ? "masqué" : format(total(national, year, measure)), shown, "national " + measure);
        }
        screenshot("target/dashboard-national.png");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> !entry.getMessage().contains("the server responded with a status of 401")).toList();
        assertTrue(errors.isEmpty(), "the page ran without errors nor blocked content: " + errors);
    }

    /** Pastes the token and submits from the keyboard, then waits for the figures of the year. */
    private void connect(String token, int year) {
        submit(token, year);
        assertEquals("", browser.findElement(By.id("erreur")).getText());
        assertFalse(browser.findElement(By.id("resultats")).getAttribute("hidden") != null);
    }

    /** Pastes the token and submits it from the keyboard; waits for the figures of the year or an error. */
    private void submit(String token, int year) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jeton")));
        field.click();
        field.sendKeys(token);
        field.sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(driver -> Integer.toString(year).equals(driver.findElement(By.tagName("body")).getAttribute("data-charge"))
                || !driver.findElement(By.id("erreur")).getText().isEmpty());
    }

    /** The whole page: the window grows to the page's height first. */
    private void screenshot(String target) throws IOException {
        Number height = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, height.intValue() + 40));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long total(JsonPath series, int year, String measure) {
        return series.getLong("years.find { it.year == " + year + " }.measures.find { it.measure == '" + measure + "' }.total.value");
    }

    private static String format(long value) {
        return NumberFormat.getIntegerInstance(Locale.FRANCE).format(value).replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
