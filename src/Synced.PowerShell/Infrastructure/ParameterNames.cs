using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Synced.Core.Comparison;
using Synced.Core.Connections;
using Synced.Core.Engine;

namespace Synced.PowerShell.Infrastructure;

/// <summary>
/// Where Core's words meet the cmdlets' parameters: Core names its settings and says what to do in words; the
/// error records and results the cmdlets write add the parameters that do it.
/// </summary>
internal static class ParameterNames
{
    /// <summary>The parameter that sets a setting of <see cref="ConnectionSettings"/> (or Keyspace / Index).</summary>
    public static string Of(string setting) => "-" + setting switch
    {
        nameof(ConnectionSettings.CassandraHosts) => "CassandraHost",
        nameof(ConnectionSettings.ElasticsearchUris) => "ElasticsearchUri",
        _ => setting,
    };

    /// <summary>The parameters of a remedy on one side, e.g. <c>-CassandraHost</c> and <c>-CassandraPort</c> to check an address.</summary>
    public static IEnumerable<string> Of(ConnectionRemedy remedy, StoreSide side)
    {
        var cassandra = side == StoreSide.Cassandra;
        return remedy switch
        {
            ConnectionRemedy.CheckAddress => cassandra ? new[] { "-CassandraHost", "-CassandraPort" } : new[] { "-ElasticsearchUri" },
            ConnectionRemedy.CheckCredential => cassandra ? new[] { "-CassandraCredential" } : new[] { "-ElasticsearchCredential", "-ElasticsearchApiKey" },
            ConnectionRemedy.CheckCertificate => cassandra
                ? new[] { "-CassandraCertificateAuthorityPath" }
                : new[] { "-ElasticsearchCertificateAuthorityPath", "-ElasticsearchCertificateFingerprint" },
            ConnectionRemedy.RaiseConnectTimeout => new[] { "raise -ConnectTimeout" },
            ConnectionRemedy.RaiseRequestTimeout => new[] { "raise -RequestTimeout" },
            ConnectionRemedy.CheckTarget => new[] { cassandra ? "-Keyspace" : "-Index" },
            ConnectionRemedy.CreateMissing => new[] { "or -CreateMissing" },
            _ => Array.Empty<string>(),
        };
    }

    /// <summary>
    /// A message from Core with the parameters of the settings it tells to change: "raise the request timeout"
    /// becomes "raise -RequestTimeout" (and the same for the connect timeout).
    /// </summary>
    public static string InText(string message)
        => message
            .Replace("raise the request timeout", "raise -RequestTimeout")
            .Replace("raise the connect timeout", "raise -ConnectTimeout")
            .Replace("and the request timeout above it", "and -RequestTimeout above it")
            .Replace("Use the Compare conflict mode (the default)", "Use -ConflictMode Compare (the default)")
            .Replace("Writing with external versions refuses", "-ConflictMode ExternalVersion refuses")
            .Replace("check the table's name among the keyspace's tables", "Get-SyncedTable lists the tables of the keyspace");

    /// <summary>A connection failure's message with the parameters of its remedies added.</summary>
    public static string Describe(ConnectionFailure failure)
        => Add(failure.Message, failure.Remedies.SelectMany(r => Of(r, failure.Side)));

    /// <summary>A run's problem with the parameters that address it (a table without a counterpart: create it, or leave it out).</summary>
    public static string Describe(RunProblem problem) => InText(problem.Table is { } table ? Describe(table) ?? problem.Message : problem.Message);

    /// <summary>
    /// The message of a table's result with the parameters that address it, for a table without a counterpart
    /// (create it, or leave it out); null when the table has no message.
    /// </summary>
    public static string? Describe(Core.Engine.TableResult table)
        => table.Status == TableStatus.Unmatched && table.Message is { } message
            ? Add(message, new[] { "-CreateMissing", "or -ExcludeTable " + table.Table })
            : table.Message is { } other ? InText(other) : null;

    /// <summary>Why a table was not compared, naming the run that creates a table one side lacks.</summary>
    public static string? Describe(TableComparison table)
        => table.OnOneSideOnly && table.Message is { } message ? Add(message, "Invoke-SyncedRun -CreateMissing") : table.Message;

    /// <summary>What happened to a run's watermarks, naming the switch that kept them where they were.</summary>
    public static string DescribeCheckpointNote(SyncResult result)
        => result.Request.DryRun ? Add(result.CheckpointNote, "-WhatIf")
            : result.Request.NoCheckpoint ? Add(result.CheckpointNote, "-NoCheckpoint")
            : result.CheckpointNote;

    /// <summary>
    /// Gives <paramref name="record"/> the message of its exception with the parameters (or commands) that set it
    /// right added, as the message PowerShell shows; the exception stays as Core raised it.
    /// </summary>
    public static ErrorRecord WithParameters(ErrorRecord record, params string[] parameters)
    {
        record.ErrorDetails = new ErrorDetails(Add(WithoutParameterName(record.Exception), parameters));
        return record;
    }

    /// <summary>The parameters of a <see cref="Core.Checkpoints.SyncConfiguration"/> argument, by the argument's name.</summary>
    public static string[] OfConfiguration(string? argument) => argument switch
    {
        "keyspace" => new[] { "-Keyspace", "or -Name" },
        "index" => new[] { "-Index", "or -Name" },
        "name" => new[] { "-Name" },
        "cassandraPort" => new[] { "-CassandraPort" },
        "hosts" => new[] { "-CassandraHost" },
        "uris" => new[] { "-ElasticsearchUri" },
        _ => Array.Empty<string>(),
    };

    /// <summary>An exception's message without the name of the argument .NET appends to an <see cref="ArgumentException"/>'s.</summary>
    private static string WithoutParameterName(Exception exception)
    {
        var message = exception.Message;
        if (exception is not ArgumentException { ParamName: { } name }) return message;
        foreach (var suffix in new[] { $" (Parameter '{name}')", Environment.NewLine + "Parameter name: " + name })
            if (message.EndsWith(suffix, StringComparison.Ordinal)) return message.Substring(0, message.Length - suffix.Length);
        return message;
    }

    /// <summary><paramref name="message"/> with the given parameters it does not name yet added (see the overload).</summary>
    public static string Add(string message, params string[] parameters) => Add(message, (IEnumerable<string>)parameters);

    /// <summary>
    /// <paramref name="message"/> with the parameters it does not name yet added in brackets before its final
    /// full stop: "... check the user name and password (-CassandraCredential)."
    /// </summary>
    public static string Add(string message, IEnumerable<string> parameters)
    {
        var missing = parameters.Where(p => !Names(message, p)).Distinct().ToList();
        if (missing.Count == 0) return message;
        var stop = message.EndsWith(".", StringComparison.Ordinal);
        return (stop ? message.Substring(0, message.Length - 1) : message) + " (" + string.Join(", ", missing) + ")" + (stop ? "." : string.Empty);
    }

    /// <summary>True when the message names the parameter of <paramref name="phrase"/> already (a store may have named it).</summary>
    private static bool Names(string message, string phrase)
    {
        var at = phrase.StartsWith("-", StringComparison.Ordinal) ? 0 : phrase.IndexOf(" -", StringComparison.Ordinal) + 1;
        var parameter = phrase.Substring(at);
        return message.IndexOf(parameter, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
