using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Notifications;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

public sealed record RectificationReportRequest(string? Report);

public sealed record RectificationAcceptRequest(DateOnly? ConcludedOn, string? Outcome);

/// <summary>
/// 清理整顿 from the society's side: its 会长/副会长 (see <see cref="InspectionService.LeadsQuery"/>) — or the region's admins on its
/// behalf — see the society's open 整顿 (in <see cref="InspectionService.MineAsync"/>), submit the 整改报告 with its materials (files
/// through <see cref="StoredUploads"/>), and the 科协 of its region (<c>talent.societies.rectify</c>) accepts it — the 整顿 concludes
/// 整改合格 — or returns it with a reason. Anyone else gets "not found", naming nothing.
/// </summary>
public sealed class RectificationReportService(KexieDbContext db, IFileStore store, Notifier notifier, TimeProvider clock)
{
    public async Task<RectificationDto> SubmitAsync(Actor actor, Guid rectificationId, RectificationReportRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var (rectification, leads) = await ForSocietyAsync(actor, rectificationId, ct);
        MarketSupport.CheckVersion(rectification.Version, expectedVersion);
        rectification.SubmitReport(r.Report, actor, leads, Today());
        var admins = await notifier.CountyHoldersAsync(TalentPermissions.RectifySocieties, rectification.RegionCode, ct);
        notifier.Add(admins, NotificationKind.ReviewSubmitted, $"{rectification.AssociationName}提交了整改报告",
            $"{rectification.AssociationName}提交了清理整顿整改报告（整改期限{rectification.RectifyBy:yyyy年M月d日}），请审核。",
            $"/Talent/Organizations/Details/{rectification.AssociationId}", clock.GetUtcNow(), except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return RectificationDto.From(rectification);
    }

    /// <summary>Adds a file of the 整改材料 (checked by content, ≤20MB, PDF/Office/images/text/zip) while the 整顿 is open.</summary>
    public async Task<AttachmentDto> UploadAsync(Actor actor, Guid rectificationId, IFormFile? file, CancellationToken ct = default)
    {
        var (rectification, leads) = await ForSocietyAsync(actor, rectificationId, ct);
        if (!Rectification.MayReport(actor, rectification.RegionCode, leads))
        {
            throw new NotPermittedException("只有该学会（协会）负责人或所在地区的管理人员可以上传整改材料");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(upload, async data =>
        {
            var attachment = rectification.AddAttachment(data, actor, leads, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return AttachmentDto.From(attachment);
        }, ct);
    }

    /// <summary>A file of the 整改材料, for the society's leads and the managers of its region.</summary>
    public async Task<FileDownload> DownloadAsync(Actor actor, Guid rectificationId, Guid attachmentId, CancellationToken ct = default)
    {
        var (rectification, _) = await ForSocietyAsync(actor, rectificationId, ct);
        var attachment = rectification.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("附件不存在");
        return await store.DownloadAsync(attachment.StorageKey, attachment.ContentType, attachment.FileName, ct);
    }

    /// <summary>The 科协 accepts the submitted report: 整改合格; the society's leads hear of it.</summary>
    public async Task<RectificationDto> AcceptAsync(Actor actor, Guid rectificationId, RectificationAcceptRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var rectification = await ManagedAsync(actor, rectificationId, ct);
        MarketSupport.CheckVersion(rectification.Version, expectedVersion);
        rectification.AcceptReport(r.ConcludedOn, r.Outcome, actor, Today());
        await NotifySocietyAsync(rectification, NotificationKind.ReviewApproved, "整改报告已通过",
            $"{rectification.AssociationName}的整改报告已通过，清理整顿结果为“整改合格”。", actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return RectificationDto.From(rectification);
    }

    /// <summary>The 科协 returns the submitted report with a reason; the society corrects and submits it again.</summary>
    public async Task<RectificationDto> ReturnAsync(Actor actor, Guid rectificationId, string? reason, int? expectedVersion, CancellationToken ct = default)
    {
        var rectification = await ManagedAsync(actor, rectificationId, ct);
        MarketSupport.CheckVersion(rectification.Version, expectedVersion);
        rectification.ReturnReport(reason, actor);
        await NotifySocietyAsync(rectification, NotificationKind.ReviewReturned, "整改报告被退回",
            $"{rectification.AssociationName}的整改报告被退回，原因：{rectification.ReportReturnReason}。请修改后于{rectification.RectifyBy:yyyy年M月d日}前重新提交。", actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return RectificationDto.From(rectification);
    }

    private async Task NotifySocietyAsync(Rectification rectification, NotificationKind kind, string title, string body, Actor actor, CancellationToken ct)
    {
        var leads = await InspectionService.LeadAccountsAsync(db, rectification.AssociationId, ct);
        List<string> to = rectification.ReportedByUserId is { } reporter ? [.. leads, reporter] : leads;
        notifier.Add(to, kind, title, body, "/Talent/Organizations/Mine", clock.GetUtcNow(), except: actor.UserId);
    }

    private async Task<Rectification> ManagedAsync(Actor actor, Guid id, CancellationToken ct) =>
        await db.Rectifications.InScope(actor).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("整顿记录不存在");

    /// <summary>A 整顿 of a society the actor leads or manages; anything else is "not found" (its existence is not revealed).</summary>
    private async Task<(Rectification Rectification, bool Leads)> ForSocietyAsync(Actor actor, Guid id, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var rectification = await db.Rectifications.FirstOrDefaultAsync(x => x.Id == id, ct);
        var leads = rectification is not null && await InspectionService.LeadsQuery(db, actor).AnyAsync(m => m.AssociationId == rectification.AssociationId, ct);
        return rectification is not null && (leads || actor.Manages(rectification.RegionCode)) ? (rectification, leads) : throw new NotFoundException("整顿记录不存在");
    }

    private DateOnly Today() => MarketRules.ChinaDate(clock.GetUtcNow());
}
