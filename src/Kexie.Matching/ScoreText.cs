using System.Globalization;

namespace Kexie.Matching;

/// <summary>How a score reads wherever people see it: the explanation's sentences and the web's lists use this one form.</summary>
public static class ScoreText
{
    /// <summary>Two decimals, never a signed zero ("-0.00" → "0.00").</summary>
    public static string Format(double value)
    {
        var text = value.ToString("0.00", CultureInfo.InvariantCulture);
        return text == "-0.00" ? "0.00" : text;
    }
}
