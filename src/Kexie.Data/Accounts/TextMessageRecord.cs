namespace Kexie.Data.Accounts;

/// <summary>
/// 短信发件箱: one text message as the development sender "sent" it (and, with a real gateway, as it was handed over), so
/// the demo and the tests work offline and an admin can read what went out.
/// </summary>
public sealed class TextMessageRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Phone { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>The region the message concerns where known (the county chosen at sign-up, the account's region): its admins see it.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Which sender handled it (开发发件箱, HTTP 短信网关) and whether the gateway accepted it.</summary>
    public string Channel { get; set; } = string.Empty;

    public bool Delivered { get; set; }

    public string? Error { get; set; }
}
