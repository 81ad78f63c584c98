using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

public sealed record StorefrontData(string? Name, string? TeamName, string? Introduction, string? RegionCode, IReadOnlyList<Guid>? MemberWorkerIds);

/// <summary>The actions on a storefront a DTO lists for its caller (<see cref="Storefront.ActionsFor"/>).</summary>
public static class StorefrontActions
{
    public const string Edit = "edit";
    public const string Open = "open";
    public const string Close = "close";
}

/// <summary>
/// 科创工作室: the storefront of a science worker or of a team led by one. Its offers point to it by
/// <see cref="Offer.StorefrontId"/>. The owner and region managers edit it.
/// </summary>
public sealed class Storefront : Entity, IRegional
{
    public const int MaxMembers = 50;

    private Storefront()
    {
    }

    public Guid OwnerWorkerId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>团队名称 when the storefront is a team's; null for a single worker.</summary>
    public string? TeamName { get; private set; }

    public string? Introduction { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>Other workers of the team (the owner excluded).</summary>
    public Guid[] MemberWorkerIds { get; private set; } = [];

    public bool IsOpen { get; private set; } = true;

    public bool IsTeam => TeamName is not null;

    public static Storefront Create(Guid ownerWorkerId, StorefrontData data, Actor actor, DateTimeOffset? at = null)
    {
        if (ownerWorkerId == Guid.Empty)
        {
            throw new DomainValidationException("ownerWorkerId", "工作室负责人不能为空");
        }

        var storefront = new Storefront { OwnerWorkerId = ownerWorkerId };
        storefront.Apply(data);
        storefront.RequireManager(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        storefront.CreatedAt = when;
        storefront.UpdatedAt = when;
        return storefront;
    }

    /// <summary>Who may open a storefront: a science worker for themself, or a region's managers for a worker of their region.</summary>
    public static bool MayOpen(Actor actor) => actor.ScienceWorkerId is not null || actor.IsRegionManager;

    public bool MayManage(Actor actor) =>
        actor.ScienceWorkerId == OwnerWorkerId || (actor.Manages(RegionCode));

    /// <summary>
    /// What <paramref name="actor"/> may do to the storefront (named as the API's paths, <see cref="StorefrontActions"/>): its
    /// owner and the managers of its region edit it and close it when open or open it when closed; nobody else anything.
    /// </summary>
    public IReadOnlyList<string> ActionsFor(Actor actor) =>
        !MayManage(actor) ? [] : [StorefrontActions.Edit, IsOpen ? StorefrontActions.Close : StorefrontActions.Open];

    public void Update(StorefrontData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        Apply(data);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    public void SetOpen(bool open, Actor actor, DateTimeOffset? at = null)
    {
        RequireManager(actor);
        IsOpen = open;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    private void Apply(StorefrontData data)
    {
        Name = Guard.Required(data.Name, "name", "工作室名称", 50);
        TeamName = Guard.Optional(data.TeamName, "teamName", "团队名称", 50);
        Introduction = Guard.Optional(data.Introduction, "introduction", "工作室简介", 2000);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        var members = (data.MemberWorkerIds ?? []).Where(id => id != OwnerWorkerId).Distinct().ToArray();
        if (members.Contains(Guid.Empty))
        {
            throw new DomainValidationException("memberWorkerIds", "团队成员不能为空");
        }

        if (members.Length > MaxMembers)
        {
            throw new DomainValidationException("memberWorkerIds", $"团队成员最多{MaxMembers}人");
        }

        if (members.Length > 0 && TeamName is null)
        {
            throw new DomainValidationException("teamName", "有团队成员时必须填写团队名称");
        }

        MemberWorkerIds = members;
    }

    private void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有工作室负责人或本地区服务人员可以管理该工作室");
        }
    }
}
