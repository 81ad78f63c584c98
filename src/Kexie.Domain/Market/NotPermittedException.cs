namespace Kexie.Domain.Market;

/// <summary>
/// The actor is not one of the parties allowed to take this step (HTTP 403). The message is Chinese
/// and names who may do it.
/// </summary>
public class NotPermittedException(string message) : Exception(message);
