using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

/// <summary>
/// Resolves a name typed into a form to one directory record the actor can see ("张三" or "张三（大英县农业技术推广中心）" for a worker,
/// an organization's full name): none or several answer with a Chinese message on the field, never naming hidden records.
/// </summary>
public sealed class NamePicker(KexieDbContext db)
{
    public async Task<Guid> WorkerAsync(Actor actor, string? text, string field, bool ownRegionOnly, CancellationToken ct)
    {
        var typed = Guard.Required(text, field, "科技工作者姓名", 120);
        var (name, employer) = Split(typed);
        var query = db.ScienceWorkers.AsNoTracking().Where(DirectoryAccess.WorkersVisibleTo(actor)).Where(w => w.Name == name);
        if (employer is not null)
        {
            query = query.Where(w => w.Employer != null && w.Employer.Contains(employer));
        }

        if (ownRegionOnly && actor.ManagedScope is { } scope)
        {
            query = query.Where(w => RegionScope.Within(w.RegionCode, scope));
        }

        var ids = await query.OrderBy(w => w.Id).Select(w => w.Id).Take(2).ToListAsync(ct);
        return ids.Count switch
        {
            0 => throw new DomainValidationException(field, $"未找到科技工作者“{typed}”"),
            1 => ids[0],
            _ => throw new DomainValidationException(field, $"有多位名为“{name}”的科技工作者，请写成“{name}（工作单位）”"),
        };
    }

    public async Task<IReadOnlyList<Guid>> WorkersAsync(Actor actor, string? text, string field, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var part in (text ?? string.Empty).Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(await WorkerAsync(actor, part, field, false, ct));
        }

        return ids;
    }

    public async Task<Guid> OrganizationAsync(Actor actor, string? text, string field, CancellationToken ct)
    {
        var name = Guard.Required(text, field, "单位名称", 100);
        var ids = await db.Organizations.AsNoTracking().Where(DirectoryAccess.OrganizationsVisibleTo(actor)).Where(o => o.Name == name)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync(ct);
        return ids.Count switch
        {
            0 => throw new DomainValidationException(field, $"未找到单位“{name}”，请填写单位全称"),
            1 => ids[0],
            _ => throw new DomainValidationException(field, $"有多家名为“{name}”的单位，请联系管理员核实"),
        };
    }

    /// <summary>Organizations typed by full name, several separated by "、" (or commas, semicolons, new lines).</summary>
    public async Task<IReadOnlyList<Guid>> OrganizationsAsync(Actor actor, string? text, string field, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var part in (text ?? string.Empty).Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(await OrganizationAsync(actor, part, field, ct));
        }

        return ids;
    }

    private static (string Name, string? Employer) Split(string text)
    {
        var open = text.IndexOfAny(['（', '(']);
        if (open <= 0)
        {
            return (text, null);
        }

        var employer = text[(open + 1)..].TrimEnd('）', ')').Trim();
        return (text[..open].Trim(), employer.Length == 0 ? null : employer);
    }
}
