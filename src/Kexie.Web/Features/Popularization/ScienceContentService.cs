using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record ScienceContentFilter(string? Q = null, string? Region = null, ScienceContentKind? Kind = null, ReviewStatus? Status = null, int? Page = null, int? PageSize = null);

public sealed record ScienceContentRequest(ScienceContentKind Kind, string? Title, string? Body, string? AuthorOrganization, string? RegionCode, string? VideoUrl = null, IReadOnlyList<string>? Tags = null);

public sealed record ScienceContentSummaryDto(
    Guid Id, ScienceContentKind Kind, string KindName, string Title, string AuthorOrganization, string RegionCode,
    ReviewStatus Status, string StatusName, long Views, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// One 科普 item. <see cref="Body"/> is the Markdown source as stored (sanitised, what an editor edits);
/// <see cref="BodyHtml"/> is that source rendered and sanitised again (<see cref="ContentMarkdown"/>), what readers see.
/// </summary>
public sealed record ScienceContentDto(
    Guid Id,
    ScienceContentKind Kind,
    string KindName,
    string Title,
    string Body,
    string AuthorOrganization,
    string RegionCode,
    string? VideoUrl,
    ReviewStatus Status,
    string StatusName,
    string? StatusReason,
    long Views,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<ReviewRecordDto>? ReviewHistory,
    IReadOnlyList<string> Tags,
    string BodyHtml,
    IReadOnlyList<ContentImageDto> Images)
{
    public static ScienceContentDto From(ScienceContent c, bool withHistory, RichTextSanitizer sanitizer) => new(
        c.Id, c.Kind, c.Kind.Chinese(), c.Title, c.Body, c.AuthorOrganization, c.RegionCode, c.VideoUrl, c.Status, c.Status.Chinese(), c.StatusReason,
        c.Views, c.SubmittedAt, c.PublishedAt, c.CreatedAt, c.UpdatedAt, c.Version,
        withHistory ? c.ReviewHistory.Select(ReviewRecordDto.From).ToList() : null, c.Tags,
        ContentMarkdown.ToHtml(c.Body, sanitizer),
        c.Attachments.Where(a => ContentImages.IsImage(a.ContentType)).Select(a => ContentImageDto.From(c.Id, a)).ToList());
}

/// <summary>An image uploaded into a 科普 item's body: <see cref="Url"/> is what its Markdown (<see cref="Markdown"/>) points at.</summary>
public sealed record ContentImageDto(Guid Id, string FileName, string ContentType, long SizeBytes, string Url, string Markdown)
{
    public static ContentImageDto From(Guid contentId, Attachment a)
    {
        var url = ContentImages.Url(contentId, a.Id);
        var alt = System.IO.Path.GetFileNameWithoutExtension(a.FileName).Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        return new ContentImageDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, url, $"![{alt}]({url})");
    }
}

/// <summary>
/// 科普资源库: articles, videos and rumour rebuttals written by the region's staff, reviewed by its association,
/// public once published. The body is rich text, cleaned by <see cref="RichTextSanitizer"/> before the domain sees it.
/// </summary>
public sealed class ScienceContentService(KexieDbContext db, ReferenceCodesCache reference, RichTextSanitizer richText, Kexie.Web.Features.Notifications.Notifier notifier, IFileStore store, ContentSubscriberPush push)
{
    /// <summary>The body in Markdown rendered to safe HTML, as the public page shows it (for an editor's preview).</summary>
    public string Preview(string? body) => ContentMarkdown.ToHtml(richText.Clean(ContentMarkdown.FromEditor(body), "body"), richText);

    /// <summary>Published items for everyone; the rest to the author and the managers of the region (in SQL).</summary>
    public IQueryable<ScienceContent> Visible(Actor actor)
    {
        var scope = actor.ManagedScope;
        var user = actor.UserId;
        return db.ScienceContents.AsNoTracking().Where(c =>
            c.Status == ReviewStatus.Published
            || (user != null && c.CreatedByUserId == user)
            || (scope != null && RegionScope.Within(c.RegionCode, scope)));
    }

    public async Task<PagedResult<ScienceContentSummaryDto>> ListAsync(Actor actor, ScienceContentFilter filter, CancellationToken ct = default)
    {
        var page = PageRequest.Of(filter.Page, filter.PageSize);
        var query = Visible(actor);
        if (MarketSupport.RegionFilter(filter.Region) is { } region)
        {
            query = query.Where(c => RegionScope.Within(c.RegionCode, region));
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            query = query.Where(c => c.Title.Contains(q) || c.Body.Contains(q));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.PublishedAt ?? c.CreatedAt).ThenBy(c => c.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(c => new ScienceContentSummaryDto(c.Id, c.Kind, string.Empty, c.Title, c.AuthorOrganization, c.RegionCode, c.Status, string.Empty, c.Views, c.PublishedAt, c.UpdatedAt))
            .ToListAsync(ct);
        return new PagedResult<ScienceContentSummaryDto>(
            items.Select(i => i with { KindName = i.Kind.Chinese(), StatusName = i.Status.Chinese() }).ToList(), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// One item. A read of a published item by anyone but its editors counts one view; the counter is bumped in SQL so
    /// a read never races a review step (no version change, no audit entry: a view is not an edit).
    /// </summary>
    public async Task<ScienceContentDto> GetAsync(Actor actor, Guid id, bool countView = true, CancellationToken ct = default)
    {
        var content = await db.ScienceContents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (content is null || !content.IsVisibleTo(actor))
        {
            throw new NotFoundException("科普内容不存在");
        }

        var editor = content.MayEdit(actor) || content.MayReview(actor);
        var dto = ScienceContentDto.From(content, editor, richText);
        if (countView && content.IsPublished && !editor)
        {
            await db.ScienceContents.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1), ct);
            dto = dto with { Views = dto.Views + 1 };
        }

        return dto;
    }

    public async Task<ScienceContentDto> CreateAsync(Actor actor, ScienceContentRequest request, CancellationToken ct = default)
    {
        var content = ScienceContent.Create(ToData(request), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(content.RegionCode);
        db.ScienceContents.Add(content);
        await db.SaveChangesAsync(ct);
        return ScienceContentDto.From(content, true, richText);
    }

    public async Task<ScienceContentDto> UpdateAsync(Actor actor, Guid id, ScienceContentRequest request, int? expectedVersion, CancellationToken ct = default)
    {
        var content = await FindAsync(actor, id, expectedVersion, ct);
        content.Update(ToData(request), actor);
        (await reference.GetAsync(db, ct)).RequireRegion(content.RegionCode);
        await db.SaveChangesAsync(ct);
        return ScienceContentDto.From(content, true, richText);
    }

    /// <summary>One review-workflow step (submit, publish, return, reject, withdraw, close).</summary>
    public async Task<ScienceContentDto> TransitionAsync(Actor actor, Guid id, Action<ScienceContent> step, int? expectedVersion, CancellationToken ct = default)
    {
        var content = await FindAsync(actor, id, expectedVersion, ct);
        var before = content.Status;
        step(content);
        await notifier.ReviewStepAsync(content, before, "科普资源", content.Title, _ => Task.FromResult(content.CreatedByUserId is { } author ? new List<string> { author } : []), $"/Popularization/Contents/Details/{content.Id}", actor, content.UpdatedAt, PopularizationPermissions.ReviewContents, ct);
        if (before != ReviewStatus.Published && content.IsPublished)
        {
            await push.AddAsync(content, actor, ct);
        }

        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ScienceContentDto.From(content, true, richText);
    }

    /// <summary>
    /// Uploads an image for the item's body (its editors only, while it may be edited: draft, returned, withdrawn). The bytes
    /// go to the attachment store first and are removed again if the item refuses them (more than the attachment limit).
    /// </summary>
    public async Task<ContentImageDto> UploadImageAsync(Actor actor, Guid id, IFormFile? file, int? expectedVersion, CancellationToken ct = default)
    {
        var content = await FindAsync(actor, id, expectedVersion, ct);
        if (!content.MayEdit(actor))
        {
            throw new NotPermittedException("只有作者或本地区服务人员可以为科普内容上传图片");
        }

        var (type, name) = await ContentImages.InspectAsync(file, ct);
        return await store.SaveThenRecordAsync(file!, name, file!.Length, type, async data =>
        {
            var image = content.AddAttachment(data, actor);
            await db.SaveChangesAsync(ct);
            return ContentImageDto.From(content.Id, image);
        }, ct);
    }

    /// <summary>
    /// Deletes an uploaded image (its editors only, while the item may be edited). One the body still shows is refused with
    /// the field named, so that no reader meets a broken image: the editor first takes its <c>![…](…)</c> out of the body.
    /// The stored bytes are deleted after the save.
    /// </summary>
    public async Task RemoveImageAsync(Actor actor, Guid id, Guid imageId, int? expectedVersion, CancellationToken ct = default)
    {
        var content = await FindAsync(actor, id, expectedVersion, ct);
        if (!content.MayEdit(actor))
        {
            throw new NotPermittedException("只有作者或本地区服务人员可以删除科普内容的图片");
        }

        var image = content.Attachments.FirstOrDefault(a => a.Id == imageId && ContentImages.IsImage(a.ContentType)) ?? throw new NotFoundException("图片不存在");
        if (ContentImages.IsShownIn(content.Body, imageId))
        {
            throw new DomainValidationException("imageId", $"正文中仍在使用图片“{image.FileName}”，请先从正文中删去它的图片标记（![…](…)）并保存，再删除图片");
        }

        content.RemoveAttachment(imageId, actor);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(image.StorageKey, CancellationToken.None);
    }

    /// <summary>An image of an item, to whoever may read the item: a published item's images are public, a draft's are its editors'.</summary>
    public async Task<FileDownload> OpenImageAsync(Actor actor, Guid id, Guid imageId, CancellationToken ct = default)
    {
        var content = await db.ScienceContents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (content is null || !content.IsVisibleTo(actor))
        {
            throw new NotFoundException("图片不存在");
        }

        var image = content.Attachments.FirstOrDefault(a => a.Id == imageId && ContentImages.IsImage(a.ContentType)) ?? throw new NotFoundException("图片不存在");
        return await store.DownloadAsync(image.StorageKey, image.ContentType, image.FileName, ct, missing: "图片不存在");
    }

    private async Task<ScienceContent> FindAsync(Actor actor, Guid id, int? expectedVersion, CancellationToken ct)
    {
        var content = await db.ScienceContents.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (content is null || !content.IsVisibleTo(actor))
        {
            throw new NotFoundException("科普内容不存在");
        }

        MarketSupport.CheckVersion(content.Version, expectedVersion);
        return content;
    }

    private ScienceContentData ToData(ScienceContentRequest r) =>
        new(r.Kind, r.Title, richText.Clean(r.Body), r.AuthorOrganization, r.RegionCode, r.VideoUrl, r.Tags);
}
