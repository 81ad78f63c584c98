using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Market;

/// <summary>Settings of the market (section <c>Market</c>): response deadline and the working calendar.</summary>
public sealed class MarketOptions
{
    /// <summary>Working days from publication to the first response of a need's 一单一策 plan.</summary>
    public int ResponseWorkingDays { get; set; } = ResponsePlan.DefaultResponseWorkingDays;

    /// <summary>Public holidays (法定节假日), yyyy-MM-dd.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Make-up working days (调休上班), yyyy-MM-dd.</summary>
    public List<DateOnly> MakeUpWorkingDays { get; set; } = [];

    /// <summary>Minutes between two scans for overdue plans (notifications to handler and county admins); 0 turns the scan off.</summary>
    public int OverdueScanMinutes { get; set; } = 5;
}

public sealed record ReasonRequest(string? Reason);

public sealed record NoteRequest(string? Note);

/// <summary>Helpers shared by the market services.</summary>
internal static class MarketSupport
{
    public static MarketCodes Codes(ReferenceCodes codes) => new(codes.Disciplines.Contains, codes.Industries.Contains);

    /// <summary>
    /// The version the client last read, from <c>If-Match</c> (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>); null when absent.
    /// A malformed header is bad input.
    /// </summary>
    public static int? ExpectedVersion(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new DomainValidationException("If-Match", "If-Match 应为记录的版本号（version）");
    }

    /// <summary>
    /// Rejects a write based on a stale read: the client's version must be the current one. Together with the
    /// <c>Version</c> concurrency token (compared against the row in the UPDATE) two concurrent writers cannot both win.
    /// </summary>
    public static void CheckVersion(int current, int? expected)
    {
        if (expected is { } version && version != current)
        {
            throw new DbUpdateConcurrencyException($"记录已被他人修改（当前版本 {current}，您读取的版本 {version}），请刷新后重试");
        }
    }

    /// <summary>Start of a China calendar day as a UTC instant.</summary>
    public static DateTimeOffset ChinaDayStartUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), MarketRules.ChinaOffset).ToUniversalTime();

    /// <summary>A period of China dates [from, to] (both inclusive) as UTC instants [start, end).</summary>
    public static (DateTimeOffset? Start, DateTimeOffset? End) ChinaPeriod(DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw new DomainValidationException("to", "结束日期不能早于开始日期");
        }

        // A China day as a UTC instant must stay representable (0001-01-01 +08:00 is before year 1 in UTC).
        foreach (var (value, field) in new[] { (from, "from"), (to, "to") })
        {
            if (value is { Year: < 1900 or > 9000 })
            {
                throw new DomainValidationException(field, "日期应在1900年至9000年之间");
            }
        }

        return (from is { } a ? ChinaDayStartUtc(a) : null, to is { } b ? ChinaDayStartUtc(b.AddDays(1)) : null);
    }

    /// <summary>A region filter from the query string: empty means all; otherwise a well-formed code.</summary>
    public static string? RegionFilter(string? region, string field = "region")
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var code = region.Trim();
        return Kexie.Domain.Regions.RegionCode.IsWellFormed(code)
            ? code
            : throw new DomainValidationException(field, $"行政区划代码“{code}”格式不正确（应为2、4、6或9位数字）");
    }

    public static void RequireSignedIn(Actor actor)
    {
        if (!actor.IsAuthenticated)
        {
            throw new AccessDeniedException("请先登录");
        }
    }
}

/// <summary>The one computation of what a caller may do to a market item: the domain's rules filtered by the permissions.</summary>
public static class MarketActions
{
    public static IReadOnlyList<string> Allowed(
        Kexie.Domain.Authorization.AccessPolicy policy, Kexie.Domain.Identity.Actor actor, IReadOnlyList<string> byRules,
        Kexie.Domain.Authorization.Permission edit, Kexie.Domain.Authorization.Permission review)
    {
        var mayEdit = policy.Can(actor, edit);
        var mayReview = policy.Can(actor, review);
        return byRules.Where(a => Kexie.Domain.Market.ReviewActions.IsReview(a) ? mayReview : mayEdit).ToList();
    }
}
