using System.Globalization;
using Kexie.Domain.Common;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// A day typed in a query string (yyyy-MM-dd). Endpoints take it as text and read it here instead of binding a
/// <see cref="DateOnly"/>? parameter: a minimal API answers 400 to the empty value a form sends for an empty date field
/// (aspnetcore#65754). Blank is none; anything else unreadable is a 400 naming the field.
/// </summary>
public static class QueryDay
{
    public static DateOnly? Parse(string? text, string field, string label) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new DomainValidationException(field, $"{label}应为“2025-12-20”这样的日期");

    /// <summary>The usual pair: <c>from</c> (起始日期) and <c>to</c> (结束日期).</summary>
    public static (DateOnly? From, DateOnly? To) Range(string? from, string? to) =>
        (Parse(from, "from", "起始日期"), Parse(to, "to", "结束日期"));
}
