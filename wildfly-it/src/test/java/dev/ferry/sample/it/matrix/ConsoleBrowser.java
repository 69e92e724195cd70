package dev.ferry.sample.it.matrix;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) through Selenium, signed in to the
 * console as one user: every request of the page carries that user's BASIC credentials (set through the DevTools
 * protocol, as a browser does after its login prompt). Fails at once, naming the package, when either binary is
 * missing.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ferry.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("ferry.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path screenshots;

    /**
     * @param user the console user, or null for none
     * @param screenshots where {@link #screenshot} writes
     */
    ConsoleBrowser(String user, Path screenshots) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("The console's browser tests need " + CHROMIUM + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        this.screenshots = Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--user-data-dir=" + Files.createTempDirectory("ferry-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(screenshots.resolve("chromedriver-" + user + ".log").toFile()).build();
        this.driver = new ChromeDriver(service, options);
        if (user != null) {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Authorization", ConsoleHttp.basic(user))));
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until the page named by {@code main[data-page]} is rendered. */
    void awaitPage(String page) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.attributeToBe(By.id("main"), "data-page", page));
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitGone(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.numberOfElementsToBe(by, 0));
    }

    /** Waits, reloading the page every second, until the element shows. */
    WebElement awaitAfterReloads(By by, String page, Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofSeconds(1)).until(d -> {
            if (d.findElements(by).isEmpty()) {
                d.navigate().refresh();
                awaitPage(page);
            }
            return d.findElements(by).isEmpty() ? null : d.findElement(by);
        });
    }

    /** Confirms the open action dialog with a reason. */
    void confirm(String reason) {
        WebElement field = await(By.id("action-reason"));
        field.clear();
        field.sendKeys(reason);
        driver.findElement(By.id("confirm-action")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("action-dialog")));
    }

    Path screenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
