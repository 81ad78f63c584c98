namespace Kexie.Web.Infrastructure;

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Page and size as requested, clamped to sane bounds.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public static PageRequest Of(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, 200));

    /// <summary>Rows before the page; a page far past the end (page=2147483647) skips everything instead of overflowing to the first page.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize);
}
