// Load driver for the platform at province scale (issue 16): closed-loop virtual users on loopback against a
// running host, a realistic mix of anonymous browsing, signed-in staff pages and writes; per-route latency
// percentiles, errors, the host's CPU and memory (from /proc), PostgreSQL's slowest statements
// (pg_stat_statements, when the server preloads it). Started by bench/load.sh; see docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kexie.Bench.Load;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Npgsql;

var options = LoadOptions.Parse(args);
Console.OutputEncoding = Encoding.UTF8;

var data = await TestData.DiscoverAsync(options);
Console.WriteLine($"数据：公开需求 {data.NeedIds.Count}、公开成果 {data.OfferCount}、县 {data.Counties.Count}、服务中心账号 {data.Staff.Count}、一单一策 {data.Staff.Sum(s => s.PlanIds.Count)}");

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Users * 2,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    AllowAutoRedirect = false,
};
using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromSeconds(30) };

foreach (var staff in data.Staff.Concat(data.Admins))
{
    using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = staff.UserName, password = options.Password });
    response.EnsureSuccessStatusCode();
    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    staff.Token = json.RootElement.GetProperty("accessToken").GetString()!;
}

if (options.CheckNodes.Count > 0)
{
    return await NodeCheck.RunAsync(options, data);
}

if (options.WaitForDisciplines)
{
    await WaitForDisciplinesAsync(http, data.Staff[0].Token!);
}

var routes = Routes.Build(data);

// After start-up a node reads the coded documents' fields with its classifier in the background (MatchIndexHost,
// about half a minute on the province on two cores, holding both cores and the poll lock for each batch): a run that
// began at readiness would time that start-up work, not the node's steady state. Waits until the node's status says
// the reading is done (or that there is no classifier, hence nothing to read); --no-wait-disciplines times it as well.
static async Task WaitForDisciplinesAsync(HttpClient http, string token)
{
    var started = Stopwatch.GetTimestamp();
    while (true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/matching/status");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var status = json.RootElement;
        if (status.GetProperty("disciplinesReadAt").ValueKind != JsonValueKind.Null)
        {
            Console.WriteLine($"节点已读完文档的学科（等待 {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s）");
            return;
        }

        if (!status.GetProperty("classifierReady").GetBoolean() && Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
        {
            Console.WriteLine("节点没有学科分类模型（仍在训练或未启用）：不等待学科读取");
            return;
        }

        if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException("the node did not finish reading the documents' disciplines within 10 minutes");
        }

        await Task.Delay(1000);
    }
}

var total = routes.Sum(r => r.Weight);
Console.WriteLine($"路由 {routes.Count} 条；并发 {options.Users}；预热 {options.WarmupSeconds} s，计时 {options.DurationSeconds} s");

var statements = options.Postgres is null ? null : await PgStatements.TryResetAsync(options.Postgres);
var host = options.HostPids.Count > 0 ? new HostSampler(options.HostPids) : null;

var samples = new List<Sample>[options.Users];
var measuringFrom = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * Stopwatch.Frequency);
var until = measuringFrom + (long)(options.DurationSeconds * Stopwatch.Frequency);
var resetDone = 0;
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
await using var runtime = options.HostPids.Count > 0 ? await HostRuntime.StartAsync(options.HostPids) : null;
runtime?.Window(measuringFrom, until);

var users = Enumerable.Range(0, options.Users).Select(u => Task.Run(async () =>
{
    var random = new Random(options.Seed * 1000 + u);
    var mine = samples[u] = new List<Sample>(100_000);
    while (true)
    {
        var now = Stopwatch.GetTimestamp();
        if (now >= until)
        {
            break;
        }

        if (now >= measuringFrom && Interlocked.Exchange(ref resetDone, 1) == 0)
        {
            host?.Start();
            if (statements is not null)
            {
                await statements.ResetAsync();
            }
        }

        var pick = random.NextDouble() * total;
        var route = routes[^1];
        foreach (var r in routes)
        {
            if ((pick -= r.Weight) < 0)
            {
                route = r;
                break;
            }
        }

        using var request = route.Make(random);
        var started = Stopwatch.GetTimestamp();
        int status;
        var cached = false;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            status = (int)response.StatusCode;
            cached = response.Headers.Age is not null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        var ended = Stopwatch.GetTimestamp();
        if (started >= measuringFrom && ended <= until)
        {
            mine.Add(new Sample(route.Name, status, Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, cached, started, ended));
        }
    }
})).ToArray();

using var sampling = new CancellationTokenSource();
var sampler = host is null ? Task.CompletedTask : host.SampleAsync(sampling.Token);
await Task.WhenAll(users);
sampling.Cancel();
await sampler.ContinueWith(_ => { });
if (runtime is not null)
{
    await runtime.StopAsync();
}

var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

var all = samples.SelectMany(s => s).ToList();
Report.Write(options, routes, all, host, loadBefore, loadAfter);
runtime?.Write(all, options.DurationSeconds, options.HostPids.Count);
if (statements is not null)
{
    await statements.WriteTopAsync(10);
}

return 0;

namespace Kexie.Bench.Load
{
    /// <param name="Cached">answered from the host's output cache (the response carries <c>Age</c>: the public market lists kept for anonymous visitors).</param>
    /// <param name="Started">sent, in <see cref="Stopwatch"/> ticks (laid over the host's GC pauses).</param>
    /// <param name="Ended">answered, in <see cref="Stopwatch"/> ticks.</param>
    public sealed record Sample(string Route, int Status, double Milliseconds, bool Cached = false, long Started = 0, long Ended = 0);

    public sealed class LoadOptions
    {
        public string Url { get; private set; } = "http://127.0.0.1:5090";
        public string? Postgres { get; private set; }
        public int Users { get; private set; } = 16;
        public double DurationSeconds { get; private set; } = 60;
        public double WarmupSeconds { get; private set; } = 15;

        /// <summary>Wait until the node has read the documents' disciplines after its start-up (default; --no-wait-disciplines).</summary>
        public bool WaitForDisciplines { get; private set; } = true;
        public int Seed { get; private set; } = 1;
        public List<int> HostPids { get; } = [];

        /// <summary>Node URLs for the cross-node check (<c>--check-nodes a,b</c>): no load, a burst of writes, then every node's matches compared.</summary>
        public List<string> CheckNodes { get; } = [];

        /// <summary>Writes in the check's burst (needs published, offers closed).</summary>
        public int Burst { get; private set; } = 40;

        /// <summary>Public needs whose matches the check compares (besides the burst's new needs).</summary>
        public int Sample { get; private set; } = 100;

        /// <summary>A file for one line per route (tab-separated: route, group, requests, req/s, errors, p50, p95, p99), for bench/two-nodes.sh's comparison.</summary>
        public string? SummaryFile { get; private set; }
        public string Password { get; private set; } = "Kexie@2026";
        public int StaffAccounts { get; private set; } = 24;

        public static LoadOptions Parse(string[] args)
        {
            var o = new LoadOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} 缺少取值");
                switch (args[i])
                {
                    case "--url": o.Url = Next(); break;
                    case "--pg": o.Postgres = Next(); break;
                    case "--users": o.Users = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--duration": o.DurationSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--warmup": o.WarmupSeconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--no-wait-disciplines": o.WaitForDisciplines = false; break;
                    case "--seed": o.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--host-pid": o.HostPids.AddRange(Next().Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))); break;
                    case "--check-nodes": o.CheckNodes.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                    case "--burst": o.Burst = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--sample": o.Sample = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--summary": o.SummaryFile = Next(); break;
                    case "--password": o.Password = Next(); break;
                    case "--staff": o.StaffAccounts = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"未知参数 {args[i]}");
                }
            }

            if (o.Postgres is null)
            {
                throw new ArgumentException("--pg（省级数据库的连接字符串）必填：测试数据从数据库中抽取");
            }

            return o;
        }
    }

    /// <summary>A staffer the driver signs in as, with the plans of the staffer's county.</summary>
    public sealed class StaffAccount(string userName, string regionCode, string userId)
    {
        public string UserName { get; } = userName;
        public string RegionCode { get; } = regionCode;
        public string UserId { get; } = userId;
        public List<Guid> PlanIds { get; } = [];

        /// <summary>Open plans this staffer handles (a contact can be logged on them).</summary>
        public List<Guid> HandledPlanIds { get; } = [];
        public List<Guid> OrganizationIds { get; } = [];
        public string Token { get; set; } = "";
    }

    /// <summary>Ids, regions and accounts sampled from the database (read-only), so requests hit real records.</summary>
    public sealed class TestData
    {
        public List<Guid> NeedIds { get; } = [];

        /// <summary>Keyset cursors (the host's "after" format) at every 20th public need in the list's order: deep pages by cursor.</summary>
        public List<string> NeedCursors { get; } = [];

        public long OfferCount { get; private set; }
        public List<string> Counties { get; } = [];
        public string Province { get; private set; } = "51";
        public List<StaffAccount> Staff { get; } = [];

        /// <summary>The association admins of the same counties (dashboard and ranking are theirs).</summary>
        public List<StaffAccount> Admins { get; } = [];

        /// <summary>GB/T 4754 class codes (4 digits) for new needs.</summary>
        public List<string> Industries { get; } = [];

        /// <summary>Words a visitor types into the search box (fields the seeds and CSL abstracts talk about).</summary>
        public static readonly string[] SearchTerms =
        [
            "茶叶", "水稻", "机械", "检测", "中药", "养殖", "土壤", "电池", "算法", "材料", "污水", "桥梁", "病虫害", "轴承",
            "传感器", "食品加工", "种植", "数据分析", "新能源", "智能制造", "生物", "医疗器械", "节能", "无人机",
        ];

        public static async Task<TestData> DiscoverAsync(LoadOptions options)
        {
            var data = new TestData();
            await using var db = await NpgsqlDataSource.Create(options.Postgres!).OpenConnectionAsync();
            var random = new Random(options.Seed);

            await using (var c = new NpgsqlCommand($"""select "Id" from "Needs" where "Status" = {(int)ReviewStatus.Published} and "Visibility" = {(int)NeedVisibility.Public} order by "Id" limit 200000""", db))
            await using (var r = await c.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    data.NeedIds.Add(r.GetGuid(0));
                }
            }

            await using (var c = new NpgsqlCommand($"""
                select at, id from (
                  select coalesce("PublishedAt", "CreatedAt") as at, "Id" as id,
                         row_number() over (order by coalesce("PublishedAt", "CreatedAt") desc, "Id") as rn
                  from "Needs" where "Status" = {(int)ReviewStatus.Published} and "Visibility" = {(int)NeedVisibility.Public}) x
                where rn % 20 = 0 order by rn
                """, db))
            await using (var r = await c.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    data.NeedCursors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.GetFieldValue<DateTimeOffset>(0).Ticks}.0.{r.GetGuid(1):N}"));
                }
            }

            data.OfferCount = (long)(await new NpgsqlCommand($"""select count(*) from "Offers" where "Status" = {(int)ReviewStatus.Published}""", db).ExecuteScalarAsync())!;

            await using (var c = new NpgsqlCommand("""select distinct substr("RegionCode", 1, 6) from "Needs" where length("RegionCode") >= 6 order by 1""", db))
            await using (var r = await c.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    data.Counties.Add(r.GetString(0));
                }
            }

            data.Province = data.Counties.Count > 0 ? data.Counties[0][..2] : "51";

            // Service-centre staff of the counties with the most open plans (the busy ones: the hard case for the workbench).
            await using (var c = new NpgsqlCommand($"""
                select u."UserName", u."RegionCode", u."Id" from "AspNetUsers" u
                where u."Role" = {(int)UserRole.ServiceCenterStaff}
                order by (select count(*) from "ResponsePlans" p where p."RegionCode" = u."RegionCode") desc, u."UserName"
                limit {options.StaffAccounts}
                """, db))
            await using (var r = await c.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    data.Staff.Add(new StaffAccount(r.GetString(0), r.GetString(1), r.GetString(2)));
                }
            }

            var regions = data.Staff.Select(s => s.RegionCode).Distinct().ToArray();
            await using (var c = new NpgsqlCommand($"""select "UserName", "RegionCode", "Id" from "AspNetUsers" where "Role" = {(int)UserRole.AssociationAdmin} and "RegionCode" = any(@r) order by "UserName" """, db))
            {
                c.Parameters.AddWithValue("r", regions);
                await using var r = await c.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                    data.Admins.Add(new StaffAccount(r.GetString(0), r.GetString(1), r.GetString(2)));
                }
            }

            await using (var c = new NpgsqlCommand("""select "Code" from "Industries" where length("Code") = 4 order by "Code" """, db))
            await using (var r = await c.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    data.Industries.Add(r.GetString(0));
                }
            }

            foreach (var staff in data.Staff)
            {
                await using (var c = new NpgsqlCommand("""select "Id" from "ResponsePlans" where "RegionCode" = @r order by "Id" limit 500""", db))
                {
                    c.Parameters.AddWithValue("r", staff.RegionCode);
                    await using var r = await c.ExecuteReaderAsync();
                    while (await r.ReadAsync())
                    {
                        staff.PlanIds.Add(r.GetGuid(0));
                    }
                }

                await using (var c = new NpgsqlCommand($"""select "Id" from "ResponsePlans" where "HandlerUserId" = @u and "Status" in ({(int)ResponsePlanStatus.New}, {(int)ResponsePlanStatus.Responded}, {(int)ResponsePlanStatus.Negotiating}) order by "Id" limit 500""", db))
                {
                    c.Parameters.AddWithValue("u", staff.UserId);
                    await using var r = await c.ExecuteReaderAsync();
                    while (await r.ReadAsync())
                    {
                        staff.HandledPlanIds.Add(r.GetGuid(0));
                    }
                }

                await using (var c = new NpgsqlCommand("""select "Id" from "Organizations" where "RegionCode" like @r order by "Id" limit 50""", db))
                {
                    c.Parameters.AddWithValue("r", staff.RegionCode + "%");
                    await using var r = await c.ExecuteReaderAsync();
                    while (await r.ReadAsync())
                    {
                        staff.OrganizationIds.Add(r.GetGuid(0));
                    }
                }
            }

            data.Staff.RemoveAll(s => s.PlanIds.Count == 0 || s.HandledPlanIds.Count == 0 || s.OrganizationIds.Count == 0);
            if (data.NeedIds.Count == 0 || data.NeedCursors.Count == 0 || data.Staff.Count == 0 || data.Admins.Count == 0 || data.Industries.Count == 0 || data.Counties.Count == 0)
            {
                throw new InvalidOperationException("数据库中没有公开需求、县或服务中心账号：先运行 kexie generate-province");
            }

            return data;
        }
    }

    public sealed record Route(string Name, string Group, double Weight, Func<Random, HttpRequestMessage> Make);

    /// <summary>
    /// The mix: about two thirds anonymous reads (lists with filters, search, details, deep pages), a quarter
    /// signed-in staff reads (workbench, plan pages, dashboard, ranking), the rest writes (a new need draft, a note on
    /// a plan). Weights are per request, not per user.
    /// </summary>
    public static class Routes
    {
        public static List<Route> Build(TestData data)
        {
            T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];
            string Term(Random r) => Uri.EscapeDataString(Pick(r, TestData.SearchTerms));
            var deepPages = Math.Max(1, (int)(data.NeedIds.Count / 20));
            var year = DateTime.UtcNow.Year - 1;
            HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);
            HttpRequestMessage Signed(HttpMethod method, string url, StaffAccount staff, object? body = null)
            {
                var m = new HttpRequestMessage(method, url);
                m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staff.Token);
                if (body is not null)
                {
                    m.Content = JsonContent.Create(body);
                }

                return m;
            }

            return
            [
                new("首页（匿名）", "匿名", 5, _ => Get("/")),
                new("需求列表页：按县筛选", "匿名", 10, r => Get($"/Market/Needs?Region={Pick(r, data.Counties)}")),
                new("需求列表页：全文搜索", "匿名", 8, r => Get($"/Market/Needs?Q={Term(r)}")),
                new("需求详情页", "匿名", 12, r => Get($"/Market/Needs/Details/{Pick(r, data.NeedIds)}")),
                new("成果列表 API：按县筛选", "匿名", 8, r => Get($"/api/v1/offers?region={Pick(r, data.Counties)}&pageSize=20")),
                new("成果列表 API：全文搜索", "匿名", 6, r => Get($"/api/v1/offers?q={Term(r)}&pageSize=20")),
                new("需求详情 API", "匿名", 6, r => Get($"/api/v1/needs/{Pick(r, data.NeedIds)}")),
                new("需求列表 API：深翻页", "匿名", 3, r => Get($"/api/v1/needs?page={1 + r.Next(deepPages)}&pageSize=20")),
                new("需求列表 API：游标深翻页", "匿名", 3, r => Get($"/api/v1/needs?after={Pick(r, data.NeedCursors)}&pageSize=20")),
                new("工作台（服务中心）", "登录", 6, r => Signed(HttpMethod.Get, "/", Pick(r, data.Staff))),
                new("一单一策详情页", "登录", 6, r => { var s = Pick(r, data.Staff); return Signed(HttpMethod.Get, $"/Market/Plans/Details/{Pick(r, s.PlanIds)}", s); }),
                new("指标看板页", "登录", 2, r => { var a = Pick(r, data.Admins); return Signed(HttpMethod.Get, $"/Indicators?Region={a.RegionCode}", a); }),
                new("县级排名 API（全省各县）", "登录", 2, r => { var a = Pick(r, data.Admins); return Signed(HttpMethod.Get, $"/api/v1/indicators/rankings?region={a.RegionCode}&period={year}", a); }),
                new("写：新建需求草稿", "写", 2, r =>
                {
                    var s = Pick(r, data.Staff);
                    return Signed(HttpMethod.Post, "/api/v1/needs", s, new
                    {
                        title = $"{Pick(r, TestData.SearchTerms)}技术改进需求{r.Next(100000)}",
                        problem = $"企业在{Pick(r, TestData.SearchTerms)}和{Pick(r, TestData.SearchTerms)}方面遇到技术难题，希望与科研人员合作攻关。",
                        organizationId = Pick(r, s.OrganizationIds),
                        industryCodes = new[] { Pick(r, data.Industries) },
                        regionCode = s.RegionCode,
                    });
                }),
                new("写：一单一策联系记录", "写", 2, r =>
                {
                    var s = Pick(r, data.Staff);
                    return Signed(HttpMethod.Post, $"/api/v1/plans/{Pick(r, s.HandledPlanIds)}/contacts", s, new { contactedName = "企业联系人", channel = "Phone", note = "电话沟通，约定下周现场对接" });
                }),
            ];
        }
    }

    /// <summary>The hosts' CPU (utime + stime of /proc/PID/stat) and resident memory, summed over the node processes, sampled every 250 ms.</summary>
    public sealed class HostSampler(IReadOnlyList<int> pids)
    {
        private long cpuTicksAtStart;
        private long startedAt;
        public long PeakRssBytes { get; private set; }
        public double MeanRssBytes => rss.Count == 0 ? 0 : rss.Average();
        public double CpuCores { get; private set; }
        private readonly List<long> rss = [];

        public void Start()
        {
            cpuTicksAtStart = CpuTicks();
            startedAt = Stopwatch.GetTimestamp();
        }

        public async Task SampleAsync(CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(250, ct);
                    if (startedAt == 0)
                    {
                        continue;
                    }

                    var now = Rss();
                    rss.Add(now);
                    PeakRssBytes = Math.Max(PeakRssBytes, now);
                    CpuCores = (CpuTicks() - cpuTicksAtStart) / 100.0 / Stopwatch.GetElapsedTime(startedAt).TotalSeconds;
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private long CpuTicks() => pids.Sum(CpuTicks);

        private long Rss() => pids.Sum(Rss);

        private static long CpuTicks(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }

        private static long Rss(int pid)
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }

            return 0;
        }
    }

    /// <summary>pg_stat_statements, when the server preloads it: reset at the start of the timed run, top statements after.</summary>
    public sealed class PgStatements(string connection)
    {
        public static async Task<PgStatements?> TryResetAsync(string connection)
        {
            try
            {
                await using var db = await NpgsqlDataSource.Create(connection).OpenConnectionAsync();
                await new NpgsqlCommand("create extension if not exists pg_stat_statements", db).ExecuteNonQueryAsync();
                await new NpgsqlCommand("select pg_stat_statements_reset()", db).ExecuteNonQueryAsync();
                return new PgStatements(connection);
            }
            catch (PostgresException e)
            {
                Console.WriteLine($"（未采集 PostgreSQL 语句统计：{e.MessageText}；启动 PostgreSQL 时加 -c shared_preload_libraries=pg_stat_statements）");
                return null;
            }
        }

        public async Task ResetAsync()
        {
            await using var db = await NpgsqlDataSource.Create(connection).OpenConnectionAsync();
            await new NpgsqlCommand("select pg_stat_statements_reset()", db).ExecuteNonQueryAsync();
        }

        public async Task WriteTopAsync(int count)
        {
            await using var db = await NpgsqlDataSource.Create(connection).OpenConnectionAsync();
            await using var c = new NpgsqlCommand($"""
                select calls, total_exec_time, mean_exec_time, max_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
                from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                order by total_exec_time desc limit {count}
                """, db);
            await using var r = await c.ExecuteReaderAsync();
            Console.WriteLine();
            Console.WriteLine("PostgreSQL statements by total time (pg_stat_statements, timed part only):");
            Console.WriteLine();
            Console.WriteLine("| calls | total ms | mean ms | max ms | rows | statement |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---|");
            while (await r.ReadAsync())
            {
                var query = r.GetString(5);
                query = query.Length > 160 ? query[..160] + "…" : query;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.GetInt64(0):N0} | {r.GetDouble(1):N0} | {r.GetDouble(2):N2} | {r.GetDouble(3):N1} | {r.GetInt64(4):N0} | `{query.Replace("|", "\\|", StringComparison.Ordinal)}` |"));
            }
        }
    }

    public static class Report
    {
        public static void Write(LoadOptions options, IReadOnlyList<Route> routes, List<Sample> samples, HostSampler? host, string[] loadBefore, string[] loadAfter)
        {
            var seconds = options.DurationSeconds;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Timed {seconds:N0} s after {options.WarmupSeconds:N0} s warm-up, {options.Users} concurrent users, {samples.Count:N0} requests, {samples.Count / seconds:N0} requests/s; load average before {string.Join(" / ", loadBefore)}, after {string.Join(" / ", loadAfter)}."));
            if (host is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Host{(options.HostPids.Count > 1 ? $"s ({options.HostPids.Count} nodes, summed)" : "")}: {host.CpuCores:N2} cores of CPU on average, resident memory {host.MeanRssBytes / 1048576.0:N0} MiB on average, {host.PeakRssBytes / 1048576.0:N0} MiB at peak."));
            }

            Console.WriteLine();
            Console.WriteLine("| route | group | requests | req/s | errors | p50 ms | p95 ms | p99 ms | max ms | from cache |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            using var summary = options.SummaryFile is null ? null : new StreamWriter(options.SummaryFile);
            foreach (var group in routes.Select(r => r.Group).Distinct().Prepend("(all)"))
            {
                foreach (var route in group == "(all)" ? [null] : routes.Where(r => r.Group == group).Select(r => (Route?)r).Prepend(null))
                {
                    var name = route?.Name ?? (group == "(all)" ? "**all**" : $"**{group}**");
                    var rows = samples.Where(s => route is not null ? s.Route == route.Name : group == "(all)" || routes.First(r => r.Name == s.Route).Group == group).ToList();
                    Line(name, route?.Group ?? (group == "(all)" ? "" : group), rows, seconds, summary);
                }
            }

            var failures = samples.Where(s => s.Status is 0 or >= 400).GroupBy(s => (s.Route, s.Status)).OrderByDescending(g => g.Count()).Take(10).ToList();
            if (failures.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine("Errors: " + string.Join("; ", failures.Select(g => $"{g.Key.Route} → {(g.Key.Status == 0 ? "no response" : g.Key.Status)} ×{g.Count()}")));
            }
        }

        private static void Line(string name, string group, List<Sample> rows, double seconds, StreamWriter? summary)
        {
            if (rows.Count == 0)
            {
                summary?.WriteLine($"{name}\t{group}\t0\t0\t0\t\t\t");
                Console.WriteLine($"| {name} | {group} | 0 | | | | | | | |");
                return;
            }

            var ms = rows.Select(s => s.Milliseconds).Order().ToArray();
            double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
            var errors = rows.Count(s => s.Status is 0 or >= 400);
            summary?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{group}\t{rows.Count}\t{rows.Count / seconds:F1}\t{errors}\t{P(0.50):F1}\t{P(0.95):F1}\t{P(0.99):F1}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {group} | {rows.Count:N0} | {rows.Count / seconds:N1} | {errors} | {P(0.50):N1} | {P(0.95):N1} | {P(0.99):N1} | {ms[^1]:N1} | {100.0 * rows.Count(s => s.Cached) / rows.Count:N1} % |"));
        }
    }

    /// <summary>
    /// Two (or more) nodes on one database (bench/two-nodes.sh): a sign-in, a bearer token and a form's antiforgery
    /// token issued by the first node are accepted by the others (one data-protection key ring); after a burst of
    /// writes spread over the nodes (needs published, offers closed) every node catches up on the match outbox, and
    /// the nodes' match lists for a sample of needs are compared (agree / same candidates in another order / disagree).
    /// </summary>
    public static class NodeCheck
    {
        private sealed record Listed(string Id, double Score);

        public static async Task<int> RunAsync(LoadOptions options, TestData data)
        {
            var nodes = options.CheckNodes.Select(u => new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri(u),
                Timeout = TimeSpan.FromSeconds(60),
            }).ToList();
            var failures = 0;
            Console.WriteLine();
            Console.WriteLine($"跨节点核对：{string.Join("、", options.CheckNodes)}");
            failures += await SignInAcrossAsync(nodes, data.Staff[0], options.Password);

            await using var source = NpgsqlDataSource.Create(options.Postgres!);
            await using var db = await source.OpenConnectionAsync();
            var admins = data.Admins.Where(a => data.Staff.Any(s => s.RegionCode == a.RegionCode)).ToList();
            var offersToClose = new Dictionary<string, Queue<Guid>>();
            foreach (var region in admins.Select(a => a.RegionCode).Distinct())
            {
                await using var c = new NpgsqlCommand($"""select "Id" from "Offers" where "Status" = {(int)ReviewStatus.Published} and "RegionCode" like @r order by "Id" limit 50""", db);
                c.Parameters.AddWithValue("r", region + "%");
                var ids = new Queue<Guid>();
                await using (var r = await c.ExecuteReaderAsync())
                {
                    while (await r.ReadAsync())
                    {
                        ids.Enqueue(r.GetGuid(0));
                    }
                }

                offersToClose[region] = ids;
            }

            // The burst: node i % n takes write i, so every node writes and every node must learn of the others' writes.
            var random = new Random(options.Seed + 17);
            var newNeeds = new List<Guid>();
            var closedOffers = new List<Guid>();
            var burstErrors = new List<string>();
            var burst = Stopwatch.StartNew();
            for (var i = 0; i < options.Burst; i++)
            {
                var node = nodes[i % nodes.Count];
                var admin = admins[i % admins.Count];
                if (i % 4 == 3 && offersToClose[admin.RegionCode].TryDequeue(out var offer))
                {
                    if (await SendAsync(node, HttpMethod.Post, $"/api/v1/offers/{offer}/close", admin, new { reason = "跨节点核对：关闭" }, burstErrors) is not null)
                    {
                        closedOffers.Add(offer);
                    }

                    continue;
                }

                var staff = data.Staff.First(s => s.RegionCode == admin.RegionCode);
                T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
                var created = await SendAsync(node, HttpMethod.Post, "/api/v1/needs", admin, new
                {
                    title = $"{Pick(TestData.SearchTerms)}与{Pick(TestData.SearchTerms)}技术合作需求（核对{i}）",
                    problem = $"企业在{Pick(TestData.SearchTerms)}和{Pick(TestData.SearchTerms)}方面遇到技术难题，希望与科研人员合作攻关。",
                    organizationId = Pick(staff.OrganizationIds),
                    industryCodes = new[] { Pick(data.Industries) },
                    regionCode = admin.RegionCode,
                }, burstErrors);
                if (created?.RootElement.GetProperty("id").GetGuid() is not { } id)
                {
                    continue;
                }

                // Submitted on this node, published on the next one.
                if (await SendAsync(node, HttpMethod.Post, $"/api/v1/needs/{id}/submit", admin, null, burstErrors) is not null
                    && await SendAsync(nodes[(i + 1) % nodes.Count], HttpMethod.Post, $"/api/v1/needs/{id}/publish", admin, null, burstErrors) is not null)
                {
                    newNeeds.Add(id);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"写入：{options.Burst} 次（{newNeeds.Count} 项需求发布、{closedOffers.Count} 项成果关闭，分在 {nodes.Count} 个节点上），用时 {burst.Elapsed.TotalSeconds:N1} s；失败 {burstErrors.Count}{(burstErrors.Count > 0 ? "：" + burstErrors[0] : "")}"));
            failures += burstErrors.Count;

            // Every node has applied the outbox up to the burst's last entry.
            var newest = (long)(await new NpgsqlCommand("""select coalesce(max("Sequence"), 0) from "MatchOutbox" """, db).ExecuteScalarAsync())!;
            var caughtUp = Stopwatch.StartNew();
            for (var n = 0; n < nodes.Count; n++)
            {
                while (true)
                {
                    using var status = await SendAsync(nodes[n], HttpMethod.Get, "/api/v1/matching/status", admins[0], null, []);
                    if (status is not null && status.RootElement.GetProperty("outboxCursor").GetInt64() >= newest)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"节点 {options.CheckNodes[n]}：变更日志已读到 {newest}（写入结束后 {caughtUp.Elapsed.TotalSeconds:N1} s）"));
                        break;
                    }

                    if (caughtUp.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        Console.WriteLine($"节点 {options.CheckNodes[n]}：2 分钟内没有读到变更日志的 {newest}");
                        failures++;
                        break;
                    }

                    await Task.Delay(200);
                }
            }

            // The same questions to every node, anonymous: the need's candidates and its similar needs.
            var sample = data.NeedIds.OrderBy(_ => random.Next()).Take(options.Sample).Concat(newNeeds).ToList();
            var (agree, reordered, disagree, closedShown) = (0, 0, 0, 0);
            var examples = new List<string>();
            var closed = closedOffers.Select(o => o.ToString()).ToHashSet();
            foreach (var need in sample)
            {
                foreach (var url in new[] { $"/api/v1/needs/{need}/matches?top=20", $"/api/v1/needs/{need}/similar?top=10" })
                {
                    var lists = new List<List<Listed>>();
                    foreach (var node in nodes)
                    {
                        using var answer = await SendAsync(node, HttpMethod.Get, url, null, null, []);
                        lists.Add(answer is null ? [] : [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(i => new Listed(i.GetProperty("id").GetString()!, i.GetProperty("score").GetDouble()))]);
                    }

                    closedShown += lists.Sum(l => l.Count(x => closed.Contains(x.Id)));
                    var first = lists[0].Select(x => x.Id).ToList();
                    if (lists.All(l => l.Select(x => x.Id).SequenceEqual(first)))
                    {
                        agree++;
                    }
                    else if (lists.All(l => l.Select(x => x.Id).ToHashSet().SetEquals(first)))
                    {
                        reordered++;
                        Example(examples, url, lists);
                    }
                    else
                    {
                        disagree++;
                        Example(examples, url, lists);
                    }
                }
            }

            Console.WriteLine($"匹配结果比对：{agree + reordered + disagree} 个列表（{sample.Count} 项需求 × 匹配、相似需求），一致 {agree}，候选相同而次序不同 {reordered}，候选不同 {disagree}；已关闭的成果出现 {closedShown} 次");
            foreach (var e in examples.Take(5))
            {
                Console.WriteLine("  " + e);
            }

            return failures + disagree + reordered + closedShown == 0 ? 0 : 1;
        }

        private static void Example(List<string> examples, string url, List<List<Listed>> lists)
        {
            var at = Enumerable.Range(0, lists.Max(l => l.Count)).First(i => lists.Any(l => i >= l.Count || i >= lists[0].Count || l[i].Id != lists[0][i].Id));
            var parts = string.Join(" | ", lists.Select((l, n) => FormattableString.Invariant($"节点{n + 1}: {string.Join(", ", l.Skip(at).Take(3).Select(x => FormattableString.Invariant($"{x.Id[..8]} {x.Score:F4}")))}")));
            examples.Add(FormattableString.Invariant($"{url}: 第 {at + 1} 位起不同；{parts}"));
        }

        private static async Task<JsonDocument?> SendAsync(HttpClient node, HttpMethod method, string url, StaffAccount? who, object? body, List<string> errors)
        {
            using var request = new HttpRequestMessage(method, url);
            if (who is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await node.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                errors.Add($"{method} {url} → {(int)response.StatusCode} {(text.Length > 200 ? text[..200] : text)}");
                return null;
            }

            return JsonDocument.Parse(text);
        }

        /// <summary>A cookie, a bearer token and a login form's antiforgery token from the first node, used on the others.</summary>
        private static async Task<int> SignInAcrossAsync(List<HttpClient> nodes, StaffAccount staff, string password)
        {
            var failures = 0;
            using var login = await nodes[0].PostAsJsonAsync("/api/v1/auth/login", new { userName = staff.UserName, password });
            var cookie = login.Headers.TryGetValues("Set-Cookie", out var set) ? set.FirstOrDefault(c => c.StartsWith("kexie.auth=", StringComparison.Ordinal))?.Split(';')[0] : null;
            using var tokenResponse = await nodes[0].PostAsJsonAsync("/api/v1/auth/token", new { userName = staff.UserName, password });
            using var tokenJson = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
            var token = tokenJson.RootElement.TryGetProperty("accessToken", out var t) ? t.GetString() : null;
            using var page = await nodes[0].GetAsync("/Account/Login");
            var html = await page.Content.ReadAsStringAsync();
            var formToken = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var antiforgery = page.Headers.TryGetValues("Set-Cookie", out var pageCookies) ? string.Join("; ", pageCookies.Select(c => c.Split(';')[0])) : "";
            for (var n = 1; n < nodes.Count; n++)
            {
                using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
                me.Headers.Add("Cookie", cookie ?? "");
                var byCookie = (int)(await nodes[n].SendAsync(me)).StatusCode;
                using var meByToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
                meByToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? "");
                var byToken = (int)(await nodes[n].SendAsync(meByToken)).StatusCode;
                using var form = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = staff.UserName, ["Password"] = password, ["__RequestVerificationToken"] = formToken }),
                };
                form.Headers.Add("Cookie", antiforgery);
                using var posted = await nodes[n].SendAsync(form);
                var signedIn = posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.TryGetValues("Set-Cookie", out var c) && c.Any(x => x.StartsWith("kexie.auth=", StringComparison.Ordinal));
                var ok = byCookie == 200 && byToken == 200 && signedIn;
                failures += ok ? 0 : 1;
                Console.WriteLine($"节点 1 签发、节点 {n + 1} 使用：登录 Cookie → {byCookie}，访问令牌 → {byToken}，登录表单（节点 1 的防伪令牌）→ {(int)posted.StatusCode}{(signedIn ? "，已登录" : "，未登录")}{(ok ? "" : "（失败）")}");
            }

            return failures;
        }
    }
}
