using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Stations;

/// <summary>
/// A 科普e站 with its terminals and daily usage; visitors subscribe to topics and ask questions (no account needed); the
/// region's managers log a day's visits and interactions, add terminals, see subscribers and answer questions.
/// </summary>
public sealed class DetailsModel(EStationService stations, EStationInteractionService interaction, KioskService kiosks, KexieDbContext db) : MarketPageModel
{
    public sealed class UsageInput
    {
        public string? Day { get; set; }
        public string? Visits { get; set; }
        public string? Interactions { get; set; }
    }

    [BindProperty] public UsageInput Input { get; set; } = new();

    public EStationDto Station { get; private set; } = null!;

    public IReadOnlyList<UsageDto> Usage { get; private set; } = [];

    public string RegionName { get; private set; } = string.Empty;

    public bool IsManager { get; private set; }

    public IReadOnlyList<TerminalDto> Terminals { get; private set; } = [];

    public IReadOnlyList<SubscriptionDto> Subscriptions { get; private set; } = [];

    public IReadOnlyList<QuestionDto> Questions { get; private set; } = [];

    public IReadOnlyList<DeviceDto> Devices { get; private set; } = [];

    public IReadOnlyList<StationPostDto> Posts { get; private set; } = [];

    public StationUsageSummaryDto Summary { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public double OfflineMinutes => kiosks.OfflineAfter.TotalMinutes;

    public bool CanPublish { get; private set; }

    /// <summary>The kiosk link of a device just issued: shown once, right after issuing.</summary>
    [TempData] public string? IssuedKioskLink { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new UsageInput { Day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd") };
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var day = ParseDate(Input.Day, "day", "日期") ?? throw new DomainValidationException("day", "日期不能为空");
            var usage = await stations.LogUsageAsync(Actor, id, day, new UsageRequest(ParseInt(Input.Visits, "visits", "访问次数") ?? 0, ParseInt(Input.Interactions, "interactions", "互动次数") ?? 0), ct);
            Notice = $"已登记 {usage.Day:yyyy-MM-dd} 的使用情况：访问 {usage.Visits} 次，互动 {usage.Interactions} 次";
            return Redirect($"/Popularization/Stations/Details/{id}");
        }
        catch (DomainValidationException e)
        {
            AddError<UsageInput>(e);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, bool active, int version, CancellationToken ct)
    {
        await stations.SetActiveAsync(Actor, id, active, version, ct);
        return BackWithNotice(active ? "已恢复运行" : "已停用");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostTerminalAsync(Guid id, string? name, string? kind, string? placeKind, string? place, string? installedOn, CancellationToken ct)
    {
        var terminal = await interaction.InstallAsync(Actor, id, new TerminalRequest(
            name, ParseEnum<TerminalKind>(kind, "kind", "终端类型"), ParseEnum<EStationSiteKind>(placeKind, "placeKind", "安放场所"), place,
            ParseDate(installedOn, "installedOn", "安装日期")), ct);
        return BackWithNotice($"已登记终端“{terminal.Name}”");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostRemoveTerminalAsync(Guid id, Guid terminalId, CancellationToken ct)
    {
        var terminal = await interaction.RemoveTerminalAsync(Actor, id, terminalId, ct);
        return BackWithNotice($"已撤除终端“{terminal.Name}”");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostSubscribeAsync(Guid id, string? subscriberKind, string? subscriberName, string? phone, string? targetGroup, List<string>? tags, List<string>? onBehalf, CancellationToken ct)
    {
        var group = string.IsNullOrWhiteSpace(targetGroup) ? (TargetGroup?)null : ParseEnum<TargetGroup>(targetGroup, "targetGroup", "重点人群");
        // The staff's form sends "false" (hidden) and "true" when 代为订阅 is ticked; other people's form sends nothing.
        bool? behalf = onBehalf is null || onBehalf.Count == 0 ? null : onBehalf.Contains("true", StringComparer.OrdinalIgnoreCase);
        var created = await interaction.SubscribeAsync(Actor, id, new SubscriptionRequest(ParseEnum<SubscriberKind>(subscriberKind, "subscriberKind", "订阅方类型"), subscriberName, phone, group, tags, behalf), ct);
        Notice = "订阅成功。请收藏本页链接，凭它随时查看为您推送的科普内容。";
        return Redirect(created.FeedLink!);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.UseEStations))]
    public async Task<IActionResult> OnPostAskAsync(Guid id, string? askerName, string? phone, string? text, CancellationToken ct)
    {
        var created = await interaction.AskAsync(id, new AskRequest(askerName, phone, text), ct);
        Notice = "问题已提交。请收藏本页链接，工作人员答复后可在此查看并追问。";
        return Redirect(created.ThreadLink!);
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.AnswerEStationQuestions))]
    public async Task<IActionResult> OnPostAnswerAsync(Guid id, Guid questionId, int version, string? text, CancellationToken ct)
    {
        await interaction.AnswerAsync(Actor, questionId, new MessageRequest(text), version, ct);
        return BackWithNotice("已答复，提问人可凭其链接查看");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostIssueDeviceAsync(Guid id, string? deviceName, CancellationToken ct)
    {
        var device = await kiosks.IssueAsync(Actor, id, new DeviceRequest(deviceName), ct);
        IssuedKioskLink = device.KioskLink;
        return BackWithNotice($"已为“{device.Name}”发放终端凭证。请在该设备的浏览器中打开下面的e站屏链接并设为主页；链接只显示这一次。");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations))]
    public async Task<IActionResult> OnPostRevokeDeviceAsync(Guid id, Guid deviceId, CancellationToken ct)
    {
        var device = await kiosks.RevokeAsync(Actor, id, deviceId, ct);
        return BackWithNotice($"已撤销“{device.Name}”的终端凭证，该设备不能再打开e站屏");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.PublishToEStations))]
    public async Task<IActionResult> OnPostPublishAsync(Guid id, string? postTitle, string? postBody, List<string>? postTags, CancellationToken ct)
    {
        var post = await kiosks.PublishAsync(Actor, id, new StationPostRequest(postTitle, postBody, postTags), ct);
        return BackWithNotice($"已发布“{post.Title}”到本站e站屏");
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Popularization.PopularizationPermissions), nameof(Kexie.Web.Features.Popularization.PopularizationPermissions.PublishToEStations))]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid postId, CancellationToken ct)
    {
        var post = await kiosks.WithdrawAsync(Actor, id, postId, ct);
        return BackWithNotice($"已撤下“{post.Title}”");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Station = await stations.GetAsync(Actor, id, ct);
        Usage = await stations.UsageAsync(id, null, null, ct);
        IsManager = Can(PopularizationPermissions.ManageEStations, Station.RegionCode);
        Terminals = await interaction.TerminalsAsync(id, ct);
        if (IsManager)
        {
            Subscriptions = await interaction.SubscriptionsAsync(Actor, id, ct);
            Questions = await interaction.QuestionsAsync(Actor, id, null, ct);
        }
        Summary = await kiosks.UsageSummaryAsync(id, ct);
        CanManage = Can(Kexie.Web.Features.Popularization.PopularizationPermissions.ManageEStations, Station.RegionCode);
        CanPublish = Can(Kexie.Web.Features.Popularization.PopularizationPermissions.PublishToEStations, Station.RegionCode);
        if (CanManage)
        {
            Devices = await kiosks.DevicesAsync(Actor, id, ct);
        }

        if (CanPublish)
        {
            Posts = await kiosks.PostsAsync(Actor, id, ct);
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Station.RegionCode], ct)).GetValueOrDefault(Station.RegionCode, Station.RegionCode);
    }
}
