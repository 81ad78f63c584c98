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
public sealed class EditModel(ScienceContentService contents, RichTextSanitizer sanitizer) : MarketPageModel
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
    }

    [BindProperty] public ContentInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var c = await contents.GetAsync(Actor, existing, false, ct);
            Input = new ContentInput { Kind = c.Kind.ToString(), Title = c.Title, Body = RichTextForm.ToEditor(c.Body, sanitizer), AuthorOrganization = c.AuthorOrganization, RegionCode = c.RegionCode, VideoUrl = c.VideoUrl, Tags = [.. c.Tags] };
            Version = c.Version;
        }
        else
        {
            Input = new ContentInput { Kind = nameof(ScienceContentKind.Article), RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.EditContents))]
    public async Task<IActionResult> OnPostAsync(Guid? id, bool submit, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new ScienceContentRequest(
                ParseEnum<ScienceContentKind>(Input.Kind, "kind", "内容类型"), Input.Title, RichTextForm.FromEditor(Input.Body), Input.AuthorOrganization, Input.RegionCode, Input.VideoUrl, Input.Tags);
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
