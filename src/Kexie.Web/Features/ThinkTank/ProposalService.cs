using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.ThinkTank;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.ThinkTank;

public sealed record ProposalRequest(string? Title, string? Content, string? ProposerName, string? ProposerOrganization, string? RegionCode);

public sealed record AdoptRequest(AdoptionLevel? Level, string? AdoptedBy, string? Note);

public sealed record ProposalDto(
    Guid Id, string Title, string Content, string ProposerName, string? ProposerOrganization, string RegionCode, ProposalStatus Status, string StatusName,
    AdoptionLevel? AdoptionLevel, string? AdoptionLevelName, string? AdoptedBy, DateTimeOffset? DecidedAt, string? DecisionNote, int Version, DateTimeOffset CreatedAt)
{
    public static ProposalDto From(Proposal p) => new(
        p.Id, p.Title, p.Content, p.ProposerName, p.ProposerOrganization, p.RegionCode, p.Status, p.Status.Chinese(), p.AdoptionLevel, p.AdoptionLevel?.Chinese(),
        p.AdoptedBy, p.DecidedAt, p.DecisionNote, p.Version, p.CreatedAt);
}

/// <summary>建言献策: submitted by signed-in users, decided (adopted at a level / not adopted) by the region's association admins.</summary>
public sealed class ProposalService(KexieDbContext db, ReferenceCodesCache reference)
{
    public async Task<PagedResult<ProposalDto>> ListAsync(Actor actor, string? region, ProposalStatus? status, string? q, int? page, int? pageSize, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var paging = PageRequest.Of(page, pageSize);
        var scope = actor.ManagedScope;
        var user = actor.UserId;
        var query = db.Proposals.AsNoTracking().Where(p => (user != null && p.SubmittedByUserId == user) || (scope != null && RegionScope.Within(p.RegionCode, scope)));
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(p => RegionScope.Within(p.RegionCode, code));
        }

        if (status is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(p => p.Title.Contains(text) || p.Content.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedResult<ProposalDto>(rows.Select(ProposalDto.From).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<ProposalDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default) => ProposalDto.From(await FindAsync(actor, id, null, ct));

    public async Task<ProposalDto> SubmitAsync(Actor actor, ProposalRequest r, CancellationToken ct = default)
    {
        var proposal = Proposal.Submit(new ProposalData(r.Title, r.Content, r.ProposerName, r.ProposerOrganization, r.RegionCode), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(proposal.RegionCode);
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return ProposalDto.From(proposal);
    }

    public async Task<ProposalDto> AdoptAsync(Actor actor, Guid id, AdoptRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var proposal = await FindAsync(actor, id, expectedVersion, ct);
        proposal.Adopt(r.Level ?? throw new DomainValidationException("level", "请选择采纳层级"), r.AdoptedBy, r.Note, actor);
        await db.SaveChangesAsync(ct);
        return ProposalDto.From(proposal);
    }

    public async Task<ProposalDto> DeclineAsync(Actor actor, Guid id, string? reason, int? expectedVersion, CancellationToken ct = default)
    {
        var proposal = await FindAsync(actor, id, expectedVersion, ct);
        proposal.Decline(reason, actor);
        await db.SaveChangesAsync(ct);
        return ProposalDto.From(proposal);
    }

    private async Task<Proposal> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !proposal.IsVisibleTo(actor))
        {
            throw new NotFoundException("建言不存在");
        }

        MarketSupport.CheckVersion(proposal.Version, expectedVersion);
        return proposal;
    }
}
