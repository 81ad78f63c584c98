using Kexie.Domain.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Region scope has one primitive (<see cref="RegionScope"/>): a query that says <c>RegionScope.Within(x.RegionCode, code)</c> runs
/// the same SQL as the prefix test it replaced, in memory it answers the same, and no hand-written prefix test is left in the code.
/// </summary>
public abstract class RegionScopeTests(KexieApp app)
{
    [Fact]
    public async Task A_query_through_Within_runs_the_same_sql_as_the_prefix_test_and_finds_the_same_rows()
    {
        const string daYing = "510923";
        var (viaWithin, viaPrefix, rowsWithin, rowsPrefix, combined) = await app.QueryAsync(async db =>
        {
            var code = daYing;
            var within = db.ScienceWorkers.Where(w => RegionScope.Within(w.RegionCode, code));
            var prefix = db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(code));
            var either = db.ScienceWorkers.Where(w => w.IsPublicProfile || RegionScope.Within(w.RegionCode, code)).Select(w => w.Id);
            return (within.ToQueryString(), prefix.ToQueryString(), await within.Select(w => w.Id).OrderBy(id => id).ToListAsync(),
                await prefix.Select(w => w.Id).OrderBy(id => id).ToListAsync(), await either.CountAsync());
        });

        Assert.Equal(viaPrefix, viaWithin);
        Assert.Contains("LIKE", viaWithin, StringComparison.Ordinal);
        Assert.NotEmpty(rowsWithin);
        Assert.Equal(rowsPrefix, rowsWithin);
        Assert.True(combined >= rowsWithin.Count);
    }

    [Theory]
    [InlineData("510923103", "510923", true)]
    [InlineData("510923", "510923", true)]
    [InlineData("510981", "510923", false)]
    [InlineData("5109", "510923", false)]
    [InlineData(null, "510923", false)]
    [InlineData("510923", "", true)]
    public void Within_in_memory_is_the_subtree_test(string? code, string region, bool expected) =>
        Assert.Equal(expected, RegionScope.Within(code, region));

    [Fact]
    public void No_code_outside_the_primitive_tests_a_region_by_hand()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kexie.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var primitive = Path.Combine("src", "Kexie.Domain", "Authorization", "RegionScope.cs");
        var files = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"only {files.Count} source files found under {root.FullName}");

        var offending = files
            .Where(f => !Path.GetRelativePath(root.FullName, f).Equals(primitive, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root.FullName, f), Line: i + 1, Text: line.Trim())))
            .Where(x => x.Text.Contains("RegionCode.StartsWith", StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{x.File}:{x.Line}: {x.Text}")
            .ToList();
        Assert.True(offending.Count == 0, "区域范围请用 RegionScope.InScope / RegionScope.Within，不要手写前缀判断：\n" + string.Join("\n", offending));
        Assert.Contains("RegionCode.StartsWith", File.ReadAllText(Path.Combine(root.FullName, primitive)), StringComparison.Ordinal);
    }
}

public sealed class RegionScopeSqliteTests(SqliteApp app) : RegionScopeTests(app);

public sealed class RegionScopePostgresTests(PostgresApp app) : RegionScopeTests(app);
