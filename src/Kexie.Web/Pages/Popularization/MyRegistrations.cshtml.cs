using Kexie.Web.Features.Popularization;
using Microsoft.AspNetCore.Authorization;

namespace Kexie.Web.Pages.Popularization;

/// <summary>我的报名: the signed-in person's sign-ups for 科普 activities, individual and group, with the organiser's decision.</summary>
[Authorize]
public sealed class MyRegistrationsModel(ActivityService activities) : KexiePageModel
{
    public IReadOnlyList<MyRegistrationDto> Registrations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Registrations = await activities.MineAsync(Actor, ct);
}
