using System.Net;
using Kexie.Domain.Common;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// Rich text is measured before it is sanitised: input over the limit or nested too deeply is refused, naming the field,
/// without being parsed; and sanitising takes no lock, so one writer's input never holds up another's.
/// </summary>
public abstract class RichTextLimitTests(KexieApp app)
{
    private static string Nested(int levels, string tag = "b") =>
        string.Concat(Enumerable.Repeat($"<{tag}>", levels)) + "文" + string.Concat(Enumerable.Repeat($"</{tag}>", levels));

    /// <summary>About 1 MB of nested tags (unclosed formatting elements, the parser's costly case).</summary>
    private static readonly string Megabyte = string.Concat(Enumerable.Repeat("<b><i><a href=\"http://x\"><p>", 40_000));

    [Fact]
    public async Task A_megabyte_of_nested_rich_text_is_refused_naming_the_field_while_an_ordinary_write_goes_through()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var worker = await app.SignInAsync("worker");
        var title = $"富文本炸弹{Guid.NewGuid():N}";
        var ordinaryTitle = $"普通需求{Guid.NewGuid():N}";

        var bombs = Enumerable.Range(0, 3).Select(_ => enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(title, Megabyte))).ToList();
        var offerBomb = worker.PostJsonAsync("/api/v1/offers", new
        {
            kind = "Service", title, description = Megabyte, disciplineCodes = new[] { "21030" }, industryCodes = new[] { "2614" },
            regionCode = "510923", priceMode = "Negotiable",
        });
        var ordinary = enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody(ordinaryTitle, "<p>含盐废水<strong>降本</strong></p>"));

        foreach (var bomb in bombs)
        {
            Assert.Contains("不能超过", await (await bomb).AssertValidationProblemAsync("problem"));
        }

        Assert.Contains("不能超过", await (await offerBomb).AssertValidationProblemAsync("description"));
        var created = await (await ordinary).OkJsonAsync();
        Assert.Equal("<p>含盐废水<strong>降本</strong></p>", created["problem"]!.GetValue<string>());
        Assert.False(await app.QueryAsync(db => db.Needs.AnyAsync(n => n.Title == title)));
        Assert.False(await app.QueryAsync(db => db.Offers.AnyAsync(o => o.Title == title)));
    }

    [Fact]
    public async Task A_science_article_body_over_the_limit_is_refused_as_body()
    {
        var staff = await app.SignInAsync("daying-staff");
        var title = $"超长正文{Guid.NewGuid():N}";
        var response = await staff.PostJsonAsync("/api/v1/science-contents", new { kind = "Article", title, body = Megabyte, authorOrganization = "大英县科协", regionCode = "510923" });
        Assert.Contains("不能超过", await response.AssertValidationProblemAsync("body"));
        Assert.False(await app.QueryAsync(db => db.ScienceContents.AnyAsync(c => c.Title == title)));
    }

    [Fact]
    public async Task Deep_nesting_within_the_length_limit_is_refused_before_parsing()
    {
        var enterprise = await app.SignInAsync("enterprise");
        var response = await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"嵌套过深{Guid.NewGuid():N}", Nested(RichTextSanitizer.MaxDepth + 1)));
        Assert.Contains("嵌套过深", await response.AssertValidationProblemAsync("problem"));

        var fine = await enterprise.PostJsonAsync("/api/v1/needs", ProblemDetailsTests.NeedBody($"嵌套可以{Guid.NewGuid():N}", Nested(RichTextSanitizer.MaxDepth, "em")));
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [Fact]
    public void The_sanitiser_names_the_field_it_was_given_or_the_member_passed()
    {
        var sanitizer = new RichTextSanitizer();
        var tooLong = new string('长', RichTextSanitizer.MaxInputLength + 1);
        Assert.Equal("body", Assert.Throws<DomainValidationException>(() => sanitizer.Clean(tooLong, "body")).Field);
        var request = new { Introduction = Nested(500) };
        Assert.Equal("introduction", Assert.Throws<DomainValidationException>(() => sanitizer.Clean(request.Introduction)).Field);
        Assert.Equal("<strong>x</strong>", sanitizer.Clean("<strong>x</strong><script>alert(1)</script>"));
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Counting_the_depth_errs_towards_deeper(int levels, bool exceeds)
    {
        Assert.Equal(exceeds, RichTextSanitizer.NestingExceeds(Nested(levels, "div"), RichTextSanitizer.MaxDepth));

        // Void elements, self-closed tags, stray end tags and elements the parser closes itself do not nest.
        var flat = string.Concat(Enumerable.Repeat("<p>段落<br><img src=x><hr/><li>项</b></i>", 1000));
        Assert.False(RichTextSanitizer.NestingExceeds(flat, RichTextSanitizer.MaxDepth));

        // Unclosed formatting elements do.
        Assert.True(RichTextSanitizer.NestingExceeds(string.Concat(Enumerable.Repeat("<b>x", 101)), RichTextSanitizer.MaxDepth));
        Assert.False(RichTextSanitizer.NestingExceeds("a < b > c <<<>>> </ 1 <", RichTextSanitizer.MaxDepth));
    }
}

public sealed class RichTextLimitSqliteTests(SqliteApp app) : RichTextLimitTests(app);

public sealed class RichTextLimitPostgresTests(PostgresApp app) : RichTextLimitTests(app);
