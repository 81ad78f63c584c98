using Kexie.Domain.Authorization;
using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Talent;

/// <summary>Talent: the expert database (专家库), contests (青少年科技创新大赛).</summary>
public sealed class TalentModule : IFeatureModule
{
    public IReadOnlyList<Permission> Permissions => TalentPermissions.All;

    public IReadOnlyList<NavEntry> Navigation =>
    [
        new("专家库", "/Experts", 60, Id: "nav-experts"),
        new("人才与大赛", "/Talent/Contests", 70, Id: "nav-talent", Active: "/Talent"),
        new("组织建设", "/Talent/Organizations", 72, TalentPermissions.ManageAssociations, Id: "nav-organizations"),
        new("本会年检", "/Talent/Organizations/Mine", 73, TalentPermissions.SubmitInspections, Id: "nav-my-inspections", When: a => a.ScienceWorkerId is not null, Applies: TalentNavigation.LeadsASocietyAsync),
        new("我的大赛评审", "/Talent/Contests/Reviews", 74, TalentPermissions.ScoreContests, Id: "nav-contest-reviews", When: a => a.ScienceWorkerId is not null, Applies: TalentNavigation.ReviewsContestsAsync),
        new("我的荣誉评审", "/Talent/Honours/Reviews", 75, TalentPermissions.ScoreHonours, Id: "nav-honour-reviews", When: a => a.ScienceWorkerId is not null, Applies: TalentNavigation.ReviewsHonoursAsync),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ExpertService>();
        services.AddScoped<ContestService>();
        services.AddScoped<ContestReviewService>();
        services.AddScoped<ExpertConflictService>();
        services.AddScoped<HonourService>();
        services.AddScoped<HonourReviewService>();
        services.AddScoped<WorkstationService>();
        services.AddScoped<NamePicker>();
        services.AddScoped<SurveyService>();
        services.AddSingleton<SurveyLinks>();
        services.AddScoped<AssociationManagementService>();
        services.AddScoped<InspectionService>();
        services.AddScoped<RectificationReportService>();
        services.AddScoped<SocietyActivityService>();
        services.AddScoped<CooperationService>();
        services.AddScoped<Indicators.Report.IReportStatisticSource, TalentReportSource>();
        services.AddScoped<Workbench.IWorkItemSource, ContestWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, HonourWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, HonourReviewWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, RectificationWorkItems>();
        services.AddScoped<Workbench.IWorkItemSource, RectificationReviewWorkItems>();
    }

    public void MapEndpoints(RouteGroupBuilder api)
    {
        TalentEndpoints.MapTalent(api);
        ContestEndpoints.MapContests(api);
        HonourEndpoints.MapHonours(api);
        SurveyEndpoints.MapSurveys(api);
        AssociationManagementEndpoints.MapAssociationManagement(api);
    }
}
