using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Indicators;

namespace Kexie.Domain.Tests.Indicators;

public sealed class LinkageTaskTests
{
    private static readonly Actor City = new("u-city", "u-city", UserRole.AssociationAdmin, "5109", DisplayName: "遂宁市科协");
    private static readonly Actor County = new("u-county", "u-county", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协");
    private static readonly Actor OtherCounty = new("u-other", "u-other", UserRole.AssociationAdmin, "510981", DisplayName: "射洪市科协");
    private static readonly Actor CountyStaff = new("u-staff", "u-staff", UserRole.ServiceCenterStaff, "510923", DisplayName: "王敏");

    private static LinkageTaskData Data(string region = "510923", string indicator = "W02", decimal target = 100m) =>
        new("6月底前新增注册科技工作者", indicator, region, target, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 10));

    [Fact]
    public void A_higher_level_assigns_to_its_lower_levels_only()
    {
        var task = LinkageTask.Assign(City, Data());
        Assert.Equal("5109", task.AssignedByRegionCode);
        Assert.Equal("510923", task.RegionCode);
        Assert.Equal("W02", task.IndicatorCode);
        Assert.NotNull(LinkageTask.Assign(County, Data("510923105")));

        Assert.Throws<AccessDeniedException>(() => LinkageTask.Assign(County, Data("510923")));
        Assert.Throws<AccessDeniedException>(() => LinkageTask.Assign(OtherCounty, Data("510923105")));
        // Staff manage the county, so the domain lets them assign below it; indicators.linkage.assign (admins by default)
        // is what refuses them without a grant.
        Assert.NotNull(LinkageTask.Assign(CountyStaff, Data("510923105")));
        Assert.Throws<AccessDeniedException>(() => LinkageTask.Assign(new Actor("w", "w", UserRole.ScienceWorker, "510923"), Data("510923105")));
    }

    [Theory]
    [InlineData("E04", 10, "indicatorCode")]
    [InlineData("NOPE", 10, "indicatorCode")]
    [InlineData("W02", 0, "target")]
    [InlineData("E03", 120, "target")]
    public void Targets_must_be_reachable_and_measurable(string indicator, decimal target, string field)
    {
        var error = Assert.Throws<DomainValidationException>(() => LinkageTask.Assign(City, Data(indicator: indicator, target: target)));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Due_date_may_not_precede_the_start()
    {
        var error = Assert.Throws<DomainValidationException>(() => LinkageTask.Assign(City, Data() with { DueOn = new DateOnly(2024, 12, 31) }));
        Assert.Equal("dueOn", error.Field);
    }

    [Theory]
    [InlineData("2025-01-05", 45, LinkageStatus.OnTrack, 50)] // 5 of 10 days: expected 50%, 45% ≥ 40%
    [InlineData("2025-01-05", 39, LinkageStatus.AtRisk, 50)]
    [InlineData("2025-01-05", 100, LinkageStatus.Achieved, 50)]
    [InlineData("2025-01-11", 90, LinkageStatus.Overdue, 100)]
    [InlineData("2025-01-11", 120, LinkageStatus.Achieved, 100)]
    [InlineData("2024-12-31", 0, LinkageStatus.NotStarted, 0)]
    public void Progress_is_flagged_from_the_value(string today, decimal actual, LinkageStatus status, decimal expectedPercent)
    {
        var task = LinkageTask.Assign(City, Data());
        var progress = task.Evaluate(actual, DateOnly.Parse(today));
        Assert.Equal(status, progress.Status);
        Assert.Equal(expectedPercent, progress.ExpectedPercent);
        Assert.Equal(actual, progress.Percent);
    }

    [Fact]
    public void Measured_days_are_clipped_to_the_task()
    {
        var task = LinkageTask.Assign(City, Data());
        Assert.Equal(new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 4)), task.MeasuredDays(new DateOnly(2025, 1, 4)));
        Assert.Equal(new DayRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 10)), task.MeasuredDays(new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void The_lower_level_comments_and_strangers_cannot()
    {
        var task = LinkageTask.Assign(City, Data());
        var comment = task.Comment(CountyStaff, "  已组织乡镇开展注册帮办 ");
        Assert.Equal("已组织乡镇开展注册帮办", comment.Text);
        Assert.Equal("510923", comment.ByRegionCode);
        task.Comment(City, "请加快进度");
        Assert.Equal(2, task.Comments.Count);
        Assert.Throws<AccessDeniedException>(() => task.Comment(OtherCounty, "路过"));
        Assert.Equal("text", Assert.Throws<DomainValidationException>(() => task.Comment(County, " ")).Field);
    }
}
