namespace Kexie.Data.SharedData;

/// <summary>
/// Finds the shared data folder (region codes, taxonomy, CSL abstracts). The configured path
/// (default <c>../shared/data</c>, i.e. beside the repository) is tried relative to the current
/// directory and each of its ancestors, then to the program's folder and its ancestors.
/// </summary>
public static class SharedDataPath
{
    public const string Default = "../shared/data";

    public static string Resolve(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? Default : configured;
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"共享数据目录不存在：{path}（配置项 SharedData:Path）");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, path));
                if (Directory.Exists(Path.Combine(candidate, "regions")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"找不到共享数据目录“{path}”（应包含 regions/、taxonomy/）。请设置 SharedData:Path 或环境变量 SharedData__Path。");
    }
}
