using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class NeedTests
{
    [Fact]
    public void Creates_a_draft_need()
    {
        var need = DraftNeed();
        Assert.Equal(ReviewStatus.Draft, need.Status);
        Assert.Equal(OrganizationId, need.OrganizationId);
        Assert.Equal(10_000m, need.BudgetMin);
        Assert.Equal(50_000m, need.BudgetMax);
        Assert.False(need.IsBudgetNegotiable);
        Assert.Equal(new DateOnly(2025, 12, 31), need.Deadline);
        Assert.Null(need.ResponsePlanId);
        Assert.True(need.IsOwnedBy(Buyer));
        Assert.False(need.IsOwnedBy(OtherBuyer));
    }

    [Fact]
    public void Budget_may_be_open_or_one_sided()
    {
        Assert.True(Need.Create(NeedData() with { BudgetMin = null, BudgetMax = null }, Buyer, Codes, Monday0900).IsBudgetNegotiable);
        var upTo = Need.Create(NeedData() with { BudgetMin = null, BudgetMax = 8000m }, Buyer, Codes, Monday0900);
        Assert.Null(upTo.BudgetMin);
        Assert.Equal(8000m, upTo.BudgetMax);
        var exact = Need.Create(NeedData() with { BudgetMin = 8000m, BudgetMax = 8000m }, Buyer, Codes, Monday0900);
        Assert.Equal(exact.BudgetMin, exact.BudgetMax);
    }

    [Fact]
    public void Deadline_today_in_China_is_accepted_yesterday_is_not()
    {
        // 2025-03-02 17:00 UTC is already 3 March in China.
        var at = new DateTimeOffset(2025, 3, 2, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2025, 3, 3), Need.Create(NeedData() with { Deadline = new DateOnly(2025, 3, 3) }, Buyer, Codes, at).Deadline);
        var ex = Assert.Throws<DomainValidationException>(() => Need.Create(NeedData() with { Deadline = new DateOnly(2025, 3, 2) }, Buyer, Codes, at));
        Assert.Equal("deadline", ex.Field);
    }

    public static TheoryData<NeedData, string, string> InvalidNeeds()
    {
        var ok = NeedData();
        return new()
        {
            { ok with { Title = "" }, "title", "需求名称不能为空" },
            { ok with { Problem = "  " }, "problem", "问题描述不能为空" },
            { ok with { Problem = new string('难', 4001) }, "problem", "不能超过4000个字符" },
            { ok with { OrganizationId = Guid.Empty }, "organizationId", "需求单位不能为空" },
            { ok with { IndustryCodes = [] }, "industryCodes", "至少填写一个所属行业" },
            { ok with { IndustryCodes = ["X9"] }, "industryCodes", "行业代码“X9”" },
            { ok with { DisciplineCodes = ["000"] }, "disciplineCodes", "学科代码“000”" },
            { ok with { BudgetMin = -0.01m }, "budgetMin", "预算下限不能为负数" },
            { ok with { BudgetMax = 1.005m, BudgetMin = null }, "budgetMax", "两位小数" },
            { ok with { BudgetMin = 60_000m, BudgetMax = 50_000m }, "budgetMax", "预算上限不能低于预算下限" },
            { ok with { BudgetMax = 20_000_000_000m }, "budgetMax", "100亿元" },
            { ok with { RegionCode = "abc" }, "regionCode", "格式不正确" },
            { ok with { Visibility = (NeedVisibility)7 }, "visibility", "公开范围取值不正确" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidNeeds))]
    public void Invalid_needs_are_rejected_naming_the_field(NeedData data, string field, string message)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Need.Create(data, Buyer, Codes, Monday0900));
        Assert.Equal(field, ex.Field);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Only_members_of_the_organization_or_region_staff_may_create_it()
    {
        Assert.Throws<NotPermittedException>(() => Need.Create(NeedData(), OtherBuyer, Codes, Monday0900));
        Assert.Throws<NotPermittedException>(() => Need.Create(NeedData(), Worker, Codes, Monday0900));
        Assert.Throws<NotPermittedException>(() => Need.Create(NeedData(), OtherCountyStaff, Codes, Monday0900));
        Assert.Equal(OrganizationId, Need.Create(NeedData(), Staff, Codes, Monday0900).OrganizationId);
    }

    [Fact]
    public void The_organization_cannot_be_changed()
    {
        var need = DraftNeed();
        var ex = Assert.Throws<DomainValidationException>(() => need.Update(NeedData() with { OrganizationId = OtherOrganizationId }, Buyer, Codes, Monday0900));
        Assert.Equal("organizationId", ex.Field);
        need.Update(NeedData() with { Title = "新的需求名称" }, Buyer, Codes, Monday0900);
        Assert.Equal("新的需求名称", need.Title);
        Assert.Equal(1, need.Version);
    }

    [Fact]
    public void Publishing_opens_a_response_plan_with_a_one_working_day_deadline()
    {
        var need = DraftNeed();
        need.Submit(Buyer, Monday0900);
        var fridayAfternoon = Cst(2025, 3, 7, 16);
        var plan = need.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, at: fridayAfternoon);

        Assert.NotNull(plan);
        Assert.True(need.IsPublished);
        Assert.Equal(plan.Id, need.ResponsePlanId);
        Assert.Equal(need.Id, plan.NeedId);
        Assert.Equal(DayingCounty, plan.RegionCode);
        Assert.Equal(ResponsePlanStatus.New, plan.Status);
        Assert.Equal(Cst(2025, 3, 10, 16), plan.ResponseDueAt);
        Assert.Equal(TimeSpan.Zero, plan.ResponseDueAt.Offset);
        Assert.Equal(fridayAfternoon, plan.CreatedAt);
    }

    [Fact]
    public void The_response_deadline_is_configurable()
    {
        var need = DraftNeed();
        need.Submit(Buyer, Monday0900);
        var plan = need.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, 3, Monday0900);
        Assert.Equal(Cst(2025, 3, 6, 9), plan!.ResponseDueAt);

        var other = DraftNeed();
        other.Submit(Buyer, Monday0900);
        var ex = Assert.Throws<DomainValidationException>(() => other.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, 0, Monday0900));
        Assert.Equal("responseWorkingDays", ex.Field);
        Assert.Equal(ReviewStatus.Submitted, other.Status);
    }

    [Fact]
    public void Republishing_after_withdrawal_keeps_the_existing_plan()
    {
        var (need, plan) = PublishedNeed();
        need.Withdraw(Buyer, "补充信息", Monday0900.AddHours(2));
        need.Update(NeedData() with { Problem = "补充：褐变发生在灌装后24小时内。" }, Buyer, Codes, Monday0900.AddHours(3));
        need.Submit(Buyer, Monday0900.AddHours(3));
        var second = need.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, at: Monday0900.AddHours(4));
        Assert.Null(second);
        Assert.Equal(plan.Id, need.ResponsePlanId);
    }

    [Fact]
    public void Publishing_a_need_that_is_not_submitted_opens_no_plan()
    {
        var need = DraftNeed();
        Assert.Throws<InvalidTransitionException>(() => need.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, at: Monday0900));
        Assert.Null(need.ResponsePlanId);
        need.Submit(Buyer, Monday0900);
        Assert.Throws<NotPermittedException>(() => need.Publish(OtherCountyStaff, WorkingCalendar.WeekendsOnly, at: Monday0900));
        Assert.Null(need.ResponsePlanId);
    }

    [Fact]
    public void Restricted_needs_are_hidden_from_anonymous_visitors_only()
    {
        var need = Need.Create(NeedData() with { Visibility = NeedVisibility.Restricted }, Buyer, Codes, Monday0900);
        need.Submit(Buyer, Monday0900);
        need.Publish(CountyAdmin, WorkingCalendar.WeekendsOnly, at: Monday0900);
        Assert.False(need.IsVisibleTo(Actor.Public));
        Assert.True(need.IsVisibleTo(OtherWorker));
        Assert.True(need.IsVisibleTo(Buyer));

        var (open, _) = PublishedNeed();
        Assert.True(open.IsVisibleTo(Actor.Public));

        var draft = DraftNeed();
        Assert.False(draft.IsVisibleTo(OtherWorker));
        Assert.True(draft.IsVisibleTo(Buyer));
    }
}
