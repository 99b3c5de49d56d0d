using System.Collections.Generic;
using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>A user-defined function threw (error FunctionFailure).</summary>
public sealed class FunctionFailureException : CqlServerException
{
    public FunctionFailureException(string message, string keyspace, string function, IReadOnlyList<string> argumentTypes)
        : base(ErrorCode.FunctionFailure, message)
    {
        Keyspace = keyspace;
        Function = function;
        ArgumentTypes = argumentTypes;
    }

    public string Keyspace { get; }

    public string Function { get; }

    public IReadOnlyList<string> ArgumentTypes { get; }

    private protected override void WritePayload(FrameWriter writer)
    {
        writer.WriteString(Keyspace);
        writer.WriteString(Function);
        writer.WriteStringList(ArgumentTypes);
    }
}
