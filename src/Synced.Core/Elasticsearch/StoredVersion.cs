using System;

namespace Synced.Core.Elasticsearch;

/// <summary>What <c>_mget</c> says about one document: absent, present (tmstmp and concurrency token), or an error.</summary>
internal sealed class StoredVersion
{
    private StoredVersion(bool found, DateTime? tmstmp, long seqNo, long primaryTerm, string? problem)
    {
        Found = found;
        Tmstmp = tmstmp;
        SeqNo = seqNo;
        PrimaryTerm = primaryTerm;
        Problem = problem;
    }

    public bool Found { get; }

    /// <summary>The stored tmstmp; null when the document has none that parses.</summary>
    public DateTime? Tmstmp { get; }

    public long SeqNo { get; }

    public long PrimaryTerm { get; }

    /// <summary>Why the document's state is unknown (an error reading it); null otherwise.</summary>
    public string? Problem { get; }

    public static StoredVersion Absent { get; } = new(false, null, 0, 0, null);

    public static StoredVersion Present(DateTime? tmstmp, long seqNo, long primaryTerm) => new(true, tmstmp, seqNo, primaryTerm, null);

    public static StoredVersion Unknown(string problem) => new(false, null, 0, 0, problem);
}
