using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>
/// A file uploaded for an order (the contract, supplementary agreements). The bytes live in the file store under
/// <see cref="StorageKey"/>, a random id; <see cref="FileName"/> is only what the uploader called it, shown on
/// download. The same metadata rules as <see cref="Attachment"/> apply (size, content type, name).
/// </summary>
public sealed class StoredFile : Entity
{
    /// <summary>At most this many files per order.</summary>
    public const int MaxPerOrder = 10;

    private StoredFile()
    {
    }

    public Guid OrderId { get; private set; }

    public string StorageKey { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    public string? UploadedByUserId { get; private set; }

    /// <summary>The side that uploaded it (null for files uploaded before sides were recorded).</summary>
    public OrderParty? UploadedByParty { get; private set; }

    /// <summary>
    /// A file of <paramref name="order"/>, uploaded by one of its parties (buyer, provider, region manager) while the
    /// order is not final. <paramref name="existingFiles"/> is how many the order already has.
    /// </summary>
    public static StoredFile ForOrder(Order order, AttachmentData data, string? sha256, int existingFiles, Actor actor, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var party = order.PartyOf(actor) ?? throw new NotPermittedException("只有订单双方或本地区管理人员可以上传合同文件");

        if (order.IsFinal)
        {
            throw new InvalidTransitionException($"订单{order.Status.Chinese()}，不能再上传文件");
        }

        if (existingFiles >= MaxPerOrder)
        {
            throw new DomainValidationException("file", $"每个订单最多上传{MaxPerOrder}个文件");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var checkedData = Attachment.From(data, actor, when);
        var hash = Guard.Required(sha256, "sha256", "文件摘要", 64).ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            throw new DomainValidationException("sha256", "文件摘要应为64位十六进制 SHA-256");
        }

        return new StoredFile
        {
            OrderId = order.Id,
            StorageKey = checkedData.StorageKey,
            FileName = checkedData.FileName,
            ContentType = checkedData.ContentType,
            SizeBytes = checkedData.SizeBytes,
            Sha256 = hash,
            UploadedByUserId = actor.UserId,
            UploadedByParty = party,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>
    /// A side may remove a file of a non-final order that its own side uploaded (a party cannot delete the other
    /// party's files), except the contract the order was agreed on and the contract of the proposal waiting for
    /// confirmation. A file uploaded before sides were recorded may be removed by its uploader only.
    /// </summary>
    public void EnsureRemovable(Order order, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(order);
        var party = order.Id == OrderId ? order.PartyOf(actor) : null;
        if (party is null)
        {
            throw new NotPermittedException("只有订单双方或本地区管理人员可以删除订单文件");
        }

        if (UploadedByParty is { } uploader ? uploader != party : UploadedByUserId != actor.UserId)
        {
            throw new NotPermittedException($"该文件由{(UploadedByParty ?? OrderParty.Administrator).Chinese()}上传，只有上传方可以删除");
        }

        if (order.ContractFileRef == Id.ToString())
        {
            throw new InvalidTransitionException("该文件是订单签约所依据的合同，不能删除");
        }

        if (order.PendingProposal?.ContractFileRef == Id.ToString())
        {
            throw new InvalidTransitionException("该文件是待确认的合同条件所附的合同，不能删除；可先提出新的合同条件");
        }

        if (order.IsFinal)
        {
            throw new InvalidTransitionException($"订单{order.Status.Chinese()}，文件不能再删除");
        }
    }
}
