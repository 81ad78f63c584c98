using Kexie.Matching.Data;

namespace Kexie.Bench;

/// <summary>
/// The honest protocol's fixed split of one file into a training half and an evaluation half by a stable hash of
/// each record's id (FNV-1a, 32 bit; independent of file order, runtime and machine). Everything learned (the
/// discipline classifier, the CSL-keyword dictionary, the confidence's coefficients) sees only the training half;
/// corpus and queries come from the evaluation half, whose labels reach nothing that is trained.
/// </summary>
internal static class HoldoutSplit
{
    public static (List<CslRecord> Train, List<CslRecord> Eval) Split(IReadOnlyList<CslRecord> records)
    {
        var train = new List<CslRecord>();
        var eval = new List<CslRecord>();
        foreach (var r in records)
        {
            (IsEval(r.Id) ? eval : train).Add(r);
        }
        return (train, eval);
    }

    public static bool IsEval(string id) => (Fnv1a(id) & 1) == 1;

    /// <summary>
    /// The tuning protocol: the training half alone, split again by the hash's second bit into an inner training quarter
    /// and an inner evaluation quarter. Weights are chosen here; the evaluation half is never read.
    /// </summary>
    public static (List<CslRecord> Train, List<CslRecord> Eval) SplitInner(IReadOnlyList<CslRecord> records)
    {
        var train = new List<CslRecord>();
        var eval = new List<CslRecord>();
        foreach (var r in Split(records).Train)
        {
            ((Fnv1a(r.Id) >> 1 & 1) == 1 ? eval : train).Add(r);
        }
        return (train, eval);
    }

    internal static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        return hash;
    }

    /// <summary>The machine's load average (1, 5, 15 min) from /proc/loadavg, "?" where there is none.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
