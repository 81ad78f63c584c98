namespace Kexie.Web.Infrastructure;

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>For lists that offer keyset pagination: pass as <c>after</c> for the next page; null on the last page.</summary>
    public string? NextCursor { get; init; }

    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Page and size as requested, clamped to sane bounds.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public static PageRequest Of(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 200));

    /// <summary>Rows before the page; a page far past the end (page=2147483647) skips everything instead of overflowing to the first page.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);
}

/// <summary>
/// Where the next page of a list sorted by publication time starts (keyset pagination): the last row's sort time and
/// id. Sent as <c>nextCursor</c> and read back from <c>after</c>, so a deep page costs what the first one costs instead
/// of skipping every row before it. Opaque to clients: "{ticks}.{offset minutes}.{id}".
/// </summary>
public readonly record struct ListCursor(DateTimeOffset At, Guid Id)
{
    public const string InvalidMessage = "翻页游标（after）无效，请从第一页重新翻页";

    public string Encode() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{At.Ticks}.{(int)At.Offset.TotalMinutes}.{Id:N}");

    /// <summary>The cursor in <paramref name="text"/>; null when empty; a problem naming <paramref name="field"/> when malformed.</summary>
    public static ListCursor? Parse(string? text, string field = "after")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split('.');
        var style = System.Globalization.NumberStyles.AllowLeadingSign;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length == 3 && long.TryParse(parts[0], style, culture, out var ticks) && int.TryParse(parts[1], style, culture, out var minutes)
            && Guid.TryParseExact(parts[2], "N", out var id) && minutes is >= -14 * 60 and <= 14 * 60 && ticks >= DateTimeOffset.MinValue.Ticks && ticks <= DateTimeOffset.MaxValue.Ticks)
        {
            try
            {
                return new ListCursor(new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes)), id);
            }
            catch (ArgumentOutOfRangeException)
            {
            }
        }

        throw new Kexie.Domain.Common.DomainValidationException(field, InvalidMessage);
    }
}
