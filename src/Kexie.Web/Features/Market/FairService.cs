using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

public sealed record FairRequest(string? Name, string? Description, string? RegionCode, Guid? AssociationId);

public sealed record FairProjectRequest(
    FairCategory Category,
    string? Title,
    string? Description,
    Guid? ScienceWorkerId,
    Guid? OrganizationId,
    string? RegionCode,
    string[]? DisciplineCodes = null,
    string[]? IndustryCodes = null,
    Guid? OfferId = null,
    Guid? NeedId = null);

public sealed record FairDto(Guid Id, string Name, string? Description, string RegionCode, Guid AssociationId, FairStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int SelectedProjects, int Deals)
{
    public static FairDto From(Fair f, int selected, int deals) => new(f.Id, f.Name, f.Description, f.RegionCode, f.AssociationId, f.Status, f.OpenedAt, f.ClosedAt, selected, deals);
}

public sealed record FairProjectDto(
    Guid Id, Guid FairId, FairCategory Category, string CategoryName, string Title, string Description, Guid? ScienceWorkerId, Guid? OrganizationId,
    string RegionCode, string[] DisciplineCodes, string[] IndustryCodes, Guid? OfferId, Guid? NeedId, ReviewStatus Status, string StatusName,
    string? StatusReason, DateTimeOffset? PublishedAt, int Version, IReadOnlyList<ReviewRecordDto>? ReviewHistory, IReadOnlyList<AttachmentDto> Attachments)
{
    public static FairProjectDto From(FairProject p, bool withHistory) => new(
        p.Id, p.FairId, p.Category, p.Category.Chinese(), p.Title, p.Description, p.ScienceWorkerId, p.OrganizationId, p.RegionCode,
        p.DisciplineCodes, p.IndustryCodes, p.OfferId, p.NeedId, p.Status, p.IsSelected ? "已入选" : p.Status == ReviewStatus.Rejected ? "未入选" : p.Status.Chinese(),
        p.StatusReason, p.PublishedAt, p.Version, withHistory ? p.ReviewHistory.Select(ReviewRecordDto.From).ToList() : null,
        p.Attachments.Select(AttachmentDto.From).ToList());
}

/// <summary>科创会: always-open fairs run by an association; projects collected, reviewed (入选/未入选) and shown as a public catalogue.</summary>
public sealed class FairService(KexieDbContext db, ReferenceCodesCache reference, RichTextSanitizer richText, Kexie.Web.Features.Directory.Parties parties, Kexie.Web.Features.Notifications.Notifier notifier)
{
    public async Task<PagedResult<FairDto>> ListAsync(string? region, FairStatus? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.Of(page, pageSize);
        var query = db.Fairs.AsNoTracking();
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(f => RegionScope.Within(f.RegionCode, code));
        }

        if (status is { } s)
        {
            query = query.Where(f => f.Status == s);
        }

        var total = await query.CountAsync(ct);
        var fairs = await query.OrderByDescending(f => f.OpenedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var items = new List<FairDto>();
        foreach (var fair in fairs)
        {
            items.Add(await ToDtoAsync(fair, ct));
        }

        return new PagedResult<FairDto>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<FairDto> GetAsync(Guid id, CancellationToken ct = default) =>
        await ToDtoAsync(await db.Fairs.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("科创会不存在"), ct);

    public async Task<FairDto> OpenAsync(Actor actor, FairRequest r, CancellationToken ct = default)
    {
        var fair = Fair.Open(await ToDataAsync(r, ct), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(fair.RegionCode);
        db.Fairs.Add(fair);
        await db.SaveChangesAsync(ct);
        return FairDto.From(fair, 0, 0);
    }

    public async Task<FairDto> UpdateAsync(Actor actor, Guid id, FairRequest r, CancellationToken ct = default)
    {
        var fair = await FindAsync(id, ct);
        fair.Update(await ToDataAsync(r with { RegionCode = r.RegionCode ?? fair.RegionCode, AssociationId = r.AssociationId ?? fair.AssociationId }, ct), actor);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(fair, ct);
    }

    public async Task<FairDto> SetOpenAsync(Actor actor, Guid id, bool open, CancellationToken ct = default)
    {
        var fair = await FindAsync(id, ct);
        if (open)
        {
            fair.Reopen(actor);
        }
        else
        {
            fair.Close(actor);
        }

        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(fair, ct);
    }

    public async Task<FairProjectDto> CreateProjectAsync(Actor actor, Guid fairId, FairProjectRequest r, CancellationToken ct = default)
    {
        var fair = await FindAsync(fairId, ct);
        var codes = await reference.GetAsync(db, ct);
        var worker = r.ScienceWorkerId ?? (r.OrganizationId is null ? actor.ScienceWorkerId : null);
        var organization = r.OrganizationId ?? (worker is null ? actor.OrganizationId : null);
        // The submitting party is resolved through the caller's visibility and must be one the caller may act for; the
        // project is placed in the party's county.
        var party = worker is { } w
            ? await parties.WorkerToActForAsync(actor, w, "scienceWorkerId", "科技工作者", "报送项目", ct)
            : organization is { } o
                ? await parties.OrganizationToActForAsync(actor, o, "organizationId", "单位", "报送项目", ct)
                : null;
        var region = party is null ? r.RegionCode : Kexie.Domain.Authorization.RegionScope.PlaceFor(party.RegionCode, r.RegionCode);
        var project = FairProject.Create(fair, new FairProjectData(r.Category, r.Title, richText.Clean(r.Description), worker, organization, region, r.DisciplineCodes, r.IndustryCodes, r.OfferId, r.NeedId), actor, MarketSupport.Codes(codes));
        codes.RequireRegion(project.RegionCode);
        db.FairProjects.Add(project);
        await db.SaveChangesAsync(ct);
        return FairProjectDto.From(project, true);
    }

    /// <summary>All projects of a fair the actor may see: reviewers see all, others their own and the selected ones.</summary>
    public async Task<IReadOnlyList<FairProjectDto>> ProjectsAsync(Actor actor, Guid fairId, ReviewStatus? status, CancellationToken ct = default)
    {
        var fair = await FindAsync(fairId, ct);
        var query = db.FairProjects.AsNoTracking().Where(p => p.FairId == fair.Id);
        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        var projects = await query.OrderBy(p => p.Category).ThenByDescending(p => p.CreatedAt).Take(1000).ToListAsync(ct);
        return projects.Where(p => p.IsVisibleTo(actor)).Select(p => FairProjectDto.From(p, p.MayEdit(actor) || p.MayReview(actor))).ToList();
    }

    /// <summary>The public catalogue: selected projects, optionally of one category, newest selection first.</summary>
    public async Task<IReadOnlyList<FairProjectDto>> CatalogueAsync(Guid fairId, FairCategory? category, CancellationToken ct = default)
    {
        var fair = await FindAsync(fairId, ct);
        var query = db.FairProjects.AsNoTracking().Where(p => p.FairId == fair.Id && p.Status == ReviewStatus.Published);
        if (category is { } c)
        {
            query = query.Where(p => p.Category == c);
        }

        var selected = await query.Take(1000).ToListAsync(ct);
        return fair.Catalogue(selected, category).Select(p => FairProjectDto.From(p, false)).ToList();
    }

    public async Task<FairProjectDto> ProjectTransitionAsync(Actor actor, Guid fairId, Guid projectId, Action<FairProject> step, int? expectedVersion, CancellationToken ct = default)
    {
        var project = await db.FairProjects.FirstOrDefaultAsync(p => p.Id == projectId && p.FairId == fairId, ct);
        if (project is null || !project.IsVisibleTo(actor))
        {
            throw new NotFoundException("科创会项目不存在");
        }

        MarketSupport.CheckVersion(project.Version, expectedVersion);
        var before = project.Status;
        step(project);
        await notifier.ReviewStepAsync(project, before, "科创会项目", project.Title, c => ProjectOwnersAsync(project, c), $"/Market/Fairs/Details/{project.FairId}", actor, project.UpdatedAt, MarketPermissions.ReviewFairProjects, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return FairProjectDto.From(project, true);
    }

    /// <summary>Who hears of a project's review: its worker's or its organization's accounts.</summary>
    private async Task<List<string>> ProjectOwnersAsync(FairProject project, CancellationToken ct)
    {
        var owners = new List<string>();
        if (project.ScienceWorkerId is { } worker)
        {
            owners.AddRange(await notifier.WorkerAccountsAsync(worker, ct));
        }

        if (project.OrganizationId is { } organization)
        {
            owners.AddRange(await notifier.OrganizationMembersAsync(organization, ct));
        }

        return owners;
    }

    private async Task<Fair> FindAsync(Guid id, CancellationToken ct) =>
        await db.Fairs.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("科创会不存在");

    private async Task<FairDto> ToDtoAsync(Fair fair, CancellationToken ct) => FairDto.From(
        fair,
        await db.FairProjects.CountAsync(p => p.FairId == fair.Id && p.Status == ReviewStatus.Published, ct),
        await db.Orders.CountAsync(o => o.FairId == fair.Id && o.AgreedAt != null && o.Status != OrderStatus.Cancelled, ct));

    private async Task<FairData> ToDataAsync(FairRequest r, CancellationToken ct)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(r.RegionCode, "regionCode");
        var association = r.AssociationId
            ?? await db.Associations.AsNoTracking().Where(a => a.RegionCode == region && a.Kind == AssociationKind.Kexie).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException("associationId", "请指定主办科协（该地区没有登记科协组织）");
        if (!await db.Associations.AnyAsync(a => a.Id == association, ct))
        {
            throw new DomainValidationException("associationId", "主办科协不存在");
        }

        return new FairData(r.Name, richText.Clean(r.Description), region, association);
    }
}
