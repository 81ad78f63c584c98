using Kexie.Domain.Common;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Popularization;
using Kexie.Web.Pages.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Popularization.Boards;

/// <summary>Registers a 科普宣传栏 or 宣传点, or edits one (its status too); a bad value shows under its field.</summary>
[Authorize]
public sealed class EditModel(ScienceBoardService boards) : MarketPageModel
{
    public sealed class BoardInput
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? RegionCode { get; set; }
        public string? Location { get; set; }
        public string? Panels { get; set; }
        public string? BuiltOn { get; set; }
        public string? Status { get; set; }
        public string? RetiredOn { get; set; }
        public string? Theme { get; set; }
        public string? Maintainer { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public BoardInput Input { get; set; } = new();

    [BindProperty] public int Version { get; set; }

    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var b = (await boards.GetAsync(Actor, existing, ct)).Board;
            if (!b.Actions.Contains(ScienceBoardService.Edit))
            {
                return ForbiddenPage("只有本地区科协管理员可以修改科普宣传栏、宣传点");
            }

            Input = new BoardInput
            {
                Name = b.Name, Kind = b.Kind.ToString(), RegionCode = b.RegionCode, Location = b.Location, Panels = b.Panels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                BuiltOn = b.BuiltOn.ToString("yyyy-MM-dd"), Status = b.Status.ToString(), RetiredOn = b.RetiredOn?.ToString("yyyy-MM-dd"), Theme = b.Theme,
                Maintainer = b.Maintainer, Note = b.Note,
            };
            Version = b.Version;
        }
        else
        {
            if (!Can(PopularizationPermissions.ManageBoards))
            {
                return ForbiddenPage("只有科协管理员可以登记科普宣传栏、宣传点");
            }

            Input = new BoardInput
            {
                Kind = nameof(ScienceBoardKind.Board), Status = nameof(ScienceBoardStatus.InUse), Panels = "1",
                RegionCode = Actor.ManagedScope is { Length: > 0 } scope ? scope : null,
            };
        }

        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(PopularizationPermissions), nameof(PopularizationPermissions.ManageBoards))]
    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        try
        {
            var request = new ScienceBoardRequest(
                Input.Name, ParseEnum<ScienceBoardKind>(Input.Kind, "kind", "类型"), Input.RegionCode, Input.Location, ParseInt(Input.Panels, "panels", "块数"),
                ParseDate(Input.BuiltOn, "builtOn", "建成日期"), ParseEnum<ScienceBoardStatus>(Input.Status, "status", "状态"), ParseDate(Input.RetiredOn, "retiredOn", "停用日期"),
                Input.Theme, Input.Maintainer, Input.Note);
            var saved = id is { } existing ? await boards.UpdateAsync(Actor, existing, request, Version, ct) : await boards.CreateAsync(Actor, request, ct);
            Notice = $"已保存“{saved.Name}”";
            return Redirect($"/Popularization/Boards/Details/{saved.Id}");
        }
        catch (DomainValidationException e)
        {
            AddError<BoardInput>(e);
        }

        return Page();
    }
}
