namespace Kexie.Web.Features.Matching;

/// <summary>Configuration section <c>Matching</c>.</summary>
public sealed class MatchingOptions
{
    /// <summary>Seconds between two polls of the match outbox on each node; 0 turns the background poll off.</summary>
    public double PollSeconds { get; set; } = 1.5;

    /// <summary>Train the discipline classifier from the CSL records (in the background) at start-up.</summary>
    public bool TrainClassifier { get; set; } = true;

    /// <summary>
    /// Folder where the trained classifier is kept (relative to the working directory, like the SQLite file), so a
    /// restart loads it instead of training again; the file name carries a hash of everything it was trained from.
    /// Empty: always train.
    /// </summary>
    public string ModelCacheDirectory { get; set; } = "data/models";

    /// <summary>
    /// Records read per batch when the classifier, once ready, reads the documents indexed before it
    /// (<see cref="MatchIndexHost.WhenDisciplinesReadAsync"/>): the memory that reading needs besides the index is one
    /// batch's documents and their analysed copies; each batch holds back the outbox poll while it runs.
    /// </summary>
    public int DisciplineReadBatch { get; set; } = 32_768;

    /// <summary>Outbox entries older than this are pruned (a node that starts rebuilds from the tables anyway).</summary>
    public int OutboxRetentionDays { get; set; } = 7;

    /// <summary>
    /// How long a missing outbox sequence number is re-read: with PostgreSQL, a transaction that took a lower
    /// number may commit after one that took a higher number; a number not seen after this long was rolled back.
    /// </summary>
    public int GapTimeoutSeconds { get; set; } = 120;
}
