using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Popularization;

/// <summary>Science popularization (科普): contents, activities, e-stations.</summary>
public sealed class PopularizationModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => PopularizationPermissions.All;

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("科普", "/Popularization", 90, Id: "nav-popularization"),
        // 我的报名 beside the name, once the person has signed up for something (a teacher's class, their own seat).
        new("我的报名", "/Popularization/MyRegistrations", 20, PopularizationPermissions.RegisterForActivities, NavGroup.User, Id: "nav-my-registrations",
            Applies: c => c.Services.GetRequiredService<ActivityService>().HasAnyAsync(c.Actor, c.CancellationToken)),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ScienceContentService>();
        services.AddScoped<ContentSubscriberPush>();
        services.AddScoped<ActivityService>();
        services.AddScoped<EStationService>();
        services.AddScoped<EStationInteractionService>();
        services.AddScoped<KioskService>();
        services.AddScoped<InterestProfileService>();
        services.AddScoped<QuizService>();
        services.AddScoped<WebQuizService>();
        services.AddScoped<RecommendationService>();
        services.AddScoped<VenueService>();
        services.AddScoped<VolunteerService>();
        services.AddScoped<VolunteerRecruitmentService>();
        services.AddScoped<Workbench.IWorkItemSource, RecruitmentWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, AcceptedVolunteeringWorkItems>();
        services.AddScoped<PopularizationReport>();
        services.AddScoped<Indicators.Report.IReportStatisticSource, Indicators.Report.PopularizationReportSource>();
        services.AddScoped<EventTallyService>();
        services.AddScoped<SeriesService>();
        services.AddScoped<LiteracyService>();
        services.AddScoped<LiteracyMemberUnitService>();
        services.AddScoped<ScienceBoardService>();
    }

    public void MapEndpoints(RouteGroupBuilder api) => PopularizationEndpoints.MapPopularization(api);
}
