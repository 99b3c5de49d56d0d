namespace Synced.Emulators.Elasticsearch;

/// <summary>The concurrency conditions of one write: if_seq_no/if_primary_term, version/version_type, op_type.</summary>
internal sealed class WriteConditions
{
    public static readonly WriteConditions None = new();

    public long? IfSeqNo { get; init; }
    public long? IfPrimaryTerm { get; init; }
    public long? Version { get; init; }
    public VersionType VersionType { get; init; }
    public bool Create { get; init; }

    public static VersionType ParseVersionType(string? text) => text switch
    {
        null or "internal" => VersionType.Internal,
        "external" or "external_gt" => VersionType.External,
        "external_gte" => VersionType.ExternalGte,
        _ => throw Errors.IllegalArgument($"No version type match [{text}]"),
    };

    /// <summary>Checks the combination of parameters as ES validates a request before running it.</summary>
    public void Validate(bool isDelete, bool isUpdate)
    {
        var problems = Problems(isDelete, isUpdate);
        if (problems.Count > 0) throw Errors.Validation(problems.ToArray());
    }

    /// <summary>The validation errors of the parameters (IndexRequest / DeleteRequest / UpdateRequest.validate).</summary>
    public System.Collections.Generic.List<string> Problems(bool isDelete, bool isUpdate)
    {
        var problems = new System.Collections.Generic.List<string>();
        if (IfSeqNo is not null && IfSeqNo < 0) problems.Add("ifSeqNo must be a non negative number");
        if (IfSeqNo is not null && (IfPrimaryTerm ?? 0) <= 0)
            problems.Add($"ifSeqNo is set, but primary term is [{IfPrimaryTerm ?? 0}]");
        if (IfSeqNo is null && IfPrimaryTerm is not null && IfPrimaryTerm != 0)
            problems.Add($"ifSeqNo is unassigned, but primary term is [{IfPrimaryTerm}]");
        if (IfSeqNo is not null && Create && !isDelete)
            problems.Add("create operations do not support compare and set. use index instead");
        if (IfSeqNo is not null && (VersionType != VersionType.Internal || Version is not null))
            problems.Add("compare and write operations can not use versioning");
        if (VersionType == VersionType.Internal && Version is not null)
            problems.Add("internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead");
        if (VersionType != VersionType.Internal)
        {
            if (isUpdate) problems.Add("only internal versioning is supported for update requests");
            else if (Create && !isDelete) problems.Add("create operations only support internal versioning. use index instead");
            else if (Version is null || Version < 0)
                problems.Add($"illegal version value [{Version ?? -3}] for version type [{(VersionType == VersionType.External ? "EXTERNAL" : "EXTERNAL_GTE")}]");
        }
        return problems;
    }
}
