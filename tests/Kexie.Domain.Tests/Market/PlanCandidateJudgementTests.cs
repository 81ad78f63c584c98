using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

/// <summary>Candidates a staffer adds by hand or drops, and the labelled pairs each judgement leaves.</summary>
public class PlanCandidateJudgementTests
{
    private static readonly DateTimeOffset Published = Monday0900.AddHours(1);
    private static readonly DateTimeOffset Later = Published.AddHours(2);
    private static readonly Guid OfferA = Guid.Parse("0197b000-0000-7000-8000-0000000000a1");
    private static readonly Guid OfferB = Guid.Parse("0197b000-0000-7000-8000-0000000000b2");

    private static ResponsePlan PlanWithMatches()
    {
        var plan = PublishedNeed(Published).Plan;
        plan.ProposeCandidates(
            [
                new CandidateProposal(CandidateKind.Offer, OfferA, 12, "行业相同；命中“柠檬”“保鲜”"),
                new CandidateProposal(CandidateKind.Offer, OfferB, 3, "命中“方法”", Weak: true),
                new CandidateProposal(CandidateKind.Worker, OtherWorkerId, 8, "学科相同"),
            ],
            at: Published);
        return plan;
    }

    [Fact]
    public void Only_good_matches_and_candidates_added_by_hand_count_as_good_candidates()
    {
        var plan = PlanWithMatches();
        Assert.Equal(2, plan.GoodCandidateCount);

        plan.AddCandidateByHand(Staff, CandidateKind.Worker, WorkerId, "县农业局推荐", Later);
        Assert.Equal(3, plan.GoodCandidateCount);

        plan.DropCandidate(Staff, plan.Candidates.Single(c => c.TargetId == OfferA).Id, CandidateDropReason.WrongField, null, Later);
        Assert.Equal(2, plan.GoodCandidateCount);
    }

    [Fact]
    public void A_candidate_added_by_hand_is_marked_manual_with_who_and_is_labelled_added()
    {
        var plan = PlanWithMatches();
        var version = plan.Version;
        var added = plan.AddCandidateByHand(Staff, CandidateKind.Worker, WorkerId, "县农业局推荐，做过柠檬保鲜", Later);

        Assert.True(added.IsManual);
        Assert.False(added.IsWeak);
        Assert.Equal("陈专员", added.ProposedByName);
        Assert.Equal("县农业局推荐，做过柠檬保鲜", added.Explanation);
        Assert.Equal(version + 1, plan.Version);
        var judgement = Assert.Single(plan.Judgements);
        Assert.Equal((CandidateLabel.Added, added.Id, CandidateKind.Worker, WorkerId), (judgement.Label, judgement.CandidateId, judgement.Kind, judgement.TargetId));
        Assert.Equal(("陈专员", "u-staff", Later), (judgement.ByName, judgement.ByUserId, judgement.At));
        Assert.False(judgement.FromMatching);
        Assert.Null(judgement.Score);
        Assert.Null(judgement.Rank);

        // Without a note it still says what it is.
        Assert.Equal("人工添加", plan.AddCandidateByHand(CountyAdmin, CandidateKind.Offer, Guid.NewGuid(), " ", Later).Explanation);
    }

    [Fact]
    public void Adding_by_hand_is_refused_for_one_already_on_the_plan_a_dropped_one_an_empty_target_and_outsiders()
    {
        var plan = PlanWithMatches();
        Assert.Equal("targetId", Assert.Throws<DomainValidationException>(() => plan.AddCandidateByHand(Staff, CandidateKind.Offer, OfferA, null, Later)).Field);
        Assert.Equal("targetId", Assert.Throws<DomainValidationException>(() => plan.AddCandidateByHand(Staff, CandidateKind.Offer, Guid.Empty, null, Later)).Field);
        Assert.Equal("kind", Assert.Throws<DomainValidationException>(() => plan.AddCandidateByHand(Staff, (CandidateKind)7, WorkerId, null, Later)).Field);
        Assert.Throws<NotPermittedException>(() => plan.AddCandidateByHand(OtherCountyStaff, CandidateKind.Worker, WorkerId, null, Later));
        Assert.Throws<NotPermittedException>(() => plan.AddCandidateByHand(Worker, CandidateKind.Worker, WorkerId, null, Later));

        plan.DropCandidate(Staff, plan.Candidates[0].Id, CandidateDropReason.WrongField, null, Later);
        var ex = Assert.Throws<DomainValidationException>(() => plan.AddCandidateByHand(Staff, CandidateKind.Offer, OfferA, null, Later));
        Assert.Contains("已排除", ex.Message);
        Assert.Equal(3, plan.Candidates.Count);
        Assert.Single(plan.Judgements);
    }

    [Fact]
    public void A_dropped_candidate_leaves_the_list_with_who_why_and_its_matching_rank_and_can_be_restored()
    {
        var plan = PlanWithMatches();
        var worker = plan.Candidates.Single(c => c.Kind == CandidateKind.Worker);
        plan.DropCandidate(Staff, worker.Id, CandidateDropReason.OutOfArea, "只在成都服务", Later);

        Assert.True(worker.IsDropped);
        Assert.Equal((Later, "陈专员", CandidateDropReason.OutOfArea, "只在成都服务"), (worker.DroppedAt!.Value, worker.DroppedByName, worker.DropReason!.Value, worker.DropNote));
        var dropped = Assert.Single(plan.Judgements);
        Assert.Equal(CandidateLabel.Dropped, dropped.Label);
        Assert.Equal(CandidateDropReason.OutOfArea, dropped.Reason);
        Assert.True(dropped.FromMatching);
        Assert.Equal(8, dropped.Score);
        Assert.Equal(2, dropped.Rank); // 12 > 8 > 3

        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => plan.DropCandidate(Staff, worker.Id, CandidateDropReason.WrongField, null, Later)).Field);
        plan.RestoreCandidate(OtherStaff, worker.Id, "已确认可远程服务", Later.AddHours(1));
        Assert.False(worker.IsDropped);
        Assert.Null(worker.DropReason);
        var restored = plan.Judgements[^1];
        Assert.Equal((CandidateLabel.Restored, "刘专员", "已确认可远程服务"), (restored.Label, restored.ByName, restored.Note));
        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => plan.RestoreCandidate(Staff, worker.Id, null, Later)).Field);
    }

    [Fact]
    public void A_drop_needs_a_listed_reason_and_words_for_other_and_a_candidate_of_the_plan()
    {
        var plan = PlanWithMatches();
        var id = plan.Candidates[0].Id;
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => plan.DropCandidate(Staff, id, (CandidateDropReason)0, "x", Later)).Field);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() => plan.DropCandidate(Staff, id, CandidateDropReason.Other, "  ", Later)).Field);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() => plan.DropCandidate(Staff, id, CandidateDropReason.WrongField, new string('长', 501), Later)).Field);
        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => plan.DropCandidate(Staff, Guid.NewGuid(), CandidateDropReason.WrongField, null, Later)).Field);
        Assert.Throws<NotPermittedException>(() => plan.DropCandidate(OtherCountyAdmin, id, CandidateDropReason.WrongField, null, Later));
        Assert.Empty(plan.Judgements);
        Assert.False(plan.Candidates[0].IsDropped);

        plan.DropCandidate(Staff, id, CandidateDropReason.Other, "企业已自行解决该问题", Later);
        Assert.Equal("企业已自行解决该问题", plan.Judgements[0].Note);

        plan.CloseWithoutDeal(Staff, "企业取消需求", Later);
        Assert.Throws<InvalidTransitionException>(() => plan.RestoreCandidate(Staff, id, null, Later));
        Assert.Throws<InvalidTransitionException>(() => plan.AddCandidateByHand(Staff, CandidateKind.Worker, WorkerId, null, Later));
    }

    [Fact]
    public void Matching_again_refreshes_a_dropped_candidate_without_bringing_it_back()
    {
        var plan = PlanWithMatches();
        var offer = plan.Candidates[0];
        plan.DropCandidate(Staff, offer.Id, CandidateDropReason.WrongField, null, Later);
        Assert.Equal(0, plan.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, OfferA, 15, "新的说明")], at: Later.AddHours(1)));
        Assert.True(offer.IsDropped);
        Assert.Equal(15, offer.Score);

        // Matching finding one a staffer added keeps the staffer's words and the 人工添加 mark.
        var manual = plan.AddCandidateByHand(Staff, CandidateKind.Worker, WorkerId, "县里推荐", Later);
        plan.ProposeCandidates([new CandidateProposal(CandidateKind.Worker, WorkerId, 9, "学科相同", Weak: true)], at: Later.AddHours(2));
        Assert.Equal(("县里推荐", true, false, 9.0), (manual.Explanation, manual.IsManual, manual.IsWeak, manual.Score));
    }

    [Fact]
    public void A_contact_labels_its_candidate_once_and_a_dropped_one_must_be_restored_first()
    {
        var plan = PlanWithMatches();
        var offer = plan.Candidates[0];
        var worker = plan.Candidates.Single(c => c.Kind == CandidateKind.Worker);
        plan.LogContact(Staff, new ContactData("李工", ContactChannel.Phone, "约定面谈", CandidateId: offer.Id), Later);
        plan.LogContact(Staff, new ContactData("李工", ContactChannel.Visit, "上门", CandidateId: offer.Id), Later);
        var contacted = Assert.Single(plan.Judgements);
        Assert.Equal((CandidateLabel.Contacted, offer.Id, 1, "约定面谈"), (contacted.Label, contacted.CandidateId!.Value, contacted.Rank!.Value, contacted.Note));

        // A contact naming the worker of a worker candidate labels that candidate.
        plan.LogContact(Staff, new ContactData("赵工", ContactChannel.Phone, null, ScienceWorkerId: OtherWorkerId), Later);
        Assert.Equal(worker.Id, plan.Judgements[^1].CandidateId);

        plan.DropCandidate(Staff, offer.Id, CandidateDropReason.NotCapable, null, Later);
        var contacts = plan.Contacts.Count;
        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => plan.LogContact(Staff, new ContactData("李工", ContactChannel.Phone, null, CandidateId: offer.Id), Later)).Field);
        Assert.Equal(contacts, plan.Contacts.Count);
    }

    [Fact]
    public void A_deal_labels_the_candidate_it_was_made_with_or_the_order_party_that_never_was_one()
    {
        var plan = PlanWithMatches();
        plan.LogContact(Staff, new ContactData("李工", ContactChannel.Phone, null), Later);
        plan.RecordDeal(Staff, Guid.NewGuid(), "签约3万元", Later, new DealCounterpart(OfferId: OfferA, WorkerId: WorkerId));
        var dealt = plan.Judgements.Single(j => j.Label == CandidateLabel.Dealt);
        Assert.Equal((plan.Candidates[0].Id, CandidateKind.Offer, OfferA, 12.0), (dealt.CandidateId!.Value, dealt.Kind, dealt.TargetId, dealt.Score!.Value));

        var other = PlanWithMatches();
        other.LogContact(Staff, new ContactData("李工", ContactChannel.Phone, null), Later);
        var stranger = Guid.NewGuid();
        other.RecordDeal(Staff, Guid.NewGuid(), null, Later, new DealCounterpart(OfferId: stranger, WorkerId: WorkerId));
        var outside = other.Judgements.Single(j => j.Label == CandidateLabel.Dealt);
        Assert.Equal((null, CandidateKind.Offer, stranger, false), (outside.CandidateId, outside.Kind, outside.TargetId, outside.FromMatching));

        // Named by hand on a deal without an order.
        var third = PlanWithMatches();
        third.LogContact(Staff, new ContactData("赵工", ContactChannel.Phone, null), Later);
        var named = third.Candidates.Single(c => c.Kind == CandidateKind.Worker);
        Assert.Equal("candidateId", Assert.Throws<DomainValidationException>(() => third.RecordDeal(Staff, null, null, Later, new DealCounterpart(Guid.NewGuid()))).Field);
        third.RecordDeal(Staff, null, null, Later, new DealCounterpart(named.Id));
        Assert.Equal(named.Id, third.Judgements.Single(j => j.Label == CandidateLabel.Dealt).CandidateId);

        // No counterpart, no label.
        var fourth = PlanWithMatches();
        fourth.LogContact(Staff, new ContactData("李工", ContactChannel.Phone, null), Later);
        fourth.RecordDeal(Staff, null, null, Later);
        Assert.DoesNotContain(fourth.Judgements, j => j.Label == CandidateLabel.Dealt);
    }

    [Fact]
    public void A_plan_needs_a_manual_search_while_no_candidate_it_keeps_is_good()
    {
        var (_, plan) = PublishedNeed(Published);
        Assert.True(plan.NeedsManualSearch);

        plan.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, OfferB, 3, "命中“方法”", Weak: true)], at: Published);
        Assert.True(plan.NeedsManualSearch);

        plan.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, OfferA, 12, "行业相同")], at: Published);
        Assert.False(plan.NeedsManualSearch);

        plan.DropCandidate(Staff, plan.Candidates.Single(c => c.TargetId == OfferA).Id, CandidateDropReason.WrongField, null, Later);
        Assert.True(plan.NeedsManualSearch);

        plan.AddCandidateByHand(Staff, CandidateKind.Worker, WorkerId, null, Later);
        Assert.False(plan.NeedsManualSearch);

        // A weak candidate later found strong by matching counts; a closed plan needs nothing.
        var (_, second) = PublishedNeed(Published);
        second.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, OfferB, 3, "弱", Weak: true)], at: Published);
        second.ProposeCandidates([new CandidateProposal(CandidateKind.Offer, OfferB, 9, "强")], at: Later);
        Assert.False(second.NeedsManualSearch);
        var (_, third) = PublishedNeed(Published);
        third.CloseWithoutDeal(Staff, "企业取消需求", Later);
        Assert.False(third.NeedsManualSearch);
    }

    [Fact]
    public void Labels_and_reasons_have_Chinese_names_and_stable_codes()
    {
        Assert.All(Enum.GetValues<CandidateDropReason>(), r => Assert.NotEqual(r.ToString(), r.Chinese()));
        Assert.All(Enum.GetValues<CandidateLabel>(), l => Assert.NotEqual(l.ToString(), l.Chinese()));
        Assert.Equal(["added", "dropped", "restored", "contacted", "dealt"], Enum.GetValues<CandidateLabel>().Select(l => l.Code()).ToArray());
        Assert.Equal([true, false, null, true, true], Enum.GetValues<CandidateLabel>().Select(l => l.Relevant()).ToArray());
    }
}
