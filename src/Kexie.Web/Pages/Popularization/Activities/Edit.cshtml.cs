using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Activities;

/// <summary>Publishes a new activity or edits one (the region's staff and admins).</summary>
[Authorize]
public sealed class EditModel(ActivityService activities, SeriesService series) : MarketPageModel
{
    public sealed class ActivityInput
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? RegionCode { get; set; }
        public string? Venue { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Capacity { get; set; }
        public string? Organizer { get; set; }
        public string? Setting { get; set; }
        public string? TargetGroup { get; set; }
        public List<string> Tags { get; set; } = [];
        public string? SeriesId { get; set; }
    }

    /// <summary>The series the activity may join: those of its region and the regions above (of the staff's own region when new).</summary>
    public IReadOnlyList<SeriesOption> SeriesOptions { get; private set; } = [];

    [BindProperty] public ActivityInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var a = await activities.GetAsync(existing, ct);
            if (!Can(PopularizationPermissions.ManageActivities, a.RegionCode))
            {
                return ForbiddenPage("只有本地区服务中心工作人员或科协管理员可以修改科普活动");
            }

            Input = new ActivityInput
            {
                Kind = a.Kind.ToString(), Title = a.Title, Description = a.Description, RegionCode = a.RegionCode, Venue = a.Venue,
                StartsOn = a.StartsOn.ToString("yyyy-MM-dd"), EndsOn = a.EndsOn.ToString("yyyy-MM-dd"), Capacity = a.Capacity?.ToString(System.Globalization.CultureInfo.InvariantCulture), Organizer = a.Organizer,
                Setting = a.Setting?.ToString(), TargetGroup = a.TargetGroup?.ToString(), Tags = [.. a.Tags ?? []], SeriesId = a.SeriesId?.ToString(),
            };
            Version = a.Version;
        }
        else
        {
            Input = new ActivityInput { Kind = nameof(ActivityKind.ScienceWeek), RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null };
        }

        SeriesOptions = await series.OptionsAsync(Input.RegionCode, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageActivities))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            // Fields the form reads itself are collected with the activity's own checks, so every mistake shows at once.
            var errors = new FieldErrors();
            var request = new ActivityRequest(
                errors.Check(() => ParseEnum<ActivityKind>(Input.Kind, "kind", "活动类型")), Input.Title, Input.Description, Input.RegionCode, Input.Venue,
                errors.Check(() => ParseDate(Input.StartsOn, "startsOn", "开始日期")), errors.Check(() => ParseDate(Input.EndsOn, "endsOn", "结束日期")),
                errors.Check(() => ParseInt(Input.Capacity, "capacity", "人数上限")), Input.Organizer,
                string.IsNullOrEmpty(Input.Setting) ? null : errors.Check(() => (ServiceSetting?)ParseEnum<ServiceSetting>(Input.Setting, "setting", "服务场所")),
                string.IsNullOrEmpty(Input.TargetGroup) ? null : errors.Check(() => (TargetGroup?)ParseEnum<TargetGroup>(Input.TargetGroup, "targetGroup", "重点人群")),
                Input.Tags, errors.Check(() => ParseGuid(Input.SeriesId, "seriesId", "活动系列")));
            var saved = id is { } existing
                ? await activities.UpdateAsync(Actor, existing, request, Version, ct, errors)
                : await activities.CreateAsync(Actor, request, ct, errors);
            Notice = $"已保存活动“{saved.Title}”";
            return Redirect($"/Popularization/Activities/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<ActivityInput>(e);
        }

        SeriesOptions = await series.OptionsAsync(Input.RegionCode, ct);
        return Page();
    }
}
