using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Kexie.Data;
using Kexie.Web.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kexie.Web.Tests.Accounts;

/// <summary>
/// The real SMS adapter (<c>Sms:Provider=Http</c>) against a gateway played by a Kestrel endpoint started here, and the
/// code limits per client address and per phone with production-like low settings.
/// </summary>
public sealed class TextMessageGatewayTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public async Task A_code_is_posted_to_the_configured_gateway_and_the_outbox_keeps_it_without_the_digits()
    {
        var phone = KexieApp.NewPhone();
        var client = app.From(LoginTestSupport.NewIp());
        await (await client.PostJsonAsync("/api/v1/auth/codes", new { phone, purpose = "SignUp", regionCode = "510923" })).OkJsonAsync();

        var request = Assert.Single(app.Received, r => r.Body["phone"]!.GetValue<string>() == phone);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("【测试科协】", request.Body["signName"]!.GetValue<string>());
        Assert.Equal("SMS_0001", request.Body["templateCode"]!.GetValue<string>());
        var code = request.Body["params"]!["code"]!.GetValue<string>();
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Contains(code, request.Body["text"]!.GetValue<string>());

        var kept = await app.QueryAsync(db => db.TextMessageOutbox.AsNoTracking().SingleAsync(m => m.Phone == phone));
        Assert.True(kept.Delivered);
        Assert.Equal("短信网关", kept.Channel);
        Assert.DoesNotContain(code, kept.Text);
        Assert.Contains("******", kept.Text);

        // The code from the gateway registers the account.
        await (await client.PostJsonAsync("/api/v1/auth/register", new { phone, code, password = SignUpSupport.Password, name = "网关测试", kind = "Worker", regionCode = "510923" })).OkJsonAsync();
    }

    [Fact]
    public async Task A_gateway_refusal_is_a_503_in_Chinese_and_recorded()
    {
        var phone = KexieApp.NewPhone();
        app.FailFor.TryAdd(phone, true);
        var response = await app.From(LoginTestSupport.NewIp()).PostJsonAsync("/api/v1/auth/codes", new { phone, purpose = "SignUp" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("短信发送失败，请稍后再试", (await response.ReadNodeAsync())["detail"]!.GetValue<string>());
        var kept = await app.QueryAsync(db => db.TextMessageOutbox.AsNoTracking().SingleAsync(m => m.Phone == phone));
        Assert.False(kept.Delivered);
        Assert.Contains("500", kept.Error);

        // The undelivered code is withdrawn: the person may ask again at once.
        Assert.False(await app.QueryAsync(db => db.OneTimeCodes.AnyAsync(c => c.Phone == phone)));
    }

    [Fact]
    public async Task Codes_are_limited_per_client_address_with_429()
    {
        var client = app.From(LoginTestSupport.NewIp());
        for (var i = 0; i < GatewayApp.CodesPerIp; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/codes", new { phone = KexieApp.NewPhone(), purpose = "SignUp" })).OkJsonAsync();
        }

        var refused = await client.PostJsonAsync("/api/v1/auth/codes", new { phone = KexieApp.NewPhone(), purpose = "SignUp" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        // The registration page shares the address's limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/Account/Register?handler=SendCode", new FormUrlEncodedContent([]))).StatusCode);
        await (await app.From(LoginTestSupport.NewIp()).PostJsonAsync("/api/v1/auth/codes", new { phone = KexieApp.NewPhone(), purpose = "SignUp" })).OkJsonAsync();
    }

    [Fact]
    public async Task Codes_are_limited_per_phone_whatever_the_address()
    {
        var phone = KexieApp.NewPhone();
        for (var i = 0; i < GatewayApp.CodesPerPhone; i++)
        {
            await (await app.From(LoginTestSupport.NewIp()).PostJsonAsync("/api/v1/auth/codes", new { phone, purpose = "SignUp" })).OkJsonAsync();
        }

        var refused = await app.From(LoginTestSupport.NewIp()).PostJsonAsync("/api/v1/auth/codes", new { phone, purpose = "SignUp" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("次数过多", (await refused.ReadNodeAsync())["detail"]!.GetValue<string>());
    }
}

/// <summary>A host with the HTTP SMS adapter pointed at a local gateway, low code limits and no resend interval.</summary>
public sealed class GatewayApp : KexieApp
{
    public const int CodesPerIp = 3;
    public const int CodesPerPhone = 2;

    private readonly string file = Path.Combine(Path.GetTempPath(), $"kexie-test-sms-{Guid.NewGuid():N}.db");
    private WebApplication? gateway;
    private string gatewayUrl = string.Empty;

    public ConcurrentBag<(string? Authorization, JsonNode Body)> Received { get; } = [];

    /// <summary>Phones the gateway refuses (HTTP 500).</summary>
    public ConcurrentDictionary<string, bool> FailFor { get; } = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={file}";

    public override async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        gateway = builder.Build();
        gateway.MapPost("/sms", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body) ?? new JsonObject();
            Received.Add((http.Request.Headers.Authorization.ToString(), body));
            return FailFor.ContainsKey(body["phone"]?.GetValue<string>() ?? string.Empty) ? Results.StatusCode(500) : Results.Ok(new { code = "OK" });
        });
        await gateway.StartAsync();
        gatewayUrl = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/sms";
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Matching:TrainClassifier", "false");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Error");
        builder.UseSetting("Sms:Provider", "Http");
        builder.UseSetting("Sms:ResendSeconds", "0");
        builder.UseSetting("Sms:Http:Url", gatewayUrl);
        builder.UseSetting("Sms:Http:SignName", "【测试科协】");
        builder.UseSetting("Sms:Http:TemplateCode", "SMS_0001");
        builder.UseSetting("Sms:Http:ApiKey", "test-key");
        builder.UseSetting("Security:RateLimits:CodesPerIp:PermitLimit", CodesPerIp.ToString());
        builder.UseSetting("Security:RateLimits:CodesPerIp:WindowSeconds", "600");
        builder.UseSetting("Security:RateLimits:CodesPerPhone:PermitLimit", CodesPerPhone.ToString());
        builder.UseSetting("Security:RateLimits:CodesPerPhone:WindowSeconds", "600");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        GC.SuppressFinalize(this);
    }
}
