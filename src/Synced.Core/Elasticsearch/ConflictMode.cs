namespace Synced.Core.Elasticsearch;

/// <summary>How an upsert-if-newer makes sure an older version never overwrites a newer one.</summary>
public enum ConflictMode
{
    /// <summary>
    /// Read the stored documents (<c>_mget</c>), compare tmstmp, and write the newer ones with optimistic
    /// concurrency (<c>if_seq_no</c> + <c>if_primary_term</c>, or <c>op_type=create</c>). Correct whatever other
    /// writers do. The default.
    /// </summary>
    Compare,

    /// <summary>
    /// One <c>_bulk</c> with <c>version_type=external</c> and version = tmstmp in microseconds since the epoch;
    /// Elasticsearch itself rejects the not-newer ones (409, counted as skipped). Faster, but only safe when
    /// every writer of the index uses external versions equal to tmstmp in microseconds: a document written
    /// with internal versioning has a small version that any entry beats, however old. So before the first write to
    /// an index a sample of its documents is checked (newest, oldest and from a random instant); an index whose
    /// documents use another version scheme is refused (<see cref="ExternalVersionMismatchException"/>: the table
    /// fails, nothing is written).
    /// </summary>
    ExternalVersion,
}
