using System.Globalization;
using Kexie.Matching;

namespace Kexie.Bench;

/// <summary>--set Name=Value,… overrides of <see cref="MatchOptions"/> properties, for experiments.</summary>
internal static class Overrides
{
    private static readonly List<(string Name, string Value)> Values = [];

    public static void Parse(string? text)
    {
        foreach (var pair in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            Values.Add((parts[0].Trim(), parts[1].Trim()));
        }
    }

    /// <summary>Replaces every override by those of <paramref name="text"/> (the tuning runner's candidates, one after another).</summary>
    public static void Replace(string? text)
    {
        Values.Clear();
        Parse(text);
    }

    public static string Describe() => string.Join(",", Values.Select(v => $"{v.Name}={v.Value}"));

    public static MatchOptions Apply(MatchOptions options)
    {
        foreach (var (name, value) in Values)
        {
            var property = typeof(MatchOptions).GetProperty(name) ?? throw new ArgumentException($"MatchOptions has no property {name}");
            object converted = property.PropertyType == typeof(Kexie.Matching.Ranking.LearnedReranker)
                ? Kexie.Matching.Ranking.LearnedReranker.Load(value)
                : property.PropertyType == typeof(TimeSpan)
                ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
                : Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture);
            options = options with { };
            property.SetValue(options, converted);
        }
        return options;
    }
}
