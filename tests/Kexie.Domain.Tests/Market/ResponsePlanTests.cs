using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class ResponsePlanTests
{
    private static readonly DateTimeOffset Published = Monday0900.AddHours(1);
    private static readonly DateTimeOffset Later = Published.AddHours(2);

    private static ResponsePlan NewPlan() => PublishedNeed(Published).Plan;

    private static ResponsePlan PlanIn(ResponsePlanStatus status)
    {
        var plan = NewPlan();
        if (status != ResponsePlanStatus.New)
        {
            plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, "电话沟通需求"), Later);
        }

        switch (status)
        {
            case ResponsePlanStatus.Negotiating:
                plan.StartNegotiation(Staff, null, Later);
                break;
            case ResponsePlanStatus.Deal:
                plan.RecordDeal(Staff, null, null, Later);
                break;
            case ResponsePlanStatus.ClosedWithoutDeal:
                plan.CloseWithoutDeal(Staff, "企业暂停项目", Later);
                break;
        }

        Assert.Equal(status, plan.Status);
        return plan;
    }

    private static readonly Dictionary<string, (Action<ResponsePlan> Act, ResponsePlanStatus[] From, ResponsePlanStatus To)> Steps = new()
    {
        ["contact"] = (p => p.LogContact(Staff, new ContactData("赵工", ContactChannel.WeChat, null), Later), [ResponsePlanStatus.New, ResponsePlanStatus.Responded, ResponsePlanStatus.Negotiating], ResponsePlanStatus.Responded),
        ["negotiate"] = (p => p.StartNegotiation(Staff, null, Later), [ResponsePlanStatus.Responded], ResponsePlanStatus.Negotiating),
        ["deal"] = (p => p.RecordDeal(Staff, Guid.NewGuid(), null, Later), [ResponsePlanStatus.Responded, ResponsePlanStatus.Negotiating], ResponsePlanStatus.Deal),
        ["close"] = (p => p.CloseWithoutDeal(Staff, "无合适人选", Later), [ResponsePlanStatus.New, ResponsePlanStatus.Responded, ResponsePlanStatus.Negotiating], ResponsePlanStatus.ClosedWithoutDeal),
    };

    public static TheoryData<string, ResponsePlanStatus> AllStepsFromAllStatuses()
    {
        var data = new TheoryData<string, ResponsePlanStatus>();
        foreach (var step in Steps.Keys)
        {
            foreach (var status in Enum.GetValues<ResponsePlanStatus>())
            {
                data.Add(step, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllStepsFromAllStatuses))]
    public void Each_step_is_legal_exactly_from_its_source_statuses(string step, ResponsePlanStatus from)
    {
        var plan = PlanIn(from);
        var (act, sources, to) = Steps[step];
        var version = plan.Version;
        if (sources.Contains(from))
        {
            act(plan);
            // Logging a contact on a plan already past New keeps its status.
            Assert.Equal(step == "contact" && from != ResponsePlanStatus.New ? from : to, plan.Status);
            Assert.Equal(version + 1, plan.Version);
        }
        else
        {
            Assert.Throws<InvalidTransitionException>(() => act(plan));
            Assert.Equal(from, plan.Status);
            Assert.Equal(version, plan.Version);
        }
    }

    [Fact]
    public void The_first_contact_responds_and_is_kept_in_the_log_and_history()
    {
        var plan = NewPlan();
        var calledAt = Published.AddMinutes(30);
        var entry = plan.LogContact(Staff, new ContactData(" 张工 ", ContactChannel.Phone, "已约定周三上门", ScienceWorkerId: WorkerId, ContactedAt: calledAt), Later);

        Assert.Equal(ResponsePlanStatus.Responded, plan.Status);
        Assert.Equal(calledAt, plan.FirstRespondedAt);
        Assert.False(plan.RespondedLate);
        Assert.Equal("张工", entry.ContactedName);
        Assert.Equal("u-staff", entry.ByUserId);
        Assert.Equal(calledAt, entry.ContactedAt);
        Assert.Equal(Later, entry.LoggedAt);
        Assert.Equal(WorkerId, entry.ScienceWorkerId);
        var change = Assert.Single(plan.StatusHistory);
        Assert.Equal((ResponsePlanStatus.New, ResponsePlanStatus.Responded), (change.From, change.To));

        plan.LogContact(Staff, new ContactData("李经理", ContactChannel.Visit, "现场查看生产线"), Later.AddHours(1));
        Assert.Equal(2, plan.Contacts.Count);
        Assert.Equal(calledAt, plan.FirstRespondedAt);
        Assert.Single(plan.StatusHistory);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Closing_without_a_deal_requires_a_reason(string? reason)
    {
        var plan = NewPlan();
        var ex = Assert.Throws<DomainValidationException>(() => plan.CloseWithoutDeal(Staff, reason, Later));
        Assert.Equal("reason", ex.Field);
        Assert.Contains("未成交原因", ex.Message);
        Assert.True(plan.IsOpen);
    }

    [Fact]
    public void Closing_keeps_the_reason_and_ends_the_plan()
    {
        var plan = PlanIn(ResponsePlanStatus.Negotiating);
        plan.CloseWithoutDeal(Staff, "报价超出企业预算", Later);
        Assert.Equal("报价超出企业预算", plan.CloseReason);
        Assert.Equal(Later, plan.ClosedAt);
        Assert.False(plan.IsOpen);
        Assert.Equal("报价超出企业预算", plan.StatusHistory[^1].Note);
        Assert.Throws<InvalidTransitionException>(() => plan.AssignHandler(CountyAdmin, "u-staff2", "刘专员"));
        Assert.Throws<InvalidTransitionException>(() => plan.ProposeCandidates([new CandidateProposal(CandidateKind.Worker, WorkerId, 1, "学科相同")]));
    }

    [Fact]
    public void A_deal_records_the_order()
    {
        var plan = PlanIn(ResponsePlanStatus.Negotiating);
        var orderId = Guid.NewGuid();
        plan.RecordDeal(Staff, orderId, "签约金额3万元", Later);
        Assert.Equal(ResponsePlanStatus.Deal, plan.Status);
        Assert.Equal(orderId, plan.DealOrderId);
        Assert.Equal(Later, plan.ClosedAt);
        Assert.False(plan.IsOpen);
    }

    [Fact]
    public void Overdue_after_one_working_day_without_response_across_the_weekend()
    {
        // Published Friday 16:00 CST: due Monday 16:00 CST.
        var plan = PublishedNeed(Cst(2025, 3, 7, 16)).Plan;
        Assert.False(plan.IsOverdue(Cst(2025, 3, 8, 16))); // Saturday: not counted
        Assert.False(plan.IsOverdue(Cst(2025, 3, 9, 23, 59)));
        Assert.False(plan.IsOverdue(Cst(2025, 3, 10, 16)));
        Assert.True(plan.IsOverdue(Cst(2025, 3, 10, 16, 1)));
        Assert.True(plan.IsOverdue(new DateTimeOffset(2025, 3, 10, 8, 1, 0, TimeSpan.Zero))); // same instant in UTC
    }

    [Fact]
    public void Overdue_respects_holidays()
    {
        var calendar = new WorkingCalendar([new DateOnly(2025, 4, 4)]);
        var plan = PublishedNeed(Cst(2025, 4, 3, 15), calendar).Plan;
        Assert.Equal(Cst(2025, 4, 7, 15), plan.ResponseDueAt);
        Assert.False(plan.IsOverdue(Cst(2025, 4, 4, 15, 1)));
        Assert.True(plan.IsOverdue(Cst(2025, 4, 7, 15, 1)));
    }

    [Fact]
    public void A_responded_plan_is_not_overdue_but_a_late_response_is_marked()
    {
        var plan = NewPlan();
        var late = plan.ResponseDueAt.AddHours(3);
        Assert.True(plan.IsOverdue(late));
        plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, null), late);
        Assert.False(plan.IsOverdue(late.AddDays(10)));
        Assert.True(plan.RespondedLate);

        var closed = NewPlan();
        closed.CloseWithoutDeal(Staff, "企业已自行解决", Later);
        Assert.False(closed.IsOverdue(closed.ResponseDueAt.AddDays(1)));
        Assert.Null(closed.RespondedLate);
    }

    [Fact]
    public void The_overdue_query_agrees_with_IsOverdue()
    {
        var plans = new[] { NewPlan(), PlanIn(ResponsePlanStatus.Responded), PlanIn(ResponsePlanStatus.ClosedWithoutDeal) };
        var now = plans[0].ResponseDueAt.AddMinutes(1);
        var predicate = ResponsePlan.OverdueAt(now).Compile();
        Assert.Equal(plans.Select(p => p.IsOverdue(now)), plans.Select(predicate));
        Assert.Equal([true, false, false], plans.Select(predicate));
    }

    [Fact]
    public void Handlers_are_assigned_and_reassigned_with_history()
    {
        var plan = NewPlan();
        Assert.Equal("510923", plan.CountyCode);
        plan.AssignHandler(CountyAdmin, "u-staff", "陈专员", null, Later);
        plan.AssignHandler(Staff, "u-staff2", "刘专员", "陈专员出差", Later.AddHours(1));

        Assert.Equal("u-staff2", plan.HandlerUserId);
        Assert.Equal("刘专员", plan.HandlerName);
        Assert.Equal(
            [(null, "u-staff", "u-admin", null), ("u-staff", "u-staff2", "u-staff", "陈专员出差")],
            plan.HandlerHistory.Select(h => (h.FromUserId, h.ToUserId, h.ByUserId, h.Note)));
        Assert.Equal(2, plan.Version);

        Assert.Equal("handlerUserId", Assert.Throws<DomainValidationException>(() => plan.AssignHandler(CountyAdmin, "u-staff2", "刘专员")).Field);
        Assert.Equal("handlerUserId", Assert.Throws<DomainValidationException>(() => plan.AssignHandler(CountyAdmin, " ", null)).Field);
    }

    [Fact]
    public void Only_region_staff_admins_and_the_handler_act_on_a_plan()
    {
        var plan = NewPlan();
        foreach (var stranger in new[] { Worker, Buyer, OtherCountyStaff, OtherCountyAdmin, Actor.Public })
        {
            Assert.Throws<NotPermittedException>(() => plan.AssignHandler(stranger, "u-x", null));
            Assert.Throws<NotPermittedException>(() => plan.LogContact(stranger, new ContactData("张工", ContactChannel.Phone, null), Later));
            Assert.Throws<NotPermittedException>(() => plan.CloseWithoutDeal(stranger, "理由", Later));
            Assert.Throws<NotPermittedException>(() => plan.ProposeCandidates([new CandidateProposal(CandidateKind.Worker, WorkerId, 1, "说明")], stranger));
        }

        Assert.Equal(ResponsePlanStatus.New, plan.Status);

        // A handler from another county, once assigned, may act on the plan.
        plan.AssignHandler(CityAdmin, "u-staff3", "郑专员", null, Later);
        plan.LogContact(OtherCountyStaff, new ContactData("张工", ContactChannel.Phone, null), Later);
        Assert.Equal(ResponsePlanStatus.Responded, plan.Status);
    }

    [Fact]
    public void Candidates_from_matching_are_added_then_refreshed_not_duplicated()
    {
        var plan = NewPlan();
        var offerId = Guid.NewGuid();
        var added = plan.ProposeCandidates(
            [
                new CandidateProposal(CandidateKind.Offer, offerId, 12.5, "行业C13相同；关键词“柠檬”“褐变”"),
                new CandidateProposal(CandidateKind.Worker, WorkerId, 8, "学科520相同；同县"),
            ],
            at: Later);
        Assert.Equal(2, added);
        Assert.All(plan.Candidates, c => Assert.Null(c.ProposedByUserId));

        var again = plan.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, offerId, 14, "更新后的说明")], at: Later.AddHours(1));
        Assert.Equal(0, again);
        Assert.Equal(2, plan.Candidates.Count);
        var refreshed = plan.Candidates.Single(c => c.TargetId == offerId);
        Assert.Equal(14, refreshed.Score);
        Assert.Equal("更新后的说明", refreshed.Explanation);
        Assert.Equal(Later, refreshed.ProposedAt);
        Assert.Equal(Later.AddHours(1), refreshed.UpdatedAt);

        // The same id as a different kind is a different candidate.
        Assert.Equal(1, plan.ProposeCandidates([new CandidateProposal(CandidateKind.Worker, offerId, 1, "手工添加")], Staff, Later));
        Assert.Equal("u-staff", plan.Candidates[^1].ProposedByUserId);
        Assert.Equal(0, plan.ProposeCandidates([], at: Later));
    }

    [Theory]
    [InlineData(CandidateKind.Offer, false, 1.0, "说明")]
    [InlineData(CandidateKind.Offer, true, -1.0, "说明")]
    [InlineData(CandidateKind.Offer, true, double.NaN, "说明")]
    [InlineData(CandidateKind.Offer, true, 1.0, " ")]
    [InlineData((CandidateKind)9, true, 1.0, "说明")]
    public void Invalid_candidates_are_rejected_and_none_of_the_batch_is_added(CandidateKind kind, bool hasTarget, double score, string explanation)
    {
        var plan = NewPlan();
        var good = new CandidateProposal(CandidateKind.Worker, WorkerId, 1, "好的候选");
        var bad = new CandidateProposal(kind, hasTarget ? Guid.NewGuid() : Guid.Empty, score, explanation);
        var ex = Assert.Throws<DomainValidationException>(() => plan.ProposeCandidates([good, bad], at: Later));
        Assert.Equal("candidates", ex.Field);
        Assert.Empty(plan.Candidates);
        Assert.Equal(0, plan.Version);
    }

    [Fact]
    public void Contacts_are_validated()
    {
        var plan = NewPlan();
        Assert.Equal("contactedName", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("", ContactChannel.Phone, null), Later)).Field);
        Assert.Equal("channel", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("张工", (ContactChannel)0, null), Later)).Field);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, new string('记', 1001)), Later)).Field);
        Assert.Equal("contactedAt", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, null, ContactedAt: Later.AddHours(1)), Later)).Field);
        Assert.Equal("contactedAt", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, null, ContactedAt: Published.AddMinutes(-1)), Later)).Field);
        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, null, CandidateId: Guid.NewGuid()), Later)).Field);
        Assert.Empty(plan.Contacts);
        Assert.Equal(ResponsePlanStatus.New, plan.Status);

        plan.ProposeCandidates([new CandidateProposal(CandidateKind.Worker, WorkerId, 1, "说明")], at: Later);
        var entry = plan.LogContact(Staff, new ContactData("张工", ContactChannel.Phone, null, CandidateId: plan.Candidates[0].Id), Later);
        Assert.Equal(plan.Candidates[0].Id, entry.CandidateId);
    }

    [Fact]
    public async Task A_candidate_source_feeds_the_plan_without_the_plan_knowing_how_it_matches()
    {
        var (need, plan) = PublishedNeed(Published);
        ICandidateSource source = new FixedSource();
        var proposals = await source.ProposeAsync(need, 5, TestContext.Current.CancellationToken);
        Assert.Equal(1, plan.ProposeCandidates(proposals, at: Later));
        Assert.Equal("行业相同：C13", plan.Candidates[0].Explanation);
    }

    [Fact]
    public void Status_names_are_Chinese()
    {
        Assert.Equal("未成交关闭", ResponsePlanStatus.ClosedWithoutDeal.Chinese());
        Assert.All(Enum.GetValues<ResponsePlanStatus>(), s => Assert.NotEqual(s.ToString(), s.Chinese()));
    }

    private sealed class FixedSource : ICandidateSource
    {
        public ValueTask<IReadOnlyList<CandidateProposal>> ProposeAsync(Need need, int limit, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<CandidateProposal>>([new CandidateProposal(CandidateKind.Worker, WorkerId, 3, $"行业相同：{need.IndustryCodes[0]}")]);
    }
}
