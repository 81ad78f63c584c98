using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Associations;

/// <summary>
/// "Add member" fired many times at once adds the member once: the filtered unique indexes decide, the losers get
/// a 409 problem (never a duplicate row, never a 500). The same for an organization member.
/// </summary>
public abstract class AssociationMemberConcurrencyTests(KexieApp app)
{
    [Fact]
    public async Task Twenty_concurrent_adds_of_one_worker_make_exactly_one_member()
    {
        var daying = await app.SignInAsync("daying");
        var association = await (await daying.PostJsonAsync("/api/v1/associations", new { name = $"并发测试农技协{Guid.NewGuid():N}"[..20], kind = "RuralTechAssociation", regionCode = "510923" })).OkJsonAsync();
        var associationId = association["id"]!.GetValue<string>();
        var worker = await (await daying.PostJsonAsync("/api/v1/workers", new { name = "并发会员", gender = "Male", phone = KexieApp.NewPhone(), regionCode = "510923" })).OkJsonAsync();
        var workerId = worker["id"]!.GetValue<string>();
        var organizationId = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith("510923")).Select(o => o.Id).FirstAsync());

        foreach (var body in new object[] { new { scienceWorkerId = workerId, role = "Member" }, new { organizationId, role = "Council" } })
        {
            // Each request on its own client (own connection), all released at once.
            var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.SignInAsync("daying")));
            using var start = new SemaphoreSlim(0);
            var requests = clients.Select(async c =>
            {
                await start.WaitAsync();
                return await c.PostJsonAsync($"/api/v1/associations/{associationId}/members", body);
            }).ToList();
            start.Release(clients.Length);
            var responses = await Task.WhenAll(requests);

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
                Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
                Assert.Contains("该会员已在本组织中", await loser.Content.ReadAsStringAsync());
            }
        }

        var members = (await (await daying.GetAsync($"/api/v1/associations/{associationId}/members")).OkJsonAsync()).AsArray();
        Assert.Equal(2, members.Count);
        var id = Guid.Parse(associationId);
        Assert.Equal(2, await app.QueryAsync(db => db.Associations.Where(a => a.Id == id).SelectMany(a => a.Members).CountAsync()));
    }
}

public sealed class AssociationMemberConcurrencySqliteTests(SqliteApp app) : AssociationMemberConcurrencyTests(app);

public sealed class AssociationMemberConcurrencyPostgresTests(PostgresApp app) : AssociationMemberConcurrencyTests(app);
