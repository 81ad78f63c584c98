using System.Net;
using System.Text.RegularExpressions;
using Kexie.Web.Tests.Accounts;
using Kexie.Web.Tests.Security;
using static Kexie.Web.Tests.Workbench.WorkbenchSteps;

namespace Kexie.Web.Tests.Walk;

public abstract partial class FirstUseFixTests
{
    [Fact]
    public async Task Registering_from_a_needs_page_comes_back_to_the_need()
    {
        var needUrl = $"/Market/Needs/Details/{await PublishedNeedAsync(app, $"注册回到需求{Token()}")}";
        var person = app.Client();
        var login = await (await person.GetAsync($"/Account/Login?returnUrl={Uri.EscapeDataString(needUrl)}")).Content.ReadAsStringAsync();
        var registerLink = RegisterLink().Match(login).Groups[1].Value;
        Assert.Equal($"/Account/Register?returnUrl={Uri.EscapeDataString(needUrl)}", WebUtility.HtmlDecode(registerLink));

        var form = await (await person.GetAsync(WebUtility.HtmlDecode(registerLink))).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{needUrl}\"", form);
        var phone = KexieApp.NewPhone();
        var code = await app.CodeForAsync(person, phone);
        var registered = await person.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(form), ["ReturnUrl"] = needUrl, ["Input.Kind"] = "Worker",
            ["Input.Phone"] = phone, ["Input.Code"] = code, ["Input.Name"] = "回访者" + Token()[..4], ["Input.Password"] = SignUpSupport.Password,
            ["Input.RegionCode"] = DaYing,
        }));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(needUrl, registered.Headers.Location!.OriginalString);

        // Another site's address is not followed.
        var other = app.Client();
        var otherForm = await (await other.GetAsync("/Account/Register")).Content.ReadAsStringAsync();
        var otherPhone = KexieApp.NewPhone();
        var otherCode = await app.CodeForAsync(other, otherPhone);
        var away = await other.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LoginTestSupport.TokenOf(otherForm), ["ReturnUrl"] = "//evil.example.com/x", ["Input.Kind"] = "Worker",
            ["Input.Phone"] = otherPhone, ["Input.Code"] = otherCode, ["Input.Name"] = "外链者" + Token()[..4], ["Input.Password"] = SignUpSupport.Password,
            ["Input.RegionCode"] = DaYing,
        }));
        Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
        Assert.Equal("/", away.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("href=\"([^\"]*)\" id=\"register-link\"")]
    private static partial Regex RegisterLink();
}
