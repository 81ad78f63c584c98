using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Popularization;
using Kexie.Web.Features.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Popularization;

public sealed record WebQuizRequest(string? RegionCode, string? Title, string? Tag, DateOnly? OpensOn, DateOnly? ClosesOn);

/// <summary>A 网上知识竞赛 as the website lists it: region, topic, dates, whether it is open now, and how many 人次 took part.</summary>
public sealed record WebQuizDto(Guid Id, string RegionCode, string RegionName, string Title, string? Tag, DateOnly OpensOn, DateOnly? ClosesOn, bool IsOpen, string StatusName, int Participants);

/// <summary>A quiz drawn for one visitor (no answers).</summary>
public sealed record WebQuizPaperDto(WebQuizDto Quiz, IReadOnlyList<KioskQuizQuestionDto> Questions);

/// <summary>
/// 网上科普知识竞赛 on the public website: staff of a region publish a quiz (and end it); anyone — signed in or not — draws up to
/// <see cref="QuizAttempt.Size"/> questions of the region's bank (its own and its ancestors', the quiz's topic only when set), hands
/// them in and sees the score and the right answers. Each attempt is a <see cref="QuizAttempt"/> of the quiz's region: the report's
/// "开展科普知识竞答，N人次参与" and the 科普需求画像 count website and kiosk attempts together, each attempt once. Anonymous
/// attempts pass the site's per-address limit on anonymous writes.
/// </summary>
public sealed class WebQuizService(KexieDbContext db, AccessPolicy policy)
{
    /// <summary>
    /// The quizzes a visitor of <paramref name="region"/> may take or see: those of the region, of its ancestors and of its
    /// sub-regions (all of them when no region is named); open ones first, then the newest.
    /// </summary>
    public async Task<IReadOnlyList<WebQuizDto>> ListAsync(string? region, bool openOnly, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? string.Empty;
        var ancestry = code.Length == 0 ? [] : Kexie.Domain.Regions.RegionCode.Ancestry(code).ToList();
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        var query = db.WebQuizzes.AsNoTracking().Where(q => RegionScope.Within(q.RegionCode, code) || ancestry.Contains(q.RegionCode));
        if (openOnly)
        {
            query = query.Where(q => q.ClosedAt == null && q.OpensOn <= today && (q.ClosesOn == null || q.ClosesOn >= today));
        }

        var rows = await query.OrderByDescending(q => q.OpensOn).ThenByDescending(q => q.CreatedAt).Take(200).ToListAsync(ct);
        return (await ToDtosAsync(rows, ct)).OrderByDescending(q => q.IsOpen).ToList();
    }

    public async Task<WebQuizDto> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ToDtosAsync([await FindAsync(id, ct)], ct))[0];

    /// <summary>A paper for one visitor: the open quiz and its questions (drawn at random; the same ones again when <paramref name="ids"/> names them).</summary>
    public async Task<WebQuizPaperDto> PaperAsync(Guid id, IReadOnlyList<Guid>? ids = null, CancellationToken ct = default)
    {
        var quiz = await FindAsync(id, ct);
        var dto = (await ToDtosAsync([quiz], ct))[0];
        if (!dto.IsOpen)
        {
            return new WebQuizPaperDto(dto, []);
        }

        var bank = Bank(quiz);
        List<QuizQuestion> drawn;
        if (ids is { Count: > 0 })
        {
            var wanted = ids.Take(QuizAttempt.Size).ToList();
            var same = await bank.Where(q => wanted.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
            drawn = wanted.Where(same.ContainsKey).Select(i => same[i]).ToList();
        }
        else
        {
            var pool = await bank.Where(q => q.RetiredAt == null).OrderBy(q => q.CreatedAt).Take(500).ToListAsync(ct);
            drawn = pool.OrderBy(_ => Random.Shared.Next()).Take(QuizAttempt.Size).ToList();
        }

        return new WebQuizPaperDto(dto, drawn.Select(q => new KioskQuizQuestionDto(q.Id, q.Tag, q.Stem, q.Options)).ToList());
    }

    /// <summary>Grades a visitor's answers to questions of the quiz's bank; the quiz must be open. Records one attempt (one 人次).</summary>
    public async Task<KioskQuizResultDto> AnswerAsync(Actor actor, Guid id, KioskQuizAnswerRequest r, CancellationToken ct = default)
    {
        var quiz = await FindAsync(id, ct);
        if (!quiz.IsOpenAt(DateTimeOffset.UtcNow))
        {
            throw new DomainValidationException("quiz", "竞赛未开始或已结束，不能交卷");
        }

        var answers = r.Answers ?? [];
        if (answers.Count is 0 or > QuizAttempt.Size)
        {
            throw new DomainValidationException("answers", answers.Count == 0 ? "请至少回答一道题" : $"每次最多回答{QuizAttempt.Size}道题");
        }

        if (answers.Any(a => a.Choice is null))
        {
            throw new DomainValidationException("answers", "还有题目没有作答，请选择答案后再交卷");
        }

        var ids = answers.Select(a => a.QuestionId).Distinct().ToList();
        var questions = await Bank(quiz).Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        if (answers.Any(a => !questions.ContainsKey(a.QuestionId)))
        {
            throw new DomainValidationException("answers", "题目不存在，请重新答题");
        }

        var graded = answers.Select(a => (questions[a.QuestionId], a.Choice!.Value)).ToList();
        var attempt = QuizAttempt.GradeOnWeb(quiz, actor.UserId, graded);
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        return new KioskQuizResultDto(attempt.Id, attempt.Questions, attempt.Correct, attempt.Score, graded
            .Select(g => new KioskQuizAnswerResultDto(g.Item1.Id, g.Item1.Tag, g.Item1.Stem, g.Item1.Options, g.Item2, g.Item1.Answer, g.Item2 == g.Item1.Answer, g.Item1.Explanation))
            .ToList());
    }

    public async Task<WebQuizDto> PublishAsync(Actor actor, WebQuizRequest r, CancellationToken ct = default)
    {
        var region = Kexie.Domain.Regions.RegionCode.Validate(r.RegionCode?.Trim(), "regionCode");
        if (!policy.Can(actor, PopularizationPermissions.ManageQuizzes, region))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以发布网上知识竞赛");
        }

        var quiz = WebQuiz.Publish(new WebQuizData(region, r.Title, r.Tag, r.OpensOn, r.ClosesOn), actor);
        if (!await db.Regions.AnyAsync(x => x.Code == quiz.RegionCode, ct))
        {
            throw new DomainValidationException("regionCode", "地区不存在");
        }

        db.WebQuizzes.Add(quiz);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([quiz], ct))[0];
    }

    /// <summary>Ends a quiz of the caller's region; another region's quiz answers 404, as if it did not exist.</summary>
    public async Task<WebQuizDto> CloseAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var quiz = await db.WebQuizzes.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (quiz is null || !policy.Can(actor, PopularizationPermissions.ManageQuizzes, quiz.RegionCode) || !WebQuiz.MayManage(actor, quiz.RegionCode))
        {
            throw new NotFoundException("竞赛不存在");
        }

        quiz.Close(actor);
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([quiz], ct))[0];
    }

    public bool MayManage(Actor actor, string regionCode) => policy.Can(actor, PopularizationPermissions.ManageQuizzes, regionCode) && WebQuiz.MayManage(actor, regionCode);

    private IQueryable<QuizQuestion> Bank(WebQuiz quiz)
    {
        var regions = QuizQuestion.BankRegionsFor(quiz.RegionCode);
        var bank = db.QuizQuestions.AsNoTracking().Where(q => regions.Contains(q.RegionCode));
        return quiz.Tag is { } tag ? bank.Where(q => q.Tag == tag) : bank;
    }

    private async Task<WebQuiz> FindAsync(Guid id, CancellationToken ct) =>
        await db.WebQuizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException("竞赛不存在");

    private async Task<IReadOnlyList<WebQuizDto>> ToDtosAsync(IReadOnlyList<WebQuiz> rows, CancellationToken ct)
    {
        var ids = rows.Select(q => q.Id).ToList();
        var counts = await db.QuizAttempts.AsNoTracking().Where(a => a.WebQuizId != null && ids.Contains(a.WebQuizId.Value))
            .GroupBy(a => a.WebQuizId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var codes = rows.Select(q => q.RegionCode).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(x => codes.Contains(x.Code)).ToDictionaryAsync(x => x.Code, x => x.Name, ct);
        var today = MarketRules.ChinaDate(DateTimeOffset.UtcNow);
        return rows.Select(q =>
        {
            var open = q.IsOpen(today);
            var status = q.ClosedAt is not null || (q.ClosesOn is { } last && today > last) ? "已结束" : open ? "进行中" : "未开始";
            return new WebQuizDto(q.Id, q.RegionCode, names.GetValueOrDefault(q.RegionCode, "未知地区"), q.Title, q.Tag, q.OpensOn, q.ClosesOn, open, status, counts.GetValueOrDefault(q.Id));
        }).ToList();
    }
}
