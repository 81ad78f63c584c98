using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Kexie.E2E.KexieApp))]

namespace Kexie.E2E;

/// <summary>
/// The real Kexie Cloud host, started in-process on a free loopback port with its own temporary
/// SQLite database (migrated and seeded with the 大英县 demo), and one headless Debian Chromium
/// driven by Playwright. Shared by every journey; each journey opens its own browser context.
/// </summary>
public sealed class KexieApp : IAsyncLifetime
{
    public const string Password = "Kexie@2026";

    private readonly string tempDir = Path.Combine(Path.GetTempPath(), "kexie-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication? app;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's services, for arranging what a browser cannot (e.g. letting a deadline pass).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The app has not started");

    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("KEXIE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The end-to-end tests drive Debian's Chromium and never download a browser: " +
                "install it with `apt-get install -y chromium fonts-noto-cjk` (or set KEXIE_CHROMIUM to a Chromium binary).");
        }

        Directory.CreateDirectory(tempDir);
        Directory.CreateDirectory(ScreenshotDir);
        var webProject = FindUp(Path.Combine("src", "Kexie.Web"), "Kexie.Web.csproj")
            ?? throw new InvalidOperationException("Cannot find src/Kexie.Web above " + AppContext.BaseDirectory);
        var sharedData = Environment.GetEnvironmentVariable("KEXIE_DATA") is { Length: > 0 } configured
            ? configured
            : FindUp(Path.Combine("shared", "data"), "regions")
              ?? throw new InvalidOperationException("Cannot find ../shared/data (with regions/) above the test folder; set KEXIE_DATA.");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WebSetup).Assembly.GetName().Name,
            ContentRootPath = webProject,
            WebRootPath = Path.Combine(webProject, "wwwroot"),
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Kexie"] = $"Data Source={Path.Combine(tempDir, "kexie.db")}",
            ["SharedData:Path"] = sharedData,
            ["Demo:Seed"] = "true",
            ["Files:Root"] = Path.Combine(tempDir, "files"),
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",

            // The journeys look at a dashboard right after their writes: current figures, not up to 30 s old.
            ["Indicators:MaxStaleSeconds"] = "0",

            // Every journey signs in from 127.0.0.1: production's per-address limits would refuse a full run.
            ["Security:RateLimits:LoginPerIp:PermitLimit"] = "1000000",
            ["Security:RateLimits:LoginPerAccount:PermitLimit"] = "1000000",
            ["Security:RateLimits:AnonymousWritesPerIp:PermitLimit"] = "1000000",
            ["Security:RateLimits:CodesPerIp:PermitLimit"] = "1000000",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddKexie();
        app = builder.Build();
        app.UseKexie();
        await app.InitializeDatabaseAsync();
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        // The match index builds and the discipline classifier trains in the background after start (tens of seconds
        // on two cores without a cached model). Let that finish first, so the browser journeys do not run against a
        // CPU busy with training and time out on ordinary page loads.
        var matching = app.Services.GetRequiredService<Kexie.Web.Features.Matching.MatchIndexHost>();
        await matching.WhenReadyAsync();
        await matching.WhenClassifierReadyAsync(TimeSpan.FromMinutes(5));
        await matching.WhenDisciplinesReadAsync();
        // The demo's 一单一策 plans are given their candidates in the background once matching is ready (DemoPlanMatching).
        await app.Services.GetRequiredService<Kexie.Web.Features.Market.DemoPlanMatching>().Completion;

        // Assertions wait as long as actions do: CI runs the browser tests beside the API suites on two cores, where a page
        // that answers in 200 ms alone can take several seconds; Playwright's 5 s default then fails a correct journey.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(tempDir, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is only a leftover database; never fail the run over it.
        }
    }

    /// <summary>A fresh browser context (own cookies) with a laptop viewport unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } };
        options.BaseURL = BaseUrl;
        options.Locale = "zh-CN";
        options.TimezoneId = "Asia/Shanghai";
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form, as a person would.</summary>
    public static async Task LoginAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".nav-user form button")).ToHaveTextAsync("退出");
    }

    /// <summary>
    /// Sets the codes a picker field holds (wwwroot/js/picker.js hides the code input behind a search box by name), as a
    /// journey that is not about the picker fills a code directly.
    /// </summary>
    public static Task SetCodesAsync(IPage page, string selector, string codes) =>
        page.EvalOnSelectorAsync(selector, "(e, v) => { e.value = v; }", codes);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    private static string? FindUp(string relative, string mustContain)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate) && (File.Exists(Path.Combine(candidate, mustContain)) || Directory.Exists(Path.Combine(candidate, mustContain))))
            {
                return candidate;
            }
        }

        return null;
    }
}
