using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kexie.Web.Tests;

/// <summary>
/// EF Core's commands (its <see cref="DiagnosticListener"/>) run while the host answered a request for <c>url</c> (read by the
/// host's <see cref="HttpContextAccessor"/>), so the statements of other tests running at the same time are not counted.
/// </summary>
internal sealed class StatementProbe : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string pathAndQuery;
    private readonly List<string> statements = [];
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;

    public StatementProbe(string url)
    {
        pathAndQuery = url;
        all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public List<string> Statements
    {
        get
        {
            lock (statements)
            {
                return [.. statements];
            }
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData command
            && new HttpContextAccessor().HttpContext?.Request is { } request
            && request.Path + request.QueryString == pathAndQuery)
        {
            lock (statements)
            {
                statements.Add(command.Command.CommandText);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
