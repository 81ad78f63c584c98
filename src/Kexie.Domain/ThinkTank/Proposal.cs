using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.ThinkTank;

public sealed record ProposalData(string? Title, string? Content, string? ProposerName, string? ProposerOrganization, string? RegionCode);

/// <summary>
/// 建言献策: a proposal submitted by a signed-in user (science worker, organization member, staff on someone's behalf)
/// to the association of its region, which forwards it; it ends adopted (采纳) by a level (county, city, province,
/// national), with who adopted it, or not adopted with a reason. Association admins of the region (or above) record
/// the outcome. Counted (D02) on the day of adoption.
/// </summary>
public sealed class Proposal : Entity, IRegional
{
    private Proposal()
    {
    }

    public string Title { get; private set; } = string.Empty;

    public string Content { get; private set; } = string.Empty;

    public string ProposerName { get; private set; } = string.Empty;

    public string? ProposerOrganization { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? SubmittedByUserId { get; private set; }

    public ProposalStatus Status { get; private set; } = ProposalStatus.Submitted;

    public AdoptionLevel? AdoptionLevel { get; private set; }

    /// <summary>采纳单位 / 批示领导, e.g. “大英县人民政府”.</summary>
    public string? AdoptedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public int Version { get; private set; }

    public static Proposal Submit(ProposalData data, Actor actor, DateTimeOffset? at = null)
    {
        if (!actor.IsAuthenticated || actor.UserId is null)
        {
            throw new NotPermittedException("请先登录再提交建言");
        }

        var proposal = new Proposal
        {
            Title = Guard.Required(data.Title, "title", "建言标题", MarketRules.TitleMaxLength),
            Content = Guard.Required(data.Content, "content", "建言内容", MarketRules.DescriptionMaxLength),
            ProposerName = Guard.Required(data.ProposerName, "proposerName", "建言人", 50),
            ProposerOrganization = Guard.Optional(data.ProposerOrganization, "proposerOrganization", "所在单位", 100),
            RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"),
            SubmittedByUserId = actor.UserId,
        };
        if (actor.IsRegionManager && !actor.Manages(proposal.RegionCode))
        {
            throw new NotPermittedException("不能为本地区以外的建言人代为提交");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        proposal.CreatedAt = when;
        proposal.UpdatedAt = when;
        return proposal;
    }

    public bool IsProposer(Actor actor) => actor.UserId is not null && actor.UserId == SubmittedByUserId;

    /// <summary>
    /// A manager of the proposal's region (or above) records whether it was adopted. Which managers — by default the
    /// association admins — is <c>thinktank.proposals.decide</c>'s grant, decided by the <c>AccessPolicy</c> before this rule is asked.
    /// </summary>
    public bool MayDecide(Actor actor) => actor.Manages(RegionCode);

    public bool IsVisibleTo(Actor actor) => IsProposer(actor) || actor.Manages(RegionCode);

    /// <summary>Submitted → Adopted at a level, by whom (a manager of the region or above; see <see cref="MayDecide"/>).</summary>
    public void Adopt(AdoptionLevel level, string? adoptedBy, string? note, Actor actor, DateTimeOffset? at = null)
    {
        RequireDecider(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        AdoptionLevel = ContactRulesEnum(level);
        AdoptedBy = Guard.Required(adoptedBy, "adoptedBy", "采纳单位", 100);
        DecisionNote = Guard.Optional(note, "note", "采纳情况", MarketRules.NoteMaxLength);
        DecidedAt = when;
        Status = ProposalStatus.Adopted;
        Touch(when);
    }

    /// <summary>Submitted → NotAdopted with a reason.</summary>
    public void Decline(string? reason, Actor actor, DateTimeOffset? at = null)
    {
        RequireDecider(actor);
        DecisionNote = MarketRules.Reason(reason, "未采纳原因");
        var when = at ?? DateTimeOffset.UtcNow;
        DecidedAt = when;
        Status = ProposalStatus.NotAdopted;
        Touch(when);
    }

    private static AdoptionLevel ContactRulesEnum(AdoptionLevel level) => Kexie.Domain.Directory.ContactRules.Enum(level, "level", "采纳层级");

    private void RequireDecider(Actor actor)
    {
        if (!MayDecide(actor))
        {
            throw new NotPermittedException("只有建言所属地区（或上级）的管理人员可以登记建言的采纳情况");
        }

        if (Status != ProposalStatus.Submitted)
        {
            throw new InvalidTransitionException($"建言已{Status.Chinese()}，不能重复处理");
        }
    }

    private void Touch(DateTimeOffset when)
    {
        UpdatedAt = when;
        Version++;
    }
}
