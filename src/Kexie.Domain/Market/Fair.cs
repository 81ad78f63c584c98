using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

public enum FairStatus
{
    /// <summary>进行中 (the fair is always open until closed).</summary>
    Open = 1,

    /// <summary>已闭幕.</summary>
    Closed = 2,
}

/// <summary>The three categories of fair projects.</summary>
public enum FairCategory
{
    /// <summary>技术推广.</summary>
    TechnologyToPromote = 1,

    /// <summary>成果转化.</summary>
    AchievementToCommercialise = 2,

    /// <summary>难题求解.</summary>
    ProblemToSolve = 3,
}

public static class FairNames
{
    public static string Chinese(this FairCategory category) => category switch
    {
        FairCategory.TechnologyToPromote => "技术推广",
        FairCategory.AchievementToCommercialise => "成果转化",
        FairCategory.ProblemToSolve => "难题求解",
        _ => category.ToString(),
    };
}

public sealed record FairData(string? Name, string? Description, string? RegionCode, Guid AssociationId);

/// <summary>
/// 科创会: an always-open fair run by an association for its region. Association admins of the region open,
/// edit, close and reopen it; projects are collected into it while it is open.
/// </summary>
public sealed class Fair : Entity, IRegional
{
    private Fair()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public Guid AssociationId { get; private set; }

    public FairStatus Status { get; private set; } = FairStatus.Open;

    public DateTimeOffset OpenedAt { get; private set; }

    public string? OpenedByUserId { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => Status == FairStatus.Open;

    public static Fair Open(FairData data, Actor actor, DateTimeOffset? at = null)
    {
        var fair = new Fair();
        fair.Apply(data);
        fair.RequireAdmin(actor);
        var when = at ?? DateTimeOffset.UtcNow;
        fair.OpenedAt = when;
        fair.OpenedByUserId = actor.UserId;
        fair.CreatedAt = when;
        fair.UpdatedAt = when;
        return fair;
    }

    public void Update(FairData data, Actor actor, DateTimeOffset? at = null)
    {
        RequireAdmin(actor);
        if (Regions.RegionCode.Validate(data.RegionCode, "regionCode") != RegionCode)
        {
            throw new DomainValidationException("regionCode", "不能更改科创会所属地区");
        }

        Apply(data);
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    public void Close(Actor actor, DateTimeOffset? at = null)
    {
        RequireAdmin(actor);
        if (!IsOpen)
        {
            throw new InvalidTransitionException("科创会已闭幕");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Status = FairStatus.Closed;
        ClosedAt = when;
        UpdatedAt = when;
    }

    public void Reopen(Actor actor, DateTimeOffset? at = null)
    {
        RequireAdmin(actor);
        if (IsOpen)
        {
            throw new InvalidTransitionException("科创会正在进行中");
        }

        Status = FairStatus.Open;
        ClosedAt = null;
        UpdatedAt = at ?? DateTimeOffset.UtcNow;
    }

    /// <summary>The public catalogue: the selected projects of this fair, optionally of one category, newest selection first.</summary>
    public IEnumerable<FairProject> Catalogue(IEnumerable<FairProject> projects, FairCategory? category = null) =>
        projects
            .Where(p => p.FairId == Id && p.IsSelected && (category is null || p.Category == category))
            .OrderByDescending(p => p.PublishedAt);

    private void Apply(FairData data)
    {
        Name = Guard.Required(data.Name, "name", "科创会名称", MarketRules.TitleMaxLength);
        Description = Guard.Optional(data.Description, "description", "科创会简介", MarketRules.DescriptionMaxLength);
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        AssociationId = data.AssociationId != Guid.Empty
            ? data.AssociationId
            : throw new DomainValidationException("associationId", "主办科协不能为空");
    }

    private void RequireAdmin(Actor actor)
    {
        if (!actor.Manages(RegionCode))
        {
            throw new NotPermittedException("只有本地区（含下级）的管理人员可以管理该科创会");
        }
    }
}

/// <summary>
/// The facts of a fair project. Submitted by a science worker or an organization (exactly one); may link the
/// offer or need it comes from. Its region must lie within the fair's region.
/// </summary>
public sealed record FairProjectData(
    FairCategory Category,
    string? Title,
    string? Description,
    Guid? ScienceWorkerId,
    Guid? OrganizationId,
    string? RegionCode,
    IReadOnlyList<string>? DisciplineCodes = null,
    IReadOnlyList<string>? IndustryCodes = null,
    Guid? OfferId = null,
    Guid? NeedId = null);

/// <summary>
/// A project entered into a fair. It follows the <see cref="Reviewable"/> workflow, where publishing is
/// selection (<see cref="Select"/>, 入选) and rejection is 未入选; reviewers are association admins of the
/// fair's region. Selected projects form the public catalogue.
/// </summary>
public sealed class FairProject : Reviewable
{
    private FairProject()
    {
    }

    public Guid FairId { get; private set; }

    /// <summary>The fair's region: who reviews.</summary>
    public string FairRegionCode { get; private set; } = string.Empty;

    public FairCategory Category { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public Guid? ScienceWorkerId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public string[] DisciplineCodes { get; private set; } = [];

    public string[] IndustryCodes { get; private set; } = [];

    public Guid? OfferId { get; private set; }

    public Guid? NeedId { get; private set; }

    /// <summary>入选: in the public catalogue.</summary>
    public bool IsSelected => IsPublished;

    protected override string Noun => "科创会项目";

    /// <summary>Creates a draft entry of an open fair, by its worker or organization or a region manager on their behalf.</summary>
    public static FairProject Create(Fair fair, FairProjectData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(fair);
        if (!fair.IsOpen)
        {
            throw new InvalidTransitionException("科创会已闭幕，不能再征集项目");
        }

        var project = new FairProject { FairId = fair.Id, FairRegionCode = fair.RegionCode };
        project.Apply(data, codes);
        if (!project.MayEdit(actor))
        {
            throw new NotPermittedException("只能以本人或本单位名义申报科创会项目，或由本地区服务人员代为申报");
        }

        project.Created(actor, at ?? DateTimeOffset.UtcNow);
        return project;
    }

    public override bool IsOwnedBy(Actor actor) =>
        (ScienceWorkerId is { } worker && actor.ScienceWorkerId == worker)
        || (OrganizationId is { } organization && actor.OrganizationId == organization);

    /// <summary>A manager of the fair's region; which managers select projects is <c>market.fairs.review</c>'s grant.</summary>
    public override bool MayReview(Actor actor) => actor.Manages(FairRegionCode);

    public void Update(FairProjectData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        if (data.ScienceWorkerId != ScienceWorkerId || data.OrganizationId != OrganizationId)
        {
            throw new DomainValidationException("scienceWorkerId", "不能更改申报人");
        }

        Apply(data, codes);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted → Published (入选), by an association admin of the fair's region.</summary>
    public void Select(Actor actor, DateTimeOffset? at = null) => PublishCore(actor, at ?? DateTimeOffset.UtcNow, "评选");

    private void Apply(FairProjectData data, MarketCodes codes)
    {
        Category = MarketRules.Defined(data.Category, "category", "项目类别");
        Title = Guard.Required(data.Title, "title", "项目名称", MarketRules.TitleMaxLength);
        Description = Guard.Required(data.Description, "description", "项目简介", MarketRules.DescriptionMaxLength);
        var worker = data.ScienceWorkerId == Guid.Empty ? null : data.ScienceWorkerId;
        var organization = data.OrganizationId == Guid.Empty ? null : data.OrganizationId;
        if (worker is null == organization is null)
        {
            throw new DomainValidationException("scienceWorkerId", "申报人必须是一名科技工作者或一个单位（二者选一）");
        }

        ScienceWorkerId = worker;
        OrganizationId = organization;
        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!Regions.RegionCode.IsWithin(region, FairRegionCode))
        {
            throw new DomainValidationException("regionCode", "项目所在地区不在本科创会的范围内");
        }

        RegionCode = region;
        DisciplineCodes = MarketRules.Disciplines(data.DisciplineCodes, codes);
        IndustryCodes = MarketRules.Industries(data.IndustryCodes, codes);
        OfferId = data.OfferId == Guid.Empty ? null : data.OfferId;
        NeedId = data.NeedId == Guid.Empty ? null : data.NeedId;
    }
}
