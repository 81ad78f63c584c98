using System.Reflection;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kexie.Web.Tests.Security;

/// <summary>Page handlers that change something are held to the same permission catalogue as the API.</summary>
public sealed class PageHandlerPermissionTests(SqliteApp app)
{
    [Fact]
    public void Every_page_post_handler_declares_a_permission()
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal) || m.Name.StartsWith("OnPut", StringComparison.Ordinal) || m.Name.StartsWith("OnDelete", StringComparison.Ordinal))
                .Select(m => (Page: t.FullName!, Handler: m)))
            .ToList();
        Assert.True(handlers.Count > 80, $"only {handlers.Count} handlers found");
        var missing = handlers.Where(h => h.Handler.GetCustomAttribute<RequiresPermissionAttribute>() is null).Select(h => $"{h.Page}.{h.Handler.Name}").ToList();
        Assert.True(missing.Count == 0, "page handlers without a permission:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task A_role_without_the_permission_gets_the_403_page_naming_the_operation()
    {
        // A science worker may not review needs: the review queue's handler refuses before it runs.
        var worker = await app.SignInAsync("worker");
        var page = await worker.GetAsync("/Market/Review");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await worker.PostAsync("/Market/Review?handler=Need", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["id"] = Guid.NewGuid().ToString(),
            ["decision"] = "publish",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Contains("审核科技需求", await posted.Content.ReadAsStringAsync());
    }
}
