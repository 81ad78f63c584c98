using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>A society the signed-in person leads (会长/副会长), with its 年检 by year.</summary>
public sealed record LedAssociationDto(
    Guid Id, string Name, string KindName, string RegionCode, string RegionName, string RoleName, IReadOnlyList<InspectionDto> Inspections,
    IReadOnlyList<RectificationDto>? Rectifications = null);

/// <summary>
/// 年检 from the society's side: a 学会/协会/农技协 has no account of its own; the platform links people to it as members, so its
/// 会长 and 副会长 (members with those roles whose science-worker profile is their account) act for it. They submit the year's 年检 with
/// member counts and materials (files), resubmit it when the 科协 returned it, and hear of the result. The region's admins may do the same
/// on its behalf. The 科协 is told of each submission.
/// </summary>
public sealed class InspectionService(KexieDbContext db, IFileStore store, Notifier notifier, TimeProvider clock)
{
    /// <summary>Member roles that act for a society.</summary>
    public static readonly MemberRole[] LeadRoles = [MemberRole.Chair, MemberRole.ViceChair];

    /// <summary>The associations (of the inspected kinds) whose 会长 or 副会长 the actor is.</summary>
    public static IQueryable<AssociationMember> LeadsQuery(KexieDbContext db, Actor actor)
    {
        var worker = actor.ScienceWorkerId;
        return db.Set<AssociationMember>().AsNoTracking().Where(m => worker != null && m.ScienceWorkerId == worker && LeadRoles.Contains(m.Role));
    }

    /// <summary>The accounts of a society's 会长 and 副会长.</summary>
    public static async Task<List<string>> LeadAccountsAsync(KexieDbContext db, Guid associationId, CancellationToken ct)
    {
        var workers = db.Set<AssociationMember>().AsNoTracking().Where(m => m.AssociationId == associationId && m.ScienceWorkerId != null && LeadRoles.Contains(m.Role)).Select(m => m.ScienceWorkerId);
        return await db.Users.AsNoTracking().Where(u => u.ScienceWorkerId != null && workers.Contains(u.ScienceWorkerId)).Select(u => u.Id).ToListAsync(ct);
    }

    /// <summary>The societies the actor leads, with their 年检 (newest year first).</summary>
    public async Task<IReadOnlyList<LedAssociationDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var led = await LeadsQuery(db, actor).Select(m => new { m.AssociationId, m.Role }).ToListAsync(ct);
        var ids = led.Select(m => m.AssociationId).Distinct().ToList();
        var associations = await db.Associations.AsNoTracking().Where(a => ids.Contains(a.Id) && AssociationManagementService.InspectedKinds.Contains(a.Kind))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.Kind, a.RegionCode }).ToListAsync(ct);
        var found = associations.Select(a => a.Id).ToList();
        var inspections = await db.Inspections.AsNoTracking().Where(i => found.Contains(i.AssociationId)).ToListAsync(ct);
        var rectifications = await db.Rectifications.AsNoTracking().Where(x => found.Contains(x.AssociationId)).ToListAsync(ct);
        var names = await Lookups.RegionNamesAsync(db, associations.Select(a => a.RegionCode), ct);
        return associations.Select(a => new LedAssociationDto(
            a.Id, a.Name, a.Kind.Chinese(), a.RegionCode, names.GetValueOrDefault(a.RegionCode, "未知地区"),
            led.Where(m => m.AssociationId == a.Id).Max(m => m.Role) == MemberRole.Chair ? "会长" : "副会长",
            inspections.Where(i => i.AssociationId == a.Id).OrderByDescending(i => i.Year).Select(InspectionDto.From).ToList(),
            rectifications.Where(x => x.AssociationId == a.Id).OrderByDescending(x => x.StartedOn).ThenByDescending(x => x.CreatedAt).Select(RectificationDto.From).ToList())).ToList();
    }

    /// <summary>The society (or its region's admin) submits the year's 年检; the 科协's admins are told.</summary>
    public async Task<InspectionDto> SubmitAsync(Actor actor, Guid associationId, InspectionRequest r, CancellationToken ct = default)
    {
        var (association, leads) = await AssociationAsync(actor, associationId, ct);
        var data = r.ToData();
        if (data.Year is { } year && await db.Inspections.AnyAsync(i => i.AssociationId == associationId && i.Year == year, ct))
        {
            throw new InvalidTransitionException($"{association.Name}{year}年度的年检已报送");
        }

        var inspection = Inspection.Submit(new ManagedAssociation(association.Id, association.Name, association.RegionCode), data, actor, Today(), leads);
        db.Inspections.Add(inspection);
        await NotifyAdminsAsync(inspection, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return InspectionDto.From(inspection);
    }

    /// <summary>Returned → Submitted with corrected figures and materials.</summary>
    public async Task<InspectionDto> ResubmitAsync(Actor actor, Guid inspectionId, InspectionRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var (inspection, leads) = await InspectionAsync(actor, inspectionId, ct);
        MarketSupport.CheckVersion(inspection.Version, expectedVersion);
        inspection.Resubmit(r.ToData(), actor, Today(), leads);
        await NotifyAdminsAsync(inspection, actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return InspectionDto.From(inspection);
    }

    /// <summary>Adds a file to the materials (checked by content, ≤20MB, PDF/Office/images/text/zip) while the 年检 awaits its result or is returned.</summary>
    public async Task<AttachmentDto> UploadAsync(Actor actor, Guid inspectionId, IFormFile? file, CancellationToken ct = default)
    {
        var (inspection, leads) = await InspectionAsync(actor, inspectionId, ct);
        if (!Inspection.MaySubmit(actor, inspection.RegionCode, leads))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以上传年检材料");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(upload, async data =>
        {
            var attachment = inspection.AddAttachment(data, actor, leads, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return AttachmentDto.From(attachment);
        }, ct);
    }

    /// <summary>A file of the materials, for the society's leads and the managers of its region.</summary>
    public async Task<FileDownload> DownloadAsync(Actor actor, Guid inspectionId, Guid attachmentId, CancellationToken ct = default)
    {
        var (inspection, _) = await InspectionAsync(actor, inspectionId, ct);
        var attachment = inspection.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("附件不存在");
        return await store.DownloadAsync(attachment.StorageKey, attachment.ContentType, attachment.FileName, ct);
    }

    private async Task NotifyAdminsAsync(Inspection inspection, Actor actor, CancellationToken ct)
    {
        var admins = await notifier.CountyHoldersAsync(TalentPermissions.ManageAssociations, inspection.RegionCode, ct);
        notifier.Add(admins, NotificationKind.ReviewSubmitted, $"{inspection.AssociationName}报送了{inspection.Year}年度年检",
            $"{inspection.AssociationName}报送了{inspection.Year}年度年检（个人会员{inspection.IndividualMembers}人，单位会员{inspection.GroupMembers}个），请审核。",
            $"/Talent/Organizations/Details/{inspection.AssociationId}", clock.GetUtcNow(), except: actor.UserId);
    }

    /// <summary>An association the actor leads or manages; anything else is "not found" (its existence is not revealed).</summary>
    private async Task<(Association Association, bool Leads)> AssociationAsync(Actor actor, Guid associationId, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var association = await db.Associations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == associationId, ct);
        var leads = association is not null && await LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == associationId, ct);
        if (association is null || !(leads || actor.Manages(association.RegionCode)))
        {
            throw new NotFoundException("组织不存在");
        }

        if (!AssociationManagementService.InspectedKinds.Contains(association.Kind))
        {
            throw new DomainValidationException("associationId", $"{association.Kind.Chinese()}不需要报送年检");
        }

        return (association, leads);
    }

    private async Task<(Inspection Inspection, bool Leads)> InspectionAsync(Actor actor, Guid inspectionId, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
        var leads = inspection is not null && await LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == inspection.AssociationId, ct);
        return inspection is not null && (leads || actor.Manages(inspection.RegionCode)) ? (inspection, leads) : throw new NotFoundException("年检记录不存在");
    }

    private DateOnly Today() => MarketRules.ChinaDate(clock.GetUtcNow());
}
