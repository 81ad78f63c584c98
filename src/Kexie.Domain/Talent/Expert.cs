using Kexie.Domain.Common;
using Kexie.Domain.Directory;

namespace Kexie.Domain.Talent;

/// <summary>专家级别: which level's expert database admitted the expert.</summary>
public enum ExpertLevel
{
    /// <summary>国家级.</summary>
    National = 1,

    /// <summary>省级.</summary>
    Provincial = 2,

    /// <summary>市级.</summary>
    Municipal = 3,

    /// <summary>县级.</summary>
    County = 4,
}

/// <summary>Chinese names of <see cref="ExpertLevel"/>, for pages, exports and imports.</summary>
public static class ExpertLevelNames
{
    public static string Chinese(this ExpertLevel level) => level switch
    {
        ExpertLevel.National => "国家级",
        ExpertLevel.Provincial => "省级",
        ExpertLevel.Municipal => "市级",
        _ => "县级",
    };

    /// <summary>The level named <paramref name="name"/> (国家级、省级、市级、县级); null when it is none of them.</summary>
    public static ExpertLevel? Parse(string? name) => Enum.GetValues<ExpertLevel>().Cast<ExpertLevel?>().FirstOrDefault(l => l!.Value.Chinese() == name?.Trim());
}

public enum ExpertStatus
{
    /// <summary>在库.</summary>
    Active = 1,

    /// <summary>已退出.</summary>
    Withdrawn = 2,
}

/// <param name="Level">专家级别.</param>
/// <param name="Expertise">专长领域: one line, what the expert is sought for.</param>
/// <param name="ResearchDirections">研究方向: 1–10 short phrases.</param>
/// <param name="Profile">专家简介.</param>
public sealed record ExpertData(ExpertLevel? Level, string? Expertise, IReadOnlyList<string>? ResearchDirections, string? Profile);

/// <summary>
/// An entry of the expert database (专家库; 恩施: 436 experts): a science worker of the directory admitted as an
/// expert of some level, with what they are sought for. One entry per worker; withdrawing keeps the record.
/// Experts are matched to needs (一单一策 candidates) as their own kind.
/// </summary>
public sealed class Expert : Entity, IRegional
{
    public const int MaxDirections = 10;

    private Expert()
    {
    }

    public Guid WorkerId { get; private set; }

    /// <summary>The worker's region when admitted or last edited (scope of the entry).</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public ExpertLevel Level { get; private set; }

    public string Expertise { get; private set; } = string.Empty;

    public string[] ResearchDirections { get; private set; } = [];

    public string? Profile { get; private set; }

    public ExpertStatus Status { get; private set; } = ExpertStatus.Active;

    public DateOnly AdmittedOn { get; private set; }

    public DateOnly? WithdrawnOn { get; private set; }

    public string? WithdrawReason { get; private set; }

    /// <summary>Admits <paramref name="worker"/> to the expert database on <paramref name="on"/>.</summary>
    public static Expert Admit(ScienceWorker worker, ExpertData data, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var expert = new Expert { WorkerId = worker.Id, AdmittedOn = on };
        expert.Update(worker, data);
        return expert;
    }

    /// <summary>Edits the entry; the region follows the worker's.</summary>
    public void Update(ScienceWorker worker, ExpertData data)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(data);
        if (worker.Id != WorkerId)
        {
            throw new InvalidOperationException("专家条目与科技工作者不一致");
        }

        Level = data.Level is { } level && Enum.IsDefined(level)
            ? level
            : throw new DomainValidationException("level", "请选择专家级别（国家级、省级、市级或县级）");
        Expertise = Guard.Required(data.Expertise, "expertise", "专长领域", 100);
        ResearchDirections = Directions(data.ResearchDirections);
        Profile = Guard.Optional(data.Profile, "profile", "专家简介", 2000);
        RegionCode = worker.RegionCode;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>退出专家库, with the reason.</summary>
    public void Withdraw(string? reason, DateOnly on)
    {
        if (Status != ExpertStatus.Active)
        {
            throw new InvalidTransitionException("该专家已退出专家库");
        }

        WithdrawReason = Guard.Required(reason, "reason", "退出原因", 200);
        Status = ExpertStatus.Withdrawn;
        WithdrawnOn = on;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>重新入库 after a withdrawal.</summary>
    public void Reinstate(DateOnly on)
    {
        if (Status != ExpertStatus.Withdrawn)
        {
            throw new InvalidTransitionException("只有已退出的专家可以重新入库");
        }

        Status = ExpertStatus.Active;
        AdmittedOn = on;
        WithdrawnOn = null;
        WithdrawReason = null;
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    private static string[] Directions(IReadOnlyList<string>? values)
    {
        var list = new List<string>();
        foreach (var value in values ?? [])
        {
            var direction = Guard.Optional(value, "researchDirections", "研究方向", 30);
            if (direction is not null && !list.Contains(direction))
            {
                list.Add(direction);
            }
        }

        if (list.Count == 0)
        {
            throw new DomainValidationException("researchDirections", "请至少填写一个研究方向");
        }

        return list.Count > MaxDirections
            ? throw new DomainValidationException("researchDirections", $"研究方向最多{MaxDirections}个")
            : [.. list];
    }
}
