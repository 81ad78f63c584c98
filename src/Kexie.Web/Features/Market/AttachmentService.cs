using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>Which kind of reviewable item an attachment belongs to.</summary>
public enum AttachmentOwner
{
    Offer = 1,
    Need = 2,
    FairProject = 3,
}

/// <summary>
/// An order file. <c>UploadedBy</c> is the side that uploaded it (only that side may delete it); <c>IsProposed</c> marks
/// the contract of the proposal waiting for confirmation.
/// </summary>
public sealed record StoredFileDto(Guid Id, Guid OrderId, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, bool IsContract, OrderParty? UploadedBy = null, string? UploadedByName = null, bool IsProposed = false)
{
    public static StoredFileDto From(StoredFile f, Order order) =>
        new(f.Id, f.OrderId, f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.CreatedAt, order.ContractFileRef == f.Id.ToString(),
            f.UploadedByParty, f.UploadedByParty?.Chinese(), order.PendingProposal?.ContractFileRef == f.Id.ToString());
}

/// <summary>A file to send back: the open content, its type and the name the uploader gave it.</summary>
public sealed record FileDownload(Stream Content, string ContentType, string FileName);

/// <summary>
/// Uploads, downloads and deletions of attachments (offers, needs, fair projects) and of order files (contracts).
/// Every upload passes <see cref="UploadInspector"/> first; the bytes go to <see cref="IFileStore"/> under a random key
/// and the metadata through the domain (<see cref="Reviewable.AddAttachment"/>, <see cref="StoredFile.ForOrder"/>),
/// so a refused upload leaves no file behind. Downloads follow the item's visibility: a published item's attachments
/// are public (a restricted need's to signed-in users), others only to its owner and the region's managers; order
/// files only to the order's parties.
/// </summary>
public sealed class AttachmentService(KexieDbContext db, IFileStore store, TimeProvider clock)
{
    public async Task<AttachmentDto> UploadAsync(Actor actor, AttachmentOwner owner, Guid id, Guid? fairId, IFormFile? file, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var item = await FindAsync(actor, owner, id, fairId, ct);
        if (!item.MayEdit(actor))
        {
            throw new NotPermittedException("只有发布者或本地区服务人员可以上传附件");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(upload, async data =>
        {
            var attachment = item.AddAttachment(data, actor, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return AttachmentDto.From(attachment);
        }, ct);
    }

    public async Task<FileDownload> DownloadAsync(Actor actor, AttachmentOwner owner, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct = default)
    {
        var item = await FindAsync(actor, owner, id, fairId, ct, tracking: false);
        var attachment = item.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("附件不存在");
        return await OpenAsync(attachment.StorageKey, attachment.ContentType, attachment.FileName, ct);
    }

    public async Task DeleteAsync(Actor actor, AttachmentOwner owner, Guid id, Guid? fairId, Guid attachmentId, CancellationToken ct = default)
    {
        MarketSupport.RequireSignedIn(actor);
        var item = await FindAsync(actor, owner, id, fairId, ct);
        var key = item.Attachments.FirstOrDefault(a => a.Id == attachmentId)?.StorageKey ?? throw new NotFoundException("附件不存在");
        item.RemoveAttachment(attachmentId, actor, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(key, ct);
    }

    public async Task<StoredFileDto> UploadOrderFileAsync(Actor actor, Guid orderId, IFormFile? file, CancellationToken ct = default)
    {
        var order = await FindOrderAsync(actor, orderId, ct);
        var existing = await db.Set<StoredFile>().CountAsync(f => f.OrderId == orderId, ct);
        if (order.IsFinal)
        {
            throw new InvalidTransitionException($"订单{order.Status.Chinese()}，不能再上传文件");
        }

        var upload = await UploadInspector.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(upload, async data =>
        {
            var stored = StoredFile.ForOrder(order, data, upload.Sha256, existing, actor, clock.GetUtcNow());
            db.Set<StoredFile>().Add(stored);
            await db.SaveChangesAsync(ct);
            return StoredFileDto.From(stored, order);
        }, ct);
    }

    public async Task<IReadOnlyList<StoredFileDto>> OrderFilesAsync(Actor actor, Guid orderId, CancellationToken ct = default)
    {
        var order = await FindOrderAsync(actor, orderId, ct);
        var files = await db.Set<StoredFile>().AsNoTracking().Where(f => f.OrderId == orderId).OrderBy(f => f.CreatedAt).ToListAsync(ct);
        return files.Select(f => StoredFileDto.From(f, order)).ToList();
    }

    public async Task<FileDownload> DownloadOrderFileAsync(Actor actor, Guid orderId, Guid fileId, CancellationToken ct = default)
    {
        await FindOrderAsync(actor, orderId, ct);
        var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.OrderId == orderId, ct)
            ?? throw new NotFoundException("订单文件不存在");
        return await OpenAsync(file.StorageKey, file.ContentType, file.FileName, ct);
    }

    public async Task DeleteOrderFileAsync(Actor actor, Guid orderId, Guid fileId, CancellationToken ct = default)
    {
        var order = await FindOrderAsync(actor, orderId, ct);
        var file = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Id == fileId && f.OrderId == orderId, ct)
            ?? throw new NotFoundException("订单文件不存在");
        file.EnsureRemovable(order, actor);
        db.Set<StoredFile>().Remove(file);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(file.StorageKey, ct);
    }

    private async Task<FileDownload> OpenAsync(string key, string contentType, string fileName, CancellationToken ct) =>
        await store.DownloadAsync(key, contentType, fileName, ct);

    private async Task<Order> FindOrderAsync(Actor actor, Guid orderId, CancellationToken ct)
    {
        MarketSupport.RequireSignedIn(actor);
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct);
        return order is not null && order.PartyOf(actor) is not null ? order : throw new NotFoundException("订单不存在");
    }

    private async Task<Reviewable> FindAsync(Actor actor, AttachmentOwner owner, Guid id, Guid? fairId, CancellationToken ct, bool tracking = true)
    {
        Reviewable? item = owner switch
        {
            AttachmentOwner.Offer => await Query(db.Offers, tracking).FirstOrDefaultAsync(o => o.Id == id, ct),
            AttachmentOwner.Need => await Query(db.Needs, tracking).FirstOrDefaultAsync(n => n.Id == id, ct),
            _ => await Query(db.FairProjects, tracking).FirstOrDefaultAsync(p => p.Id == id && p.FairId == fairId, ct),
        };
        var noun = owner switch { AttachmentOwner.Offer => "科技所能", AttachmentOwner.Need => "科技需求", _ => "科创会项目" };
        return item is not null && item.IsVisibleTo(actor) ? item : throw new NotFoundException($"{noun}不存在");
    }

    private static IQueryable<T> Query<T>(DbSet<T> set, bool tracking)
        where T : class => tracking ? set : set.AsNoTracking();
}
