namespace Kexie.Domain.Common;

/// <summary>
/// Several fields refused at once: what a form reports so the person sees every mistake together. <see cref="DomainValidationException.Field"/>
/// and the message are the first error's, so code that reads one error still reads a sensible one.
/// </summary>
public sealed class DomainValidationErrors(IReadOnlyList<DomainValidationException> errors)
    : DomainValidationException(errors[0].Field, errors[0].Message)
{
    /// <summary>Every refused field with its Chinese message, in the order checked (a field once).</summary>
    public IReadOnlyList<DomainValidationException> Errors { get; } = errors;
}

/// <summary>
/// Collects the validation errors of the fields a rule checks one after another (<see cref="Check{T}"/>), then throws them all
/// together (<see cref="ThrowIfAny"/>): one <see cref="DomainValidationException"/> when there is one, else <see cref="DomainValidationErrors"/>.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<DomainValidationException> errors = [];

    public bool Any => errors.Count > 0;

    /// <summary>Runs one field's check; on a validation error records it (first per field) and returns default.</summary>
    public T? Check<T>(Func<T> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return check();
        }
        catch (DomainValidationException e)
        {
            AddAll(e);
            return default;
        }
    }

    /// <summary>Runs an asynchronous check (a look-up that may refuse a field); on a validation error records it and returns default.</summary>
    public async Task<T?> CheckAsync<T>(Func<Task<T>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (DomainValidationException e)
        {
            AddAll(e);
            return default;
        }
    }

    /// <summary>Runs a check that returns nothing.</summary>
    public void Check(Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Check(() =>
        {
            check();
            return true;
        });
    }

    /// <summary>Records one refused field, or each field of several refused together.</summary>
    private void AddAll(DomainValidationException error)
    {
        foreach (var e in error is DomainValidationErrors many ? many.Errors : [error])
        {
            Add(e);
        }
    }

    public void Add(DomainValidationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!errors.Exists(e => e.Field == error.Field))
        {
            errors.Add(error);
        }
    }

    public void ThrowIfAny()
    {
        if (errors.Count == 1)
        {
            throw errors[0];
        }

        if (errors.Count > 1)
        {
            throw new DomainValidationErrors(errors.ToList());
        }
    }
}
