using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Contents;

/// <summary>Writes a new science-popularization item or edits a draft / returned / withdrawn one.</summary>
[Authorize]
public sealed class EditModel(ScienceContentService contents) : MarketPageModel
{
    public sealed class ContentInput
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string? AuthorOrganization { get; set; }
        public string? RegionCode { get; set; }
        public string? VideoUrl { get; set; }
        public List<string> Tags { get; set; } = [];

        /// <summary>An image to upload and insert at the end of the body (上传并插入图片).</summary>
        public IFormFile? File { get; set; }

        /// <summary>The uploaded image to delete (删除图片).</summary>
        public string? ImageId { get; set; }
    }

    /// <summary>The item's uploaded images (to insert again elsewhere in the body).</summary>
    public IReadOnlyList<ContentImageDto> Images { get; private set; } = [];

    [BindProperty] public ContentInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    /// <summary>The body as readers will see it (预览), after a preview post; null otherwise.</summary>
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var c = await contents.GetAsync(Actor, existing, false, ct);
            Input = new ContentInput { Kind = c.Kind.ToString(), Title = c.Title, Body = ContentMarkdown.ToEditor(c.Body), AuthorOrganization = c.AuthorOrganization, RegionCode = c.RegionCode, VideoUrl = c.VideoUrl, Tags = [.. c.Tags] };
            Version = c.Version;
            Images = c.Images;
        }
        else
        {
            Input = new ContentInput { Kind = nameof(ScienceContentKind.Article), RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        }

        return Page();
    }

    /// <summary>预览: renders the typed body as the public page would, saves nothing; the form keeps what was typed.</summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public IActionResult OnPostPreview(Guid? id)
    {
        Id = id;
        ModelState.Clear();
        try
        {
            PreviewHtml = contents.Preview(Input.Body);
        }
        catch (DomainValidationException e)
        {
            AddError<ContentInput>(e);
        }

        return Page();
    }

    /// <summary>
    /// 上传并插入图片: saves what was typed as a draft (creating it when new), uploads the image to it and adds the image's
    /// Markdown at the end of the body, then reopens the editor.
    /// </summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public async Task<IActionResult> OnPostImageAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            if (Input.File is null)
            {
                throw new DomainValidationException("file", "请选择要插入的图片（JPG、PNG 或 WebP）");
            }

            await ContentImages.InspectAsync(Input.File, ct);
            var request = ToRequest();
            var saved = id is { } existing
                ? await contents.UpdateAsync(Actor, existing, request, Version, ct)
                : await contents.CreateAsync(Actor, request, ct);
            Id = saved.Id;
            Version = saved.Version;
            var image = await contents.UploadImageAsync(Actor, saved.Id, Input.File, saved.Version, ct);
            var body = string.IsNullOrWhiteSpace(saved.Body) ? image.Markdown : ContentMarkdown.ToEditor(saved.Body) + "\n\n" + image.Markdown;
            await contents.UpdateAsync(Actor, saved.Id, request with { Body = body }, null, ct);
            Notice = $"已上传图片“{image.FileName}”并插入正文末尾";
            return Redirect($"/Popularization/Contents/Edit/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ContentInput>(e);
        }

        return Page();
    }

    /// <summary>
    /// 删除图片: saves what was typed first (so an image mark just taken out of the body counts), then deletes the image. One
    /// the body still shows stays, with the message next to the image list.
    /// </summary>
    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public async Task<IActionResult> OnPostDeleteImageAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var imageId = ParseGuid(Input.ImageId, "imageId", "图片") ?? throw new DomainValidationException("imageId", "请选择要删除的图片");
            var saved = await contents.UpdateAsync(Actor, id, ToRequest(), Version, ct);
            Version = saved.Version;
            ModelState.Remove(nameof(Version));
            var name = saved.Images.FirstOrDefault(i => i.Id == imageId)?.FileName ?? "图片";
            await contents.RemoveImageAsync(Actor, id, imageId, saved.Version, ct);
            Notice = $"已删除图片“{name}”";
            return Redirect($"/Popularization/Contents/Edit/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ContentInput>(e);
        }

        Images = (await contents.GetAsync(Actor, id, false, ct)).Images;
        return Page();
    }

    private ScienceContentRequest ToRequest() => new(
        ParseEnum<ScienceContentKind>(Input.Kind, "kind", "内容类型"), Input.Title, ContentMarkdown.FromEditor(Input.Body), Input.AuthorOrganization, Input.RegionCode, Input.VideoUrl, Input.Tags);

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public async Task<IActionResult> OnPostAsync(Guid? id, bool submit, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = ToRequest();
            var saved = id is { } existing
                ? await contents.UpdateAsync(Actor, existing, request, Version, ct)
                : await contents.CreateAsync(Actor, request, ct);
            if (submit)
            {
                await contents.TransitionAsync(Actor, saved.Id, c => c.Submit(Actor), saved.Version, ct);
                Notice = $"已提交“{saved.Title}”，等待科协审核";
            }
            else
            {
                Notice = $"已保存“{saved.Title}”";
            }

            return Redirect($"/Popularization/Contents/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ContentInput>(e);
        }

        return Page();
    }
}
