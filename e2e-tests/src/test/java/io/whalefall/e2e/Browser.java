package io.whalefall.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}, driven through {@code /usr/bin/chromedriver})
 * with a fresh profile, pointed at one site. It finds elements by CSS selector, runs scripts in the page,
 * reports the console's errors and saves full-page screenshots to {@code e2e-tests/target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    /** The browser and its driver; {@code scripts/lib/infra.sh} (ensure_chromium) installs both. */
    static final Path CHROMIUM = Path.of(System.getProperty("whalefall.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("whalefall.chromedriver", "/usr/bin/chromedriver"));

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;
    /** Screenshots of long pages stop here. */
    private static final int MAX_SCREENSHOT_HEIGHT = 4000;

    private final String baseUrl;
    private final Path profile;
    private final Path screenshots;
    private final ChromeDriver driver;

    Browser(String baseUrl, Path screenshots) throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: install Chromium with "
                        + "`apt-get install chromium chromium-driver` (./scripts/test.sh does it)");
            }
        }
        this.baseUrl = baseUrl;
        this.screenshots = Files.createDirectories(screenshots);
        this.profile = Files.createTempDirectory("whalefall-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // an explicit driver and browser: Selenium Manager never tries to download either
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /** Opens {@code path} of the site. */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The current path with its query string. */
    String location() {
        return (String) script("return location.pathname + location.search");
    }

    /** Signs in through the login page, which must be shown. */
    void signIn(String user, String password) {
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        find("#sign-in").click();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the element, trimmed. */
    String text(String css) {
        return find(css).getText().strip();
    }

    /** Chooses the option with {@code visibleText} in a select (as a user would: the page sees a change). */
    void choose(String css, String visibleText) {
        new Select(find(css)).selectByVisibleText(visibleText);
    }

    /** Runs {@code javaScript} in the page; {@code arguments[i]} are {@code args}. */
    Object script(String javaScript, Object... args) {
        return driver.executeScript(javaScript, args);
    }

    /** Runs asynchronous {@code javaScript}, which calls {@code arguments[arguments.length - 1]} with its result. */
    Object asyncScript(String javaScript, Object... args) {
        return driver.executeAsyncScript(javaScript, args);
    }

    /** The console's errors since the last call (failed requests, script errors, blocked content). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves the whole page (up to a height limit) as {@code screenshots/<name>.png}. */
    Path screenshot(String name) {
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(Math.max(height, HEIGHT), MAX_SCREENSHOT_HEIGHT)));
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
