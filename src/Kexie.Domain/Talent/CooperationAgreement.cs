using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Talent;

/// <param name="Subject">合作内容.</param>
/// <param name="Institution">合作的高校、科研院所 (as named in the agreement; optional when experts or organizations are parties).</param>
/// <param name="AmountWan">合同金额（万元）, optional.</param>
public sealed record CooperationAgreementData(string? Subject, DateOnly? SignedOn, string? Institution = null, decimal? AmountWan = null);

/// <summary>A party of an agreement already resolved by the caller's visibility: its id and the name it had.</summary>
public sealed record AgreementParty(Guid Id, string Name);

/// <summary>
/// 产学研合作协议: an agreement signed under a 产学研合作项目 (a <see cref="Workstation"/> of kind <see cref="WorkstationKind.CooperationProject"/>)
/// between organizations of the directory and experts (science workers) or an institution named in words, on a day, with an optional
/// amount — "产学研合作项目7个、合作协议286份" counts the projects and these. Kept by the managers of the project's region.
/// </summary>
public sealed class CooperationAgreement : Entity, IRegional
{
    public const int MaxParties = 50;

    private CooperationAgreement()
    {
    }

    public Guid WorkstationId { get; private set; }

    /// <summary>The project's region.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    public string Subject { get; private set; } = string.Empty;

    public DateOnly SignedOn { get; private set; }

    public Guid[] OrganizationIds { get; private set; } = [];

    /// <summary>The organizations' names when signed, "、"-joined (the record reads the same if one is later renamed or removed).</summary>
    public string OrganizationNames { get; private set; } = string.Empty;

    public Guid[] ExpertWorkerIds { get; private set; } = [];

    public string? Institution { get; private set; }

    public decimal? AmountWan { get; private set; }

    /// <summary>Raised by each correction: the concurrency token (<c>If-Match</c>), so two editors cannot overwrite each other.</summary>
    public int Version { get; private set; }

    public static CooperationAgreement Sign(
        Workstation project, CooperationAgreementData data, IReadOnlyList<AgreementParty> organizations, IReadOnlyCollection<Guid> experts, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(experts);
        project.RequireManager(actor);
        if (project.Kind != WorkstationKind.CooperationProject)
        {
            throw new DomainValidationException("workstationId", $"{project.Kind.Chinese()}不能登记产学研合作协议，请在产学研合作项目下登记");
        }

        if (project.Status != WorkstationStatus.Active)
        {
            throw new InvalidTransitionException("该产学研合作项目已结束，不能再登记合作协议");
        }

        var agreement = new CooperationAgreement { WorkstationId = project.Id, RegionCode = project.RegionCode };
        agreement.Apply(project, data, organizations, experts, today);
        return agreement;
    }

    /// <summary>Corrects the agreement (parties, day, subject, amount): who may is who may record one under its project.</summary>
    public void Amend(
        Workstation project, CooperationAgreementData data, IReadOnlyList<AgreementParty> organizations, IReadOnlyCollection<Guid> experts, Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(experts);
        RequireProject(project);
        project.RequireManager(actor);
        Apply(project, data, organizations, experts, today);
        UpdatedAt = DateTimeOffset.UtcNow;
        Version++;
    }

    /// <summary>Checks that <paramref name="actor"/> may delete the agreement (the managers of its project); the caller removes it.</summary>
    public void RequireRemovable(Workstation project, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(project);
        RequireProject(project);
        project.RequireManager(actor);
    }

    private void RequireProject(Workstation project)
    {
        if (project.Id != WorkstationId)
        {
            throw new InvalidOperationException("the agreement belongs to another project");
        }
    }

    private void Apply(Workstation project, CooperationAgreementData data, IReadOnlyList<AgreementParty> organizations, IReadOnlyCollection<Guid> experts, DateOnly today)
    {
        var orgs = organizations.DistinctBy(o => o.Id).ToList();
        var workers = experts.Distinct().ToArray();
        var institution = Guard.Optional(data.Institution, "institution", "合作高校或科研院所", 100);
        if (orgs.Count + workers.Length > MaxParties)
        {
            throw new DomainValidationException("organizationIds", $"协议各方最多{MaxParties}个");
        }

        if (orgs.Count == 0)
        {
            throw new DomainValidationException("organizationIds", "请选择签约的企业或单位");
        }

        if (workers.Length == 0 && institution is null)
        {
            throw new DomainValidationException("expertWorkerIds", "请选择合作专家或填写合作的高校、科研院所");
        }

        var signed = data.SignedOn is { } on
            ? on <= today ? on : throw new DomainValidationException("signedOn", "签订日期不能晚于今天")
            : throw new DomainValidationException("signedOn", "请填写签订日期");
        if (signed < project.FoundedOn)
        {
            throw new DomainValidationException("signedOn", "签订日期不能早于项目建立日期");
        }

        Subject = Guard.Required(data.Subject, "subject", "合作内容", 200);
        SignedOn = signed;
        OrganizationIds = orgs.Select(o => o.Id).ToArray();
        OrganizationNames = string.Join("、", orgs.Select(o => o.Name));
        ExpertWorkerIds = workers;
        Institution = institution;
        AmountWan = data.AmountWan is null ? null
            : data.AmountWan is >= 0 and <= 10_000_000 ? decimal.Round(data.AmountWan.Value, 2) : throw new DomainValidationException("amountWan", "合同金额应为0到1000万万元之间");
    }
}
