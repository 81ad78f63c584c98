using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kexie.Matching.Data;

/// <summary>One record of the CSL dataset (Chinese Scientific Literature, COLING 2022).</summary>
public sealed record CslRecord
{
    /// <summary>Record id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>Paper title.</summary>
    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    /// <summary>Abstract (absent in the title/category training file).</summary>
    [JsonPropertyName("abstract")]
    public string Abstract { get; init; } = string.Empty;

    /// <summary>Keywords.</summary>
    [JsonPropertyName("keywords")]
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>One of 67 disciplines (学科), e.g. 计算机科学与技术.</summary>
    [JsonPropertyName("discipline")]
    public string Discipline { get; init; } = string.Empty;

    /// <summary>One of 13 categories (门类), e.g. 工学.</summary>
    [JsonPropertyName("category")]
    public string Category { get; init; } = string.Empty;

    /// <summary>
    /// The record as discipline-classifier examples labelled <paramref name="label"/>: title + keywords + abstract, the
    /// title alone and the keywords alone (when there are any), so short inputs look like something seen in training.
    /// </summary>
    public IEnumerable<Classification.LabeledText> TrainingExamples(string label)
    {
        var keywords = string.Join(' ', Keywords);
        yield return new($"{Title} {keywords} {Abstract}", label);
        yield return new(Title, label);
        if (keywords.Length > 0)
        {
            yield return new(keywords, label);
        }
    }

    /// <summary>Reads a JSON-lines file of records.</summary>
    public static List<CslRecord> ReadJsonLines(string path)
    {
        var list = new List<CslRecord>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var record = JsonSerializer.Deserialize<CslRecord>(line);
            if (record is not null)
            {
                list.Add(record);
            }
        }
        return list;
    }
}

/// <summary>Finds the shared data folder (…/shared/data) at run time.</summary>
public static class KexieDataPath
{
    /// <summary>
    /// The data folder: <paramref name="explicitPath"/> if given, else the environment variable
    /// <c>KEXIE_DATA</c>, else the first <c>shared/data</c> found beside a parent of
    /// <paramref name="startDirectory"/> (default: the program's base directory) or of the current
    /// directory. Returns null when none exists.
    /// </summary>
    public static string? Locate(string? explicitPath = null, string? startDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }
        var fromEnv = Environment.GetEnvironmentVariable("KEXIE_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }
        foreach (var start in new[] { startDirectory ?? AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(Path.Combine(candidate, "csl")) || Directory.Exists(Path.Combine(candidate, "taxonomy")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
