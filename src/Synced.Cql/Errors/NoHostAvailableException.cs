using System;
using System.Collections.Generic;
using System.Linq;

namespace Synced.Cql.Errors;

/// <summary>Every node that was tried failed; <see cref="Errors"/> says why for each.</summary>
public sealed class NoHostAvailableException : CqlException
{
    public NoHostAvailableException(IReadOnlyDictionary<string, Exception> errors)
        : base(Describe(errors), errors.Values.FirstOrDefault())
    {
        Errors = errors;
    }

    /// <summary>The last error of each node tried, by host:port.</summary>
    public IReadOnlyDictionary<string, Exception> Errors { get; }

    private static string Describe(IReadOnlyDictionary<string, Exception> errors)
    {
        if (errors.Count == 0)
        {
            return "No node is known or up to send the request to.";
        }

        return "No node could serve the request: " + string.Join("; ", errors.Select(e => e.Value.Message));
    }
}
