using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Market;

/// <summary>The market: offers, needs, 一单一策 plans, orders, files, tickets, fairs, storefronts, statistics.</summary>
public sealed class MarketModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => MarketPermissions.All;

    public IReadOnlyList<NavEntry> Navigation => [new("科技市场", "/Market", 80, Id: "nav-market")];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MarketOptions>(configuration.GetSection("Market"));
        services.AddSingleton<Kexie.Domain.Market.IWorkingCalendar>(sp =>
        {
            var market = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MarketOptions>>().Value;
            return new Kexie.Domain.Market.WorkingCalendar(market.Holidays, market.MakeUpWorkingDays);
        });
        services.AddScoped<OfferService>();
        services.AddScoped<NeedService>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = PublicMarketCache.SizeLimit;
            o.MaximumBodySize = PublicMarketCache.MaximumBodySize;
            o.DefaultExpirationTimeSpan = PublicMarketCache.Lifetime;
            o.AddPolicy(PublicMarketCache.Name, new PublicMarketCache());
            o.AddPolicy(PublicMarketCache.DetailName, new PublicMarketCache(detail: true));
        });
        services.AddScoped<ResponsePlanService>();
        services.AddScoped<CandidateJudgementExport>();
        services.AddScoped<OrderService>();
        services.AddScoped<ServiceTicketService>();
        services.AddScoped<FairService>();
        services.AddScoped<MarketStatsService>();
        services.Configure<FileStoreOptions>(configuration.GetSection("Files"));
        services.AddSingleton<IFileStore, LocalDiskFileStore>();
        services.AddSingleton<RichTextSanitizer>();
        services.AddScoped<AttachmentService>();
        services.AddScoped<StorefrontService>();
        services.AddScoped<OverdueScanner>();
        services.AddHostedService<OverdueScanService>();
        services.AddSingleton<DemoPlanMatching>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoPlanMatching>());
    }

    public void MapEndpoints(RouteGroupBuilder api) => api.MapMarket();
}
