using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Comparison;
using Synced.Core.Model;
using Synced.Core.Stores;
using Synced.Core.Time;

namespace Synced.Core.Engine;

/// <summary>
/// The compare a run does of its own range after it synced (<c>-Verify</c>): every id whose newest version on
/// either side lies in the range is compared, and each difference is reported as a warning (the first ones by
/// id, then a count per table). Differences right after a run are real but may be passing: an entry changed
/// during the run differs until the next run. Repair-SyncedData fixes what stays.
/// </summary>
internal static class RunVerification
{
    /// <summary>Differences reported one by one per table; the rest are counted.</summary>
    public const int ReportedPerTable = 20;

    public static Task<ComparisonResult> CompareAsync(ISyncStore cassandra, ISyncStore elasticsearch, TableSelection tables, TimeRange range,
        ISyncObserver observer, CancellationToken cancellationToken)
    {
        var options = new ComparisonOptions { Tables = tables, Begin = range.Begin, End = range.End };
        observer.OnPhase($"Verifying: comparing the newest version of every id in {range} on both sides");
        return new DataComparer(options).CompareAsync(cassandra, elasticsearch, new WarningObserver(observer), cancellationToken);
    }

    /// <summary>Turns what a comparison reports into the run's phases and warnings.</summary>
    private sealed class WarningObserver : IComparisonObserver
    {
        private readonly ISyncObserver _run;
        private readonly Dictionary<string, int> _reported = new(StringComparer.OrdinalIgnoreCase);

        public WarningObserver(ISyncObserver run) => _run = run;

        public void OnPhase(string message) => _run.OnPhase("Verifying: " + message);

        public void OnTableSkipped(TableComparison table) => _run.OnPhase($"Verifying: table '{table.Table}' not compared: {table.Message}");

        public void OnTableFailed(TableComparison table) => _run.OnWarning($"Verifying: table '{table.Table}' could not be compared: {table.Message}");

        public void OnEntryUnreadable(string table, string side, string sourceKey, string reason)
            => _run.OnWarning($"Verifying: {side} holds an entry of table '{table}' it cannot read ('{sourceKey}'): {reason}");

        public void OnProgress(ComparisonProgress progress)
        {
        }

        public Task OnDifferenceAsync(Difference difference, CancellationToken cancellationToken)
        {
            int count;
            lock (_reported)
            {
                _reported.TryGetValue(difference.Table, out count);
                _reported[difference.Table] = ++count;
            }
            if (count <= ReportedPerTable)
                _run.OnWarning($"Verifying: table '{difference.Table}', id {difference.Id}: {Describe(difference)}");
            return Task.CompletedTask;
        }

        public Task OnTableDoneAsync(TableComparison result, CancellationToken cancellationToken)
        {
            if (result.Differences > ReportedPerTable)
                _run.OnWarning($"Verifying: table '{result.Table}' has {result.Differences} differences in all ({result.MissingInElasticsearch} missing in Elasticsearch, " +
                               $"{result.MissingInCassandra} missing in Cassandra, {result.ElasticsearchOlder} older in Elasticsearch, {result.CassandraOlder} older in Cassandra); " +
                               "a comparison lists them and a repair fixes them");
            return Task.CompletedTask;
        }

        private static string Describe(Difference d) => d.Kind switch
        {
            DifferenceKind.MissingInElasticsearch => $"missing in Elasticsearch (Cassandra has {UtcTime.Format(d.CassandraTmstmp!.Value)})",
            DifferenceKind.MissingInCassandra => $"missing in Cassandra (Elasticsearch has {UtcTime.Format(d.ElasticsearchTmstmp!.Value)})",
            DifferenceKind.ElasticsearchOlder => $"older in Elasticsearch ({UtcTime.Format(d.ElasticsearchTmstmp!.Value)}) than in Cassandra ({UtcTime.Format(d.CassandraTmstmp!.Value)})",
            _ => $"older in Cassandra ({UtcTime.Format(d.CassandraTmstmp!.Value)}) than in Elasticsearch ({UtcTime.Format(d.ElasticsearchTmstmp!.Value)})",
        };
    }
}
