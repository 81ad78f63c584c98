using System.Globalization;
using Kexie.Data;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Associations;

public sealed class DetailsModel(AssociationService associations, KexieDbContext db) : KexiePageModel
{
    /// <summary>The add-member form: a candidate picked from the search results, a role and a join date.</summary>
    public sealed class MemberInput
    {
        /// <summary>"w:{id}" for a science worker, "o:{id}" for an organization.</summary>
        public string? Member { get; set; }

        public string? Role { get; set; }

        public string? JoinedOn { get; set; }
    }

    public AssociationDto Association { get; private set; } = null!;

    public AssociationDto? Parent { get; private set; }

    public string RegionName { get; private set; } = string.Empty;

    /// <summary>The member list, for managers of the association's region; null for everyone else.</summary>
    public IReadOnlyList<AssociationMemberDto>? Members { get; private set; }

    /// <summary>Admins of the region edit the association and add or remove its members.</summary>
    public bool CanAdminister => Can(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations, Association.RegionCode);

    /// <summary>Search text for a member to add (name or phone of a worker; name or credit code of an organization).</summary>
    [BindProperty(SupportsGet = true, Name = "mq")]
    public string? MemberQuery { get; set; }

    /// <summary>"worker" or "org".</summary>
    [BindProperty(SupportsGet = true, Name = "mtype")]
    public string? MemberType { get; set; }

    public bool SearchOrganizations => MemberType == "org";

    public IReadOnlyList<MemberCandidateDto> Candidates { get; private set; } = [];

    public Dictionary<string, string> CandidateRegions { get; private set; } = [];

    [BindProperty]
    public MemberInput Add { get; set; } = new();

    /// <summary>Township "3+1" 科协: the 三长 usually serve as vice-chairs (a hint, not a rule).</summary>
    public bool IsTownshipKexie => Association.Kind == AssociationKind.Kexie && Association.RegionCode.Length == 9;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Add = new MemberInput { Role = nameof(MemberRole.Member), JoinedOn = Today() };
        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations))]
    public async Task<IActionResult> OnPostAddMemberAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var (workerId, organizationId) = ParseMember(Add.Member);
            var role = ParseEnum<MemberRole>(Add.Role, "role", "会内职务");
            var joined = ParseDate(Add.JoinedOn);
            var member = await associations.AddMemberAsync(Actor, id, new AddMemberRequest(workerId, organizationId, role, joined), ct);
            Notice = $"已添加会员“{member.MemberName}”（{Lookups.MemberRoleName(member.Role)}）";
            return Redirect($"/Associations/Details/{id}#members");
        }
        catch (DomainValidationException e)
        {
            var key = e.Field switch
            {
                "role" => "Add.Role",
                "joinedOn" => "Add.JoinedOn",
                _ => "Add.Member",
            };
            ModelState.AddModelError(key, e.Message);
        }
        catch (InvalidTransitionException e)
        {
            ModelState.AddModelError("Add.Member", e.Message);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Directory.DirectoryPermissions), nameof(Kexie.Web.Features.Directory.DirectoryPermissions.ManageAssociations))]
    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid id, Guid memberId, CancellationToken ct)
    {
        var members = await associations.MembersAsync(Actor, id, ct);
        var name = members.FirstOrDefault(m => m.Id == memberId)?.MemberName;
        try
        {
            await associations.RemoveMemberAsync(Actor, id, memberId, ct);
            Notice = $"已移除会员“{name}”";
        }
        catch (DomainValidationException e)
        {
            Alert = e.Message;
        }

        return Redirect($"/Associations/Details/{id}#members");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Association = await associations.GetAsync(id, ct);
        if (Association.ParentId is { } parent)
        {
            try
            {
                Parent = await associations.GetAsync(parent, ct);
            }
            catch (NotFoundException)
            {
                Parent = null;
            }
        }

        RegionName = (await Lookups.RegionNamesAsync(db, [Association.RegionCode], ct)).GetValueOrDefault(Association.RegionCode, Association.RegionCode);
        if (Can(Kexie.Web.Features.Directory.DirectoryPermissions.RegisterOthers, Association.RegionCode))
        {
            Members = await associations.MembersAsync(Actor, id, ct);
        }

        if (CanAdminister)
        {
            MemberType = SearchOrganizations ? "org" : "worker";
            Candidates = await associations.MemberCandidatesAsync(Actor, id, MemberQuery, SearchOrganizations, 20, ct);
            CandidateRegions = await Lookups.RegionNamesAsync(db, Candidates.Select(c => c.RegionCode), ct);
        }
    }

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (Guid? Worker, Guid? Organization) ParseMember(string? text)
    {
        if (text is { Length: > 2 } && Guid.TryParse(text.AsSpan(2), out var guid))
        {
            if (text.StartsWith("w:", StringComparison.Ordinal))
            {
                return (guid, null);
            }

            if (text.StartsWith("o:", StringComparison.Ordinal))
            {
                return (null, guid);
            }
        }

        throw new DomainValidationException("member", "请先查找并选择要添加的科技工作者或单位");
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new DomainValidationException("joinedOn", $"入会日期“{text.Trim()}”不是有效的日期（格式如 2024-03-01）");
        }

        if (value > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)))
        {
            throw new DomainValidationException("joinedOn", "入会日期不能晚于今天");
        }

        return value;
    }
}
