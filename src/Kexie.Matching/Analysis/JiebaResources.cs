using JiebaNet.Segmenter;

namespace Kexie.Matching.Analysis;

/// <summary>
/// Locates jieba's dictionary folder (read by <see cref="JiebaSegmenterFast"/>, and by jieba.NET
/// where it is still used: the benchmark's Lucene baseline and the tests' oracle). The build copies it to <c>Resources/</c> next to the
/// program (see Kexie.Matching.csproj); <see cref="Directory"/> can be set before first use to
/// point elsewhere, or the environment variable <c>KEXIE_JIEBA_DIR</c> can name it.
/// </summary>
public static class JiebaResources
{
    private static readonly Lock Gate = new();
    private static string? directory;
    private static bool configured;

    /// <summary>The folder holding dict.txt, prob_emit.json, … .</summary>
    public static string Directory
    {
        get
        {
            lock (Gate)
            {
                return directory ??= Locate();
            }
        }
        set
        {
            lock (Gate)
            {
                if (configured)
                {
                    throw new InvalidOperationException("jieba 词典目录已经加载，不能再修改。");
                }
                directory = value;
            }
        }
    }

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("KEXIE_JIEBA_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(Path.Combine(fromEnv, "dict.txt")))
        {
            return fromEnv;
        }
        foreach (var root in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(JiebaResources).Assembly.Location) ?? "" })
        {
            var candidate = Path.Combine(root, "Resources");
            if (File.Exists(Path.Combine(candidate, "dict.txt")))
            {
                return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "Resources");
    }

    /// <summary>Fixes <see cref="Directory"/> and points jieba.NET at it; called before the first segmenter is built.</summary>
    internal static void EnsureConfigured()
    {
        lock (Gate)
        {
            if (configured)
            {
                return;
            }
            var dir = directory ??= Locate();
            if (!File.Exists(Path.Combine(dir, "dict.txt")))
            {
                throw new FileNotFoundException(
                    $"找不到 jieba 词典 dict.txt（查找目录：{dir}）。请确认 Kexie.Matching 的 Resources 已复制到输出目录，或设置 KEXIE_JIEBA_DIR。",
                    Path.Combine(dir, "dict.txt"));
            }
            ConfigManager.ConfigFileBaseDir = dir;
            configured = true;
        }
    }
}
