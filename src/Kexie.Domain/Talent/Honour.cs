using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.ThinkTank;

namespace Kexie.Domain.Talent;

/// <summary>The kinds of honours the seeds name (个人 and 集体).</summary>
public enum HonourKind
{
    /// <summary>青年科技奖.</summary>
    YouthScienceAward = 1,

    /// <summary>最美科技工作者.</summary>
    MostBeautifulWorker = 2,

    /// <summary>青年科技人才托举工程.</summary>
    YouthTalentLifting = 3,

    /// <summary>优秀科技人才 / 优秀科技工作者.</summary>
    OutstandingTalent = 4,

    /// <summary>科技助力精准扶贫先进个人.</summary>
    PovertyAlleviation = 5,

    /// <summary>全民科学素质工作先进个人.</summary>
    LiteracyWork = 6,

    /// <summary>乡土科技人才 (十佳乡土科技人才, 百强乡土人才).</summary>
    RuralTalent = 7,

    /// <summary>科普先进工作者.</summary>
    PopularizationWorker = 8,

    /// <summary>优秀基层“三长”.</summary>
    ThreeHeads = 9,

    /// <summary>优秀组织单位 / 优秀执行单位 / 先进集体 (an organization's honour).</summary>
    OrganizationHonour = 20,

    /// <summary>其他荣誉.</summary>
    Other = 99,
}

public enum HonourLevel
{
    National = 1,
    Provincial = 2,
    Prefectural = 3,
    County = 4,
}

public enum HonourCallStatus
{
    /// <summary>推荐中.</summary>
    Open = 1,

    /// <summary>已结束 (results final).</summary>
    Closed = 2,
}

public enum NominationStatus
{
    /// <summary>已推荐, waiting for the result.</summary>
    Nominated = 1,

    /// <summary>入选 / 获评.</summary>
    Selected = 2,

    /// <summary>未入选.</summary>
    NotSelected = 3,
}

public static class HonourNames
{
    public static string Chinese(this HonourKind kind) => kind switch
    {
        HonourKind.YouthScienceAward => "青年科技奖",
        HonourKind.MostBeautifulWorker => "最美科技工作者",
        HonourKind.YouthTalentLifting => "青年科技人才托举工程",
        HonourKind.OutstandingTalent => "优秀科技人才",
        HonourKind.PovertyAlleviation => "科技助力精准扶贫先进个人",
        HonourKind.LiteracyWork => "全民科学素质工作先进个人",
        HonourKind.RuralTalent => "乡土科技人才",
        HonourKind.PopularizationWorker => "科普先进工作者",
        HonourKind.ThreeHeads => "优秀基层“三长”",
        HonourKind.OrganizationHonour => "优秀组织单位",
        _ => "其他荣誉",
    };

    /// <summary>Whether the honour goes to an organization (优秀组织单位…) rather than a person.</summary>
    public static bool ForOrganizations(this HonourKind kind) => kind == HonourKind.OrganizationHonour;

    public static string Chinese(this HonourLevel level) => level switch
    {
        HonourLevel.National => "国家级",
        HonourLevel.Provincial => "省级",
        HonourLevel.Prefectural => "市级",
        _ => "县级",
    };

    public static string Chinese(this HonourCallStatus status) => status == HonourCallStatus.Open ? "推荐中" : "已结束";

    public static string Chinese(this NominationStatus status) => status switch
    {
        NominationStatus.Nominated => "已推荐",
        NominationStatus.Selected => "入选",
        _ => "未入选",
    };

    public static HonourLevel LevelFor(string regionCode) => regionCode.Length switch
    {
        0 => HonourLevel.National,
        2 => HonourLevel.Provincial,
        4 => HonourLevel.Prefectural,
        _ => HonourLevel.County,
    };
}

/// <param name="Name">e.g. 遂宁市2020年青年科技人才托举工程.</param>
/// <param name="ConferredBy">颁授单位 when not the holding association itself (e.g. 中国科协).</param>
/// <param name="Quota">名额 (null: no limit).</param>
/// <param name="AllowsUnitNominations">Whether 学会/协会 may nominate their own members (besides the regions' associations).</param>
public sealed record HonourCallData(string? Name, HonourKind? Kind, int? Year, string? RegionCode, string? ConferredBy = null, int? Quota = null, string? Note = null, bool AllowsUnitNominations = false);

/// <summary>
/// A call for an honour (评选/推荐): a programme of one kind, year and level, run by a region's association, to which the associations
/// of its subtree nominate science workers (or organizations, for an organization honour); the running region decides the results.
/// </summary>
public sealed class HonourCall : Entity, IRegional
{
    private HonourCall()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public HonourKind Kind { get; private set; }

    public int Year { get; private set; }

    public HonourLevel Level { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public string? ConferredBy { get; private set; }

    public int? Quota { get; private set; }

    public string? Note { get; private set; }

    public HonourCallStatus Status { get; private set; } = HonourCallStatus.Open;

    /// <summary>学会（协会）可推荐: a society's 会长/副会长 may nominate its own members (a person's honour only).</summary>
    public bool AllowsUnitNominations { get; private set; }

    public int Version { get; private set; }

    private readonly List<ReviewCriterion> criteria = [];

    /// <summary>The call's own 评审指标 (empty: <see cref="HonourRubric.Default"/> applies); see <see cref="Rubric"/>.</summary>
    public IReadOnlyList<ReviewCriterion> Criteria => criteria;

    /// <summary>The rubric the call's experts score on: its own, or 创新性40、贡献30、影响30 (each scored 0–10).</summary>
    public IReadOnlyList<ReviewCriterion> Rubric => criteria.Count > 0 ? [.. criteria.OrderBy(c => c.Position)] : HonourRubric.Build(null);

    /// <summary>专家评审已结束: the region closed the experts' review (本轮已结束); the region still decides the results.</summary>
    public bool ReviewClosed { get; private set; }

    /// <summary>Whether experts may be assigned and score: the call takes results and its review is not closed.</summary>
    public bool ReviewOpen => Status == HonourCallStatus.Open && !ReviewClosed;

    /// <summary>Sets the call's 评审指标 (weights adding up to 100; none given: the default) while no expert is assigned (<paramref name="assigned"/>).</summary>
    public void SetRubric(IReadOnlyList<ReviewCriterionData>? data, bool assigned, Actor actor)
    {
        RequireAdmin(actor);
        if (!ReviewOpen)
        {
            throw new InvalidTransitionException("专家评审已结束，评审指标不能再改");
        }

        if (assigned)
        {
            throw new DomainValidationException("rubric", "已指派评审专家，评审指标不能再改");
        }

        var rubric = HonourRubric.Build(data);
        criteria.Clear();
        criteria.AddRange(rubric);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>结束专家评审: the assigned experts stop scoring (本轮已结束).</summary>
    public void CloseReview(Actor actor)
    {
        RequireAdmin(actor);
        if (!ReviewOpen)
        {
            throw new InvalidTransitionException("专家评审已结束");
        }

        ReviewClosed = true;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    public static HonourCall Create(HonourCallData data, Actor actor)
    {
        var call = new HonourCall();
        call.Apply(data);
        call.RequireAdmin(actor);
        return call;
    }

    public void Close(Actor actor)
    {
        RequireAdmin(actor);
        if (Status != HonourCallStatus.Open)
        {
            throw new InvalidTransitionException("该评选已结束");
        }

        Status = HonourCallStatus.Closed;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>
    /// Whether the actor opens, closes and decides this call: a manager of the call's region. Which managers is the
    /// permission's decision (`talent.honours.manage`, admins by default).
    /// </summary>
    public bool MayDecide(Actor actor) => actor.Manages(RegionCode);

    public void RequireAdmin(Actor actor)
    {
        if (!MayDecide(actor))
        {
            throw new NotPermittedException("只有举办评选地区的管理人员可以管理该评选");
        }
    }

    private void Apply(HonourCallData data)
    {
        Name = Guard.Required(data.Name, "name", "评选名称", 100);
        Kind = data.Kind is { } kind && Enum.IsDefined(kind) ? kind : throw new DomainValidationException("kind", "请选择荣誉类型");
        Year = data.Year is { } year and >= 1980 and <= 2100 ? year : throw new DomainValidationException("year", "请填写评选年度（如 2021）");
        RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        Level = HonourNames.LevelFor(RegionCode);
        ConferredBy = Guard.Optional(data.ConferredBy, "conferredBy", "颁授单位", 100);
        Quota = data.Quota switch
        {
            null => null,
            < 1 or > 100_000 => throw new DomainValidationException("quota", "名额应为1到100000之间的整数"),
            var q => q,
        };
        Note = Guard.Optional(data.Note, "note", "备注", 500);
        if (data.AllowsUnitNominations && Kind.ForOrganizations())
        {
            throw new DomainValidationException("allowsUnitNominations", "集体荣誉不接受学会（协会）推荐会员");
        }

        AllowsUnitNominations = data.AllowsUnitNominations;
    }
}

/// <summary>
/// A nomination (推荐) of a science worker — or an organization, for an organization honour — to a call, by the association of a
/// region that holds the nominee; the call's region decides: 入选 (the honour shows on the nominee's profile) or 未入选.
/// </summary>
public sealed class Nomination : Entity, IRegional
{
    private Nomination()
    {
    }

    public Guid CallId { get; private set; }

    public Guid? WorkerId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    /// <summary>The nominee's name when nominated (kept if the record goes).</summary>
    public string NomineeName { get; private set; } = string.Empty;

    /// <summary>The nominee's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The region whose association nominated (the nominator's managed region).</summary>
    public string NominatedByRegionCode { get; private set; } = string.Empty;

    public string? NominatedByName { get; private set; }

    /// <summary>The 学会/协会 that nominated its member (null: a region's association nominated).</summary>
    public Guid? NominatedByAssociationId { get; private set; }

    /// <summary>The nominating 学会/协会's name ("由大英县医学会推荐").</summary>
    public string? NominatedByUnitName { get; private set; }

    /// <summary>Who nominated in the words the lists show: the society, else the region (<paramref name="regionName"/>).</summary>
    public static string NominatedByText(string? unitName, string regionName) => $"由{unitName ?? regionName}推荐";

    /// <summary>推荐理由 / 主要事迹.</summary>
    public string Reason { get; private set; } = string.Empty;

    public NominationStatus Status { get; private set; } = NominationStatus.Nominated;

    public string? DecisionNote { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public int Version { get; private set; }

    /// <summary>Nominates a worker or an organization (exactly one) of <paramref name="nomineeRegion"/> by an admin of a region holding it, to an open call whose region holds it.</summary>
    public static Nomination Nominate(HonourCall call, Guid? workerId, Guid? organizationId, string nomineeName, string nomineeRegion, string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Status != HonourCallStatus.Open)
        {
            throw new InvalidTransitionException("该评选已结束，不再接受推荐");
        }

        var field = call.Kind.ForOrganizations() ? "organizationId" : "workerId";
        if (call.Kind.ForOrganizations() ? organizationId is null || workerId is not null : workerId is null || organizationId is not null)
        {
            throw new DomainValidationException(field, call.Kind.ForOrganizations() ? "集体荣誉请选择推荐的单位" : "请选择推荐的科技工作者");
        }

        // A manager nominates within its own region; `talent.honours.nominate` says which managers (admins by default).
        if (actor.ManagedScope is not { } scope || !Regions.RegionCode.IsWithin(nomineeRegion, scope))
        {
            throw new NotPermittedException("只能推荐本地区（含下级）的科技工作者或单位");
        }

        if (!Regions.RegionCode.IsWithin(nomineeRegion, call.RegionCode))
        {
            throw new DomainValidationException(field, "被推荐人不在该评选的范围之内");
        }

        return new Nomination
        {
            CallId = call.Id, WorkerId = workerId, OrganizationId = organizationId, NomineeName = nomineeName, RegionCode = nomineeRegion,
            NominatedByRegionCode = scope.Length == 0 ? nomineeRegion : scope, NominatedByName = actor.Name,
            Reason = Guard.Required(reason, "reason", "推荐理由", 1000),
        };
    }

    /// <summary>
    /// A 学会/协会 nominates one of its own members (a science worker) to an open call that takes nominations from societies: by its 会长 or
    /// 副会长 (<paramref name="leadsUnit"/>), the society and the nominee within the call's region. Whether the nominee is a member is the
    /// caller's look-up (others are not found); the call's region reviews it as it does the regions' nominations.
    /// </summary>
    public static Nomination NominateAsUnit(HonourCall call, ManagedAssociation unit, bool leadsUnit, Guid workerId, string nomineeName, string nomineeRegion, string? reason, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(unit);
        if (!leadsUnit || !actor.IsAuthenticated)
        {
            throw new NotPermittedException("只有学会（协会）的会长、副会长可以以本会名义推荐");
        }

        if (call.Status != HonourCallStatus.Open)
        {
            throw new InvalidTransitionException("该评选已结束，不再接受推荐");
        }

        if (!call.AllowsUnitNominations || call.Kind.ForOrganizations())
        {
            throw new InvalidTransitionException("该评选不接受学会（协会）推荐");
        }

        if (!Regions.RegionCode.IsWithin(unit.RegionCode, call.RegionCode) || !Regions.RegionCode.IsWithin(nomineeRegion, call.RegionCode))
        {
            throw new DomainValidationException("workerId", "被推荐人不在该评选的范围之内");
        }

        return new Nomination
        {
            CallId = call.Id, WorkerId = workerId, NomineeName = nomineeName, RegionCode = nomineeRegion,
            NominatedByRegionCode = unit.RegionCode, NominatedByAssociationId = unit.Id, NominatedByUnitName = unit.Name, NominatedByName = actor.Name,
            Reason = Guard.Required(reason, "reason", "推荐理由", 1000),
        };
    }

    /// <summary>The call's region decides; within the quota (<paramref name="selectedAlready"/> counts the others already selected).</summary>
    public void Decide(HonourCall call, bool selected, string? note, int selectedAlready, DateOnly on, Actor actor)
    {
        call.RequireAdmin(actor);
        if (call.Id != CallId)
        {
            throw new InvalidOperationException("推荐与评选不一致");
        }

        if (call.Status != HonourCallStatus.Open)
        {
            throw new InvalidTransitionException("该评选已结束，结果不能再改");
        }

        if (selected && Status != NominationStatus.Selected && call.Quota is { } quota && selectedAlready >= quota)
        {
            throw new InvalidTransitionException($"该评选的名额（{quota}名）已满");
        }

        Status = selected ? NominationStatus.Selected : NominationStatus.NotSelected;
        DecisionNote = Guard.Optional(note, "note", "评选意见", 500);
        DecidedOn = on;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }
}
