using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>
/// The limits Cassandra puts on writes: a mutation (one partition of one keyspace) over max_mutation_size is refused
/// (MutationExceededMaxSizeException, an InvalidRequest); a batch over batch_size_fail_threshold is refused
/// ("Batch too large"), one over batch_size_warn_threshold gets a client warning, and an unlogged batch over more
/// partitions than unlogged_batch_across_partitions_warn_threshold gets one too (BatchStatement.verifyBatchSize and
/// verifyBatchType).
/// </summary>
internal static class WriteLimits
{
    public static void Check(IReadOnlyList<PendingMutation> writes, BatchKind? batchKind, CassandraSettings settings, StatementContext ctx)
    {
        long total = 0;
        var partitionEntries = 0;
        foreach (var w in writes)
            foreach (var p in w.Partitions)
            {
                total += p.DataSize;
                partitionEntries++;
            }
        // A mutation is what one keyspace's partition receives from the whole request: only when the request as a
        // whole is over the limit can one of them be.
        if (total > settings.MaxMutationSize) CheckMutationSizes(writes, settings);
        if (batchKind is null) return;

        if (batchKind != BatchKind.Counter && total > settings.BatchSizeWarnThreshold)
        {
            var tables = TableList(writes);
            if (total > settings.BatchSizeFailThreshold)
            {
                ctx.TraceAt(ctx.Trace?.Coordinator.Address ?? System.Net.IPAddress.Loopback,
                    $"Batch for {tables} is of size {Pretty(total)}, exceeding specified threshold of {Pretty(settings.BatchSizeFailThreshold)} by {Pretty(total - settings.BatchSizeFailThreshold)}. (see batch_size_fail_threshold)");
                throw new CqlInvalidException("Batch too large");
            }
            ctx.Warnings.Add($"Batch for {tables} is of size {Pretty(total)}, exceeding specified threshold of {Pretty(settings.BatchSizeWarnThreshold)} by {Pretty(total - settings.BatchSizeWarnThreshold)}.");
        }
        // Distinct partitions can only pass the threshold when the statements' partitions, repeats counted, do.
        if (batchKind == BatchKind.Unlogged && partitionEntries > settings.UnloggedBatchAcrossPartitionsWarnThreshold)
        {
            var partitions = writes.SelectMany(w => w.Partitions.Select(p => (w.Table.Keyspace, w.Table.Name, p.Token, p.KeyText))).Distinct().Count();
            var tableCount = writes.Select(w => (w.Table.Keyspace, w.Table.Name)).Distinct().Count();
            if (partitions > settings.UnloggedBatchAcrossPartitionsWarnThreshold)
                ctx.Warnings.Add($"Unlogged batch covering {partitions} partitions detected against table{(tableCount == 1 ? "" : "s")} {TableList(writes)}. You should use a logged batch for atomicity, or asynchronous writes for performance.");
        }
    }

    private static void CheckMutationSizes(IReadOnlyList<PendingMutation> writes, CassandraSettings settings)
    {
        foreach (var mutation in writes.SelectMany(w => w.Partitions.Select(p => (w.Table, p.Token, p.KeyText, p.DataSize)))
                     .GroupBy(p => (p.Table.Keyspace, p.Token, p.KeyText)))
        {
            var size = mutation.Sum(p => p.DataSize);
            if (size > settings.MaxMutationSize)
            {
                var keys = string.Join(", ", mutation.OrderByDescending(p => p.DataSize).Select(p => $"{p.Table.Name}.{p.KeyText}").Distinct());
                throw new CqlInvalidException($"Rejected an oversized mutation ({size}/{settings.MaxMutationSize}) for keyspace: {mutation.Key.Keyspace}. Top keys are: {keys}");
            }
        }
    }

    private static string TableList(IReadOnlyList<PendingMutation> writes)
        => "[" + string.Join(", ", writes.Select(w => $"{w.Table.Keyspace}.{w.Table.Name}").Distinct()) + "]";

    /// <summary>FBUtilities.prettyPrintMemory: bytes below 1 KiB as "NB", else three decimals of KiB, MiB, GiB.</summary>
    public static string Pretty(long size)
    {
        var prefix = (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Abs(size))) / 10;
        if (prefix == 0) return size.ToString(CultureInfo.InvariantCulture) + "B";
        return (size / Math.Pow(2, prefix * 10)).ToString("0.000", CultureInfo.InvariantCulture) + " KMGTPE"[prefix] + "iB";
    }
}
