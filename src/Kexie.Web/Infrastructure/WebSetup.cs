using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Data.Seeding;
using Kexie.Data.SharedData;
using Kexie.Web.Features.Account;
using Kexie.Web.Features.Admin;
using Kexie.Web.Features.Directory;
using Kexie.Web.Features.Imports;
using Kexie.Web.Features.Indicators;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Matching;
using Kexie.Web.Features.Regions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace Kexie.Web.Infrastructure;

public static class WebSetup
{
    public static WebApplicationBuilder AddKexie(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddKexieData(builder.Configuration);
        services.AddSingleton<ReferenceCodesCache>();
        services.AddSingleton<DictionaryCache>();
        services.AddDataProtection().SetApplicationName("Kexie.Cloud").PersistKeysToDbContext<KexieDbContext>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<KexieDbContext>()
            .AddClaimsPrincipalFactory<KexieClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();
        // Cookie for the pages and the browser; bearer tokens for API clients, chosen per request by its Authorization header.
        services.Configure<BearerTokenSettings>(builder.Configuration.GetSection("Security:Tokens"));
        var tokens = builder.Configuration.GetSection("Security:Tokens").Get<BearerTokenSettings>() ?? new BearerTokenSettings();
        var authentication = services.AddAuthentication(BearerTokens.Scheme);
        authentication.AddPolicyScheme(BearerTokens.Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = BearerTokens.SchemeOf);
        authentication.AddIdentityCookies();
        authentication.AddBearerToken(IdentityConstants.BearerScheme, o => BearerTokens.Configure(o, tokens));
        services.AddMemoryCache();

        // A cookie's principal is checked against the account every minute: a disabled account or a changed password ends
        // the session, and a new link (an approved organization) reaches the session without signing in again.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "kexie.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        foreach (var module in FeatureModules.All)
        {
            services.AddPermissions(module.Permissions);
        }

        services.AddAccessPolicy(builder.Configuration);

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.Configure<SecurityOptions>(builder.Configuration.GetSection("Security"));

        // Before AddProblemDetails: /api errors are problem details whatever the Accept header (see the writer).
        services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            var status = ctx.ProblemDetails.Status ?? 500;
            if (ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
            {
                ctx.ProblemDetails.Title = status switch
                {
                    400 => "请求格式不正确",
                    401 => "请先登录",
                    403 => "无权访问",
                    404 => "资源不存在",
                    405 => "不支持的请求方式",
                    406 => "无法提供所要求的格式",
                    408 => "请求超时",
                    409 => "请求与当前状态冲突",
                    412 => "前提条件不满足",
                    413 => "请求体过大",
                    415 => "不支持的内容类型",
                    429 => "请求过于频繁，请稍后再试",
                    503 => "服务暂不可用",
                    >= 500 => "服务器内部错误",
                    _ => "请求未能完成",
                };
            }
        });
        services.AddExceptionHandler<KexieExceptionHandler>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new StorableStringJsonConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "科协云 Kexie Cloud API";
            doc.Info.Version = "v1";
            doc.Info.Description = "科技工作者、企事业单位、科协组织、行政区划等接口。错误按 RFC 7807 返回 problem details（中文说明，errors 中列出出错字段）。";
            return Task.CompletedTask;
        }));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin");
            o.Conventions.AuthorizeFolder("/Imports");
            o.Conventions.AddPageApplicationModelConvention("/Account/Login", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.LoginPolicy)));
            o.Conventions.AddPageApplicationModelConvention("/Account/Register", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.CodePolicy)));
            o.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.CodePolicy)));
            o.Conventions.AuthorizePage("/Account/Invitations");
        }).AddMvcOptions(o =>
        {
            ChineseBindingMessages.Apply(o.ModelBindingMessageProvider);
            o.Filters.Add<PermissionPageFilter>();
        });

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<MarketDemoSeeder>();
        services.AddScoped<PopularizationDemoSeeder>();
        services.AddScoped<TalentDemoSeeder>();
        services.AddScoped<IndicatorDemoSeeder>();
        foreach (var module in FeatureModules.All)
        {
            module.AddServices(services, builder.Configuration);
        }

        return builder;
    }

    public static WebApplication UseKexie(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(hsts: !app.Environment.IsDevelopment());
        app.UseExceptionHandler();
        app.UseWhen(
            http => !http.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/Status/{0}"));
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages());
        app.UseRequestCharsetCheck();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<BearerStampMiddleware>();
        app.UseMiddleware<OperationLogMiddleware>();
        app.UseSameOriginCheck();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseStorableTextCheck();
        app.UseQueryValueCheck();
        app.UseAntiforgery();

        // After authentication: the public market lists' entries are for anonymous visitors only (PublicMarketCache).
        app.UseOutputCache();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("科协云 API 参考").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts());
        var api = app.MapGroup("/api/v1").DescribeProblems();
        foreach (var module in FeatureModules.All)
        {
            module.MapEndpoints(api);
        }

        api.MapGet("/health", Health).WithTags("运维").AllowAnonymous();
        app.MapReadiness("/api/v1/health/ready");
        app.MapRazorPages();
        return app;
    }

    /// <summary>Liveness: the process answers (readiness, with the database, is /api/v1/health/ready).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<HealthDto> Health() => TypedResults.Ok(new HealthDto("ok"));

    /// <summary>Migrates, loads reference data from the shared data folder, and seeds the demo when enabled.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var dataPath = SharedDataPath.Resolve(app.Configuration["SharedData:Path"]);
        await initializer.MigrateAndLoadReferenceDataAsync(dataPath);
        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<MarketDemoSeeder>().SeedAsync(dataPath);
            await scope.ServiceProvider.GetRequiredService<PopularizationDemoSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<TalentDemoSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<IndicatorDemoSeeder>().SeedAsync();
        }

        await scope.ServiceProvider.GetRequiredService<Kexie.Data.Indicators.IndicatorRefresher>().RefreshAsync();
    }

    private static Task ApiAware(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>The answer of <c>/api/v1/health</c>.</summary>
public sealed record HealthDto(string Status);
