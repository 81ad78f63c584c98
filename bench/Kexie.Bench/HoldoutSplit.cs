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

    /// <summary>
    /// Another split of the training half into two quarters (issue 12, match13: several tuning splits, pooled, so a choice
    /// is not fitted to one draw of a dozen title queries): seed 0 is <see cref="SplitInner(IReadOnlyList{CslRecord})"/>
    /// exactly; seed s &gt; 0 puts a record in the inner evaluation quarter by the lowest bit of FNV-1a of "s#id" passed through
    /// MurmurHash3's finalizer (FNV-1a's lowest bit alone is the parity of the text's bytes, so within one half it would
    /// be the same for every record). The evaluation half is never read.
    /// </summary>
    public static (List<CslRecord> Train, List<CslRecord> Eval) SplitInner(IReadOnlyList<CslRecord> records, int seed)
    {
        if (seed == 0)
        {
            return SplitInner(records);
        }
        var train = new List<CslRecord>();
        var eval = new List<CslRecord>();
        foreach (var r in Split(records).Train)
        {
            ((Mix(Fnv1a($"{seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}#{r.Id}")) & 1) == 1 ? eval : train).Add(r);
        }
        return (train, eval);
    }

    /// <summary>The records of a named split: "hash" (train half → evaluation half), "inner" / "inner-b" (seed 0),
    /// "inner:S" / "inner-b:S" (seed S, <see cref="SplitInner(IReadOnlyList{CslRecord}, int)"/>); null for another name.</summary>
    public static (List<CslRecord> Train, List<CslRecord> Eval)? Named(IReadOnlyList<CslRecord> records, string name)
    {
        if (name == "hash")
        {
            return Split(records);
        }
        var parts = name.Split(':', 2);
        var seed = 0;
        if (parts[0] is not ("inner" or "inner-b") || (parts.Length == 2 && (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed) || seed < 0)))
        {
            return null;
        }
        var (a, b) = SplitInner(records, seed);
        return parts[0] == "inner" ? (a, b) : (b, a);
    }

    /// <summary>MurmurHash3's 32-bit finalizer: every output bit depends on every input bit.</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h = unchecked(h * 0x85ebca6bu);
        h ^= h >> 13;
        h = unchecked(h * 0xc2b2ae35u);
        h ^= h >> 16;
        return h;
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
