using System.Text.Json;
using Kexie.Data.Exchange;
using Kexie.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Turns exceptions into RFC 7807 problem details with a Chinese title and, for bad input,
/// the offending field in <c>errors</c>. Unknown exceptions become a 500 without internals.
/// A <see cref="JsonException"/> is bad input only where it comes from reading the request body (a
/// <see cref="BadHttpRequestException"/> around it, or the project's own <see cref="UnstorableTextException"/> and
/// <see cref="YuanJsonException"/>); a bare one is the server failing to write a response or to read JSON it stored
/// itself, a 500 like any other fault.
/// </summary>
public sealed class KexieExceptionHandler(IProblemDetailsService problems, ILogger<KexieExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainValidationErrors many => Validation(many),
            DomainValidationException e => Validation(e.Field, e.Message),
            BadHttpRequestException { InnerException: UnstorableTextException text } => Validation(text.Field, StorableText.Message(text.Field)),
            UnstorableTextException text => Validation(text.Field, StorableText.Message(text.Field)),
            BadHttpRequestException { InnerException: YuanJsonException yuan } => Amount(yuan),
            YuanJsonException yuan => Amount(yuan),
            ImportFileException e => Validation("file", e.Message),
            BadHttpRequestException { InnerException: JsonException json } => Validation(JsonField(json), "请求体格式不正确：" + FieldHint(json)),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "请求格式不正确", Detail = TranslateBadRequest(e) },
            // Any other JsonException is the server's own (writing a response, reading JSON it stored): a 500 below, logged.
            NotFoundException e => new ProblemDetails { Status = 404, Title = "记录不存在", Detail = e.Message },
            AccessDeniedException e => new ProblemDetails { Status = 403, Title = "无权访问", Detail = e.Message },
            Kexie.Domain.Market.NotPermittedException e => new ProblemDetails { Status = 403, Title = "无权执行此操作", Detail = e.Message },
            UnauthorizedAccessException e => new ProblemDetails { Status = 403, Title = "无权访问", Detail = e.Message },
            InvalidTransitionException e => new ProblemDetails { Status = 409, Title = "当前状态不允许此操作", Detail = e.Message },
            DbUpdateConcurrencyException => new ProblemDetails { Status = 409, Title = "记录已被他人修改", Detail = "记录已被他人修改，请刷新后重试" },
            DbUpdateException e when IsUniqueViolation(e) => new ProblemDetails { Status = 409, Title = "记录重复", Detail = "已存在相同的记录（如手机号或统一社会信用代码重复）" },
            TooManyRequestsException e => TooMany(context, e),
            Kexie.Web.Features.Notifications.TextMessageFailedException e => new ProblemDetails { Status = 503, Title = "短信发送失败", Detail = e.Message },
            _ when IsUnstorableCharacter(exception) => new ProblemDetails { Status = 400, Title = "请求参数不正确", Detail = "请求中含有无法处理的字符（如空字符 U+0000），请删除后重试" },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "未处理的异常");
            problem = new ProblemDetails { Status = 500, Title = "服务器内部错误", Detail = "服务器处理请求时出错，请稍后重试" };
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails TooMany(HttpContext context, TooManyRequestsException e)
    {
        RateLimits.SetRetryAfter(context.Response, e.RetryAfter);
        return new ProblemDetails { Status = 429, Title = RateLimits.Title, Detail = e.Message };
    }

    public static ValidationProblemDetails Validation(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] })
    {
        Status = 400,
        Title = "请求参数不正确",
        Detail = message,
    };

    /// <summary>Every refused field of a form at once; the detail names them all.</summary>
    public static ValidationProblemDetails Validation(DomainValidationErrors many) =>
        new(many.Errors.ToDictionary(e => e.Field, e => new[] { e.Message }))
        {
            Status = 400,
            Title = "请求参数不正确",
            Detail = string.Join("；", many.Errors.Select(e => e.Message)),
        };

    private static ValidationProblemDetails Amount(YuanJsonException yuan)
    {
        var error = yuan.ToValidation(JsonField(yuan));
        return Validation(error.Field, error.Message);
    }

    private static string JsonField(JsonException json)
    {
        var path = json.Path?.TrimStart('$', '.') ?? string.Empty;
        return string.IsNullOrEmpty(path) ? "body" : path;
    }

    private static string FieldHint(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "不是有效的 JSON" : $"字段“{JsonField(json)}”的值类型不正确";

    private static string TranslateBadRequest(BadHttpRequestException e) => e.StatusCode switch
    {
        413 => "请求体过大",
        415 => "不支持的内容类型",
        _ => "请求参数缺失或格式不正确",
    };

    /// <summary>
    /// PostgreSQL refuses text containing U+0000 (SQLSTATE 22021, in a query parameter or a written value); that is bad
    /// input, not a server error. (SQLite stores it.)
    /// </summary>
    private static bool IsUnstorableCharacter(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.CharacterNotInRepertoire or Npgsql.PostgresErrorCodes.UntranslatableCharacter })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException?.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase) == true;
}
