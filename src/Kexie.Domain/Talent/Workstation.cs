using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

/// <summary>Kinds of workstations and bases the seeds count.</summary>
public enum WorkstationKind
{
    /// <summary>院士(专家)工作站.</summary>
    AcademicianWorkstation = 1,

    /// <summary>专家工作站.</summary>
    ExpertWorkstation = 2,

    /// <summary>科技小院.</summary>
    ScienceCourtyard = 3,

    /// <summary>专家服务团.</summary>
    ExpertServiceTeam = 4,

    /// <summary>产学研合作项目.</summary>
    CooperationProject = 5,
}

public enum WorkstationStatus
{
    /// <summary>运行中.</summary>
    Active = 1,

    /// <summary>已撤销 / 已结束 (counted up to its end).</summary>
    Ended = 2,
}

public static class WorkstationNames
{
    public static string Chinese(this WorkstationKind kind) => kind switch
    {
        WorkstationKind.AcademicianWorkstation => "院士(专家)工作站",
        WorkstationKind.ExpertWorkstation => "专家工作站",
        WorkstationKind.ScienceCourtyard => "科技小院",
        WorkstationKind.ExpertServiceTeam => "专家服务团",
        _ => "产学研合作项目",
    };

    /// <summary>The measure word of a kind in a count ("24家", "71人" is a team's experts).</summary>
    public static string Unit(this WorkstationKind kind) => kind switch
    {
        WorkstationKind.ExpertServiceTeam => "个",
        WorkstationKind.CooperationProject => "个",
        _ => "家",
    };

    public static string Chinese(this WorkstationStatus status) => status == WorkstationStatus.Active ? "运行中" : "已结束";

    /// <summary>Whether a 授牌单位 is 中国农技协 (中国农村专业技术协会), by either name: "3家企业被中国农技协授牌".</summary>
    public static bool IsChinaRuralTechAssociation(string? accreditedBy) =>
        accreditedBy?.Trim() is "中国农技协" or "中国农村专业技术协会";
}

/// <param name="FoundedOn">建站（授牌、成立、签约）日期.</param>
/// <param name="AccreditedBy">授牌单位 (e.g. 中国农技协).</param>
public sealed record WorkstationData(
    string? Name, WorkstationKind? Kind, HonourLevel? Level, DateOnly? FoundedOn, string? AccreditedBy = null, string? Field = null, string? Note = null);

/// <summary>
/// A workstation or base: 院士(专家)工作站, 科技小院, 专家服务团, 产学研合作项目 — hosted by an organization of the directory (named
/// by it, its name kept), with its level, founding date and the science workers linked to it as experts; counted by kind and level
/// for a region ("全州建立专家工作站24家").
/// </summary>
public sealed class Workstation : Entity, IRegional
{
    public const int MaxExperts = 200;

    private Workstation()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public WorkstationKind Kind { get; private set; }

    public HonourLevel Level { get; private set; }

    /// <summary>The host organization's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public Guid? HostOrganizationId { get; private set; }

    public string HostName { get; private set; } = string.Empty;

    public Guid[] ExpertWorkerIds { get; private set; } = [];

    public DateOnly FoundedOn { get; private set; }

    public string? AccreditedBy { get; private set; }

    /// <summary>领域 / 产业 (e.g. 柑橘种植).</summary>
    public string? Field { get; private set; }

    public string? Note { get; private set; }

    public WorkstationStatus Status { get; private set; } = WorkstationStatus.Active;

    public DateOnly? EndedOn { get; private set; }

    public int Version { get; private set; }

    public static Workstation Create(WorkstationData data, Guid hostId, string hostName, string hostRegion, IReadOnlyCollection<Guid> experts, Actor actor, DateOnly today)
    {
        var station = new Workstation();
        station.Apply(data, hostId, hostName, hostRegion, experts, today);
        station.RequireManager(actor);
        return station;
    }

    public void Update(WorkstationData data, Guid hostId, string hostName, string hostRegion, IReadOnlyCollection<Guid> experts, Actor actor, DateOnly today)
    {
        RequireManager(actor);
        Apply(data, hostId, hostName, hostRegion, experts, today);
        RequireManager(actor);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>撤销 / 结束 on a day (not before the founding nor in the future).</summary>
    public void End(DateOnly on, DateOnly today, Actor actor)
    {
        RequireManager(actor);
        if (Status != WorkstationStatus.Active)
        {
            throw new InvalidTransitionException("该记录已结束");
        }

        if (on < FoundedOn || on > today)
        {
            throw new DomainValidationException("endedOn", "结束日期应在建立日期与今天之间");
        }

        Status = WorkstationStatus.Ended;
        EndedOn = on;
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    public bool MayManage(Actor actor) => actor.Manages(RegionCode);

    public void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new NotPermittedException("只有依托单位所在地区的服务中心工作人员或科协管理员可以管理该记录");
        }
    }

    private void Apply(WorkstationData data, Guid hostId, string hostName, string hostRegion, IReadOnlyCollection<Guid> experts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(data);
        Name = Guard.Required(data.Name, "name", "名称", 100);
        Kind = data.Kind is { } kind && Enum.IsDefined(kind) ? kind : throw new DomainValidationException("kind", "请选择类型（院士(专家)工作站、科技小院等）");
        Level = data.Level is { } level && Enum.IsDefined(level) ? level : throw new DomainValidationException("level", "请选择级别");
        FoundedOn = data.FoundedOn is { } founded
            ? founded <= today ? founded : throw new DomainValidationException("foundedOn", "建立日期不能晚于今天")
            : throw new DomainValidationException("foundedOn", "请填写建立（授牌）日期");
        AccreditedBy = Guard.Optional(data.AccreditedBy, "accreditedBy", "授牌单位", 100);
        Field = Guard.Optional(data.Field, "field", "领域", 100);
        Note = Guard.Optional(data.Note, "note", "备注", 500);
        HostOrganizationId = hostId;
        HostName = hostName;
        RegionCode = hostRegion;
        var list = experts.Distinct().ToArray();
        ExpertWorkerIds = list.Length <= MaxExperts ? list : throw new DomainValidationException("expertWorkerIds", $"专家最多{MaxExperts}人");
        if (Kind == WorkstationKind.ExpertServiceTeam && list.Length == 0)
        {
            throw new DomainValidationException("expertWorkerIds", "专家服务团请至少选择一位专家");
        }
    }
}

/// <param name="Projects">承担或参与的科研、技术攻关、合作项目（个）.</param>
/// <param name="Patents">获得授权的专利（件）.</param>
/// <param name="Trainings">开展的技术培训（场次）.</param>
/// <param name="Trainees">培训人次.</param>
public sealed record WorkstationOutputData(int? Year, int? Projects, int? Patents, int? Trainings, int? Trainees = null, string? Note = null);

/// <summary>
/// A workstation's or base's output in one year (年度成果): projects taken on, patents granted, trainings held and the people trained — what
/// the station reports for its yearly review, kept by the managers of its region; one per station and year (a second report of the year
/// corrects the first). Counted for a region's year in the workstations' statistics ("承担项目12个、获得专利5件、开展培训30场次").
/// </summary>
public sealed class WorkstationOutput : Entity, IRegional
{
    public const int MaxCount = 100_000;

    private WorkstationOutput()
    {
    }

    public Guid WorkstationId { get; private set; }

    /// <summary>The station's region, for scope and counts.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public int Year { get; private set; }

    public int Projects { get; private set; }

    public int Patents { get; private set; }

    public int Trainings { get; private set; }

    public int Trainees { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    /// <summary>
    /// The year's output of <paramref name="station"/>: a year from its founding to this year (and not after it ended), counts of zero or
    /// more, at least one of them above zero.
    /// </summary>
    public static WorkstationOutput Record(Workstation station, WorkstationOutputData data, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(station);
        station.RequireManager(actor);
        var output = new WorkstationOutput { WorkstationId = station.Id, RegionCode = station.RegionCode };
        output.Apply(station, data, today);
        return output;
    }

    /// <summary>Corrects the year's figures (the year stays).</summary>
    public void Correct(Workstation station, WorkstationOutputData data, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(station);
        station.RequireManager(actor);
        Apply(station, data with { Year = Year }, today);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    private void Apply(Workstation station, WorkstationOutputData data, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(data);
        var year = data.Year ?? throw new DomainValidationException("year", "请填写成果年度");
        var last = station.EndedOn is { } ended && ended.Year < today.Year ? ended.Year : today.Year;
        if (year < station.FoundedOn.Year || year > last)
        {
            throw new DomainValidationException("year", $"成果年度应在{station.FoundedOn.Year}年（建立）到{last}年之间");
        }

        Year = year;
        Projects = Count(data.Projects, "projects", "承担项目数");
        Patents = Count(data.Patents, "patents", "获得专利数");
        Trainings = Count(data.Trainings, "trainings", "培训场次");
        Trainees = Count(data.Trainees, "trainees", "培训人次");
        if (Projects + Patents + Trainings + Trainees == 0)
        {
            throw new DomainValidationException("projects", "请至少填写一项成果（项目、专利、培训）");
        }

        if (Trainees > 0 && Trainings == 0)
        {
            throw new DomainValidationException("trainings", "填写了培训人次时请填写培训场次");
        }

        Note = Guard.Optional(data.Note, "note", "成果说明", 500);
    }

    private static int Count(int? value, string field, string label) => value switch
    {
        null => 0,
        < 0 or > MaxCount => throw new DomainValidationException(field, $"{label}应为0到{MaxCount}之间的整数"),
        { } v => v,
    };
}
