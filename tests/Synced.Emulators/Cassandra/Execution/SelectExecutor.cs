using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Synced.Emulators.Cassandra.Cql;
using Synced.Emulators.Cassandra.Schema;
using Synced.Emulators.Cassandra.Storage;

namespace Synced.Emulators.Cassandra.Execution;

/// <summary>Runs a SELECT plan over a table's data under its read lock: candidates, filters, paging, LIMIT.</summary>
internal static class SelectExecutor
{
    /// <summary>The partitions a read touches: their tokens for a single-partition (EQ/IN) read, else its token range.</summary>
    public static ReadTarget Target(SelectPlan plan, StatementContext ctx)
    {
        if (plan.IsPointLookup) return new ReadTarget(PartitionKeys(plan, ctx).Select(k => k.Item1).Distinct().ToList(), 0, 0);
        var (from, to) = TokenBounds(plan, ctx);
        return new ReadTarget(null, from, to);
    }

    public static RowsResult Execute(SelectPlan plan, TableStore store, StatementContext ctx)
    {
        var counter = new ScanCounter
        {
            Budget = plan.Statement.AllowFiltering && !plan.IsAggregate && ctx.PageSize > 0 ? ctx.FilteredPageExamineLimit : 0,
        };
        var result = Execute(plan, store, ctx, counter);
        ctx.Outcome.RowsExamined += counter.Examined;
        ctx.Outcome.Tombstones += counter.Tombstones;
        ctx.Outcome.RowsReturned += result.Rows.Count;
        return result;
    }

    /// <summary>What a scan went through in storage, and how many live rows one page of a filtered scan may examine.</summary>
    private sealed class ScanCounter
    {
        public long Examined;
        public long Tombstones;
        /// <summary>0 for no limit.</summary>
        public long Budget;
        public RowView LastExamined;

        public bool Exhausted => Budget > 0 && Examined >= Budget;
    }

    private static RowsResult Execute(SelectPlan plan, TableStore store, StatementContext ctx, ScanCounter counter)
    {
        var s = plan.Statement;
        var limit = EvaluateLimit(s.Limit, "[limit]", ctx);
        var perPartitionLimit = EvaluateLimit(s.PerPartitionLimit, "[per_partition_limit]", ctx);
        var filters = plan.Filters.Select(f => BoundRelation.Bind(f.Key, f.Value, ctx)).ToList();
        var clusteringFilters = filters.Where(f => f.Column.Kind == ColumnKind.Clustering).ToList();
        var otherFilters = filters.Where(f => f.Column.Kind != ColumnKind.Clustering).ToList();
        List<(long Token, byte[] Key, byte[][] Components)>? keys = plan.IsPointLookup ? PartitionKeys(plan, ctx) : null;
        var (fromToken, toToken) = plan.IsPointLookup ? (long.MinValue, long.MaxValue) : TokenBounds(plan, ctx);

        // Like Cassandra, any IN on the partition key with ORDER BY means sorting after the read, which cannot be paged.
        var sortAfterRead = plan.HasOrderBy && keys is not null && plan.PartitionKeyRelations.Any(r => r!.Operator == RelationOperator.In);
        if (sortAfterRead && ctx.PageSize > 0 && !plan.IsAggregate)
            throw new CqlInvalidException("Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query");

        var paging = ctx.PagingState is { Length: > 0 } && !plan.IsAggregate ? PagingState.Parse(ctx.PagingState) : null;
        var returned = paging?.Returned ?? 0;
        var remaining = limit - returned;
        var pageSize = ctx.PageSize > 0 && !plan.IsAggregate ? ctx.PageSize : int.MaxValue;
        var target = Math.Min(remaining, pageSize);

        var rows = new List<byte[]?[]>();
        var matched = new List<RowView>();
        byte[]? nextState = null;
        store.Lock.EnterReadLock();
        try
        {
            var candidates = sortAfterRead
                ? SortedAcrossPartitions(plan, store, keys!, ctx.NowInSeconds, clusteringFilters, otherFilters, counter)
                : plan.IndexDriver is { } driver && keys is null
                    ? IndexCandidates(plan, store, driver, fromToken, toToken, paging, ctx, perPartitionLimit, clusteringFilters, otherFilters, counter)
                    : Candidates(plan, store, keys, fromToken, toToken, paging, ctx.NowInSeconds, perPartitionLimit, clusteringFilters, otherFilters, counter);
            RowView last = default;
            var count = 0;
            var inPartition = 0;
            foreach (var view in target <= 0 && !plan.IsAggregate ? Enumerable.Empty<RowView>() : candidates)
            {
                if (view.Partition is null)
                {
                    // The page examined as many rows as a filtered page may: it ends here, maybe empty, and the next
                    // page resumes after the last row examined.
                    var at = counter.LastExamined;
                    var returnedThere = count > 0 && ReferenceEquals(last.Partition, at.Partition) ? inPartition
                        : count == 0 && paging is not null && at.Partition!.Key.AsSpan().SequenceEqual(paging.PartitionKey) ? paging.ReturnedInPartition : 0;
                    nextState = new PagingState(at.Partition!.Key, at.Row?.Clustering, returned + count, returnedThere).Serialize();
                    break;
                }
                if (plan.IsAggregate)
                {
                    matched.Add(view);
                    continue;
                }
                rows.Add(Project(plan, view, ctx));
                inPartition = count > 0 && ReferenceEquals(view.Partition, last.Partition) ? inPartition + 1
                    : paging is not null && view.Partition.Key.AsSpan().SequenceEqual(paging.PartitionKey) ? paging.ReturnedInPartition + 1 : 1;
                last = view;
                count++;
                if (count == target)
                {
                    // A full page ends with a paging state, whether or not rows follow (Cassandra's pager does not
                    // look ahead): a page ending on the last row is followed by an empty last page. LIMIT reached: done.
                    if (count < remaining)
                        nextState = new PagingState(last.Partition.Key, last.Row is null || plan.Statement.Distinct ? null : last.Row.Clustering, returned + count, inPartition).Serialize();
                    break;
                }
            }
        }
        finally
        {
            store.Lock.ExitReadLock();
        }
        if (plan.IsAggregate) rows.Add(Aggregate(plan, matched, ctx));
        return new RowsResult(plan.ResultColumns, rows, nextState);
    }

    private static int EvaluateLimit(Term? term, string name, StatementContext ctx)
    {
        if (term is null) return int.MaxValue;
        var value = TermEvaluator.Evaluate(term, ColumnType.Int, name, ctx);
        if (value is null || StatementContext.IsUnset(value)) return int.MaxValue;
        var limit = BinaryPrimitives.ReadInt32BigEndian(value);
        if (limit <= 0) throw new CqlInvalidException(name == "[limit]" ? "LIMIT must be strictly positive" : "PER PARTITION LIMIT must be strictly positive");
        return limit;
    }

    /// <summary>The partition keys an EQ/IN restricted query reads: the cartesian product, deduplicated, in ring order.</summary>
    private static List<(long, byte[], byte[][])> PartitionKeys(SelectPlan plan, StatementContext ctx)
    {
        var perColumn = new List<List<byte[]>>();
        foreach (var column in plan.Table.PartitionKey)
        {
            var bound = BoundRelation.Bind(column, plan.PartitionKeyRelations[column.Position]!, ctx);
            perColumn.Add(bound.InValues ?? new List<byte[]> { bound.Value! });
        }
        var combos = new List<byte[][]> { Array.Empty<byte[]>() };
        foreach (var values in perColumn)
            combos = combos.SelectMany(c => values.Select(v => c.Append(v).ToArray())).ToList();
        var result = new SortedDictionary<(long, byte[]), (long, byte[], byte[][])>(Comparer<(long, byte[])>.Create((a, b) =>
        {
            var c = a.Item1.CompareTo(b.Item1);
            return c != 0 ? c : a.Item2.AsSpan().SequenceCompareTo(b.Item2);
        }));
        foreach (var components in combos)
        {
            var key = PartitionKeyCodec.Compose(components);
            var token = Tokens.Of(key);
            result[(token, key)] = (token, key, components);
        }
        return result.Values.ToList();
    }

    /// <summary>Inclusive token bounds from <c>token(k) op ?</c> relations; an upper bound of the minimum token means the end of the ring.</summary>
    private static (long, long) TokenBounds(SelectPlan plan, StatementContext ctx)
    {
        long lo = long.MinValue, hi = long.MaxValue;
        var empty = false;
        foreach (var r in plan.TokenRelations)
        {
            var value = TermEvaluator.Evaluate(r.Value!, ColumnType.Bigint, "partition key token", ctx);
            if (value is null || StatementContext.IsUnset(value)) throw new CqlInvalidException("Invalid null value for partition key token");
            var v = BinaryPrimitives.ReadInt64BigEndian(value);
            switch (r.Operator)
            {
                case RelationOperator.Eq: lo = Math.Max(lo, v); hi = Math.Min(hi, v); break;
                case RelationOperator.Gt: if (v == long.MaxValue) empty = true; else lo = Math.Max(lo, v + 1); break;
                case RelationOperator.Gte: lo = Math.Max(lo, v); break;
                case RelationOperator.Lt: if (v == long.MinValue) break; hi = Math.Min(hi, v - 1); break;
                case RelationOperator.Lte: if (v == long.MinValue) break; hi = Math.Min(hi, v); break;
            }
        }
        return empty ? (1, 0) : (lo, hi);
    }

    private static IEnumerable<RowView> Candidates(SelectPlan plan, TableStore store, List<(long Token, byte[] Key, byte[][] Components)>? keys,
        long fromToken, long toToken, PagingState? paging, int now, int perPartitionLimit, List<BoundRelation> clusteringFilters, List<BoundRelation> otherFilters,
        ScanCounter counter)
    {
        IEnumerable<Partition> partitions;
        Partition? resumeProbe = null;
        if (paging is not null)
        {
            var token = Tokens.Of(paging.PartitionKey);
            resumeProbe = Partition.ProbeAt(token, paging.PartitionKey);
        }
        if (keys is not null)
        {
            partitions = keys.Select(k => store.Find(k.Token, k.Key)).Where(p => p is not null)!;
        }
        else
        {
            if (resumeProbe is not null) fromToken = Math.Max(fromToken, resumeProbe.Token);
            partitions = store.Range(fromToken, toToken);
        }
        foreach (var partition in partitions)
        {
            byte[][]? resumeAfter = null;
            if (resumeProbe is not null)
            {
                var c = Partition.RingOrder.Instance.Compare(partition, resumeProbe);
                if (c < 0) continue;
                if (c == 0)
                {
                    if (paging!.Clustering is null) continue; // that partition was finished
                    resumeAfter = paging.Clustering;
                }
            }
            // PER PARTITION LIMIT counts the rows earlier pages returned from the partition this page resumes in.
            var emitted = resumeAfter is not null ? paging!.ReturnedInPartition : 0;
            foreach (var view in RowsOf(plan, store, partition, resumeAfter, now, clusteringFilters, counter))
            {
                if (emitted >= perPartitionLimit) break;
                if (MatchesClustering(view, clusteringFilters) && Matches(view, otherFilters))
                {
                    yield return view;
                    emitted++;
                    if (plan.Statement.Distinct) break;
                }
                if (counter.Exhausted)
                {
                    yield return default;
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// Rows an index lookup selects in the token range, in ring then clustering order: from the value-ordered index
    /// when the column has one, else the rows whose indexed value matches (what a legacy or collection index returns).
    /// Only the selected rows are read from storage (examined); the other relations then filter them.
    /// </summary>
    private static IEnumerable<RowView> IndexCandidates(SelectPlan plan, TableStore store, IndexDriver driver, long fromToken, long toToken, PagingState? paging,
        StatementContext ctx, int perPartitionLimit, List<BoundRelation> clusteringFilters, List<BoundRelation> otherFilters, ScanCounter counter)
    {
        var now = ctx.NowInSeconds;
        var bound = driver.Relations.Select(r => BoundRelation.Bind(driver.Column, r, ctx)).ToList();
        IEnumerable<(Partition Partition, Row Row)> selected;
        // A page resumes at its partition: nothing before it in the ring is selected again.
        var rangeFrom = paging is null ? fromToken : Math.Max(fromToken, Tokens.Of(paging.PartitionKey));
        if (store.IndexOn(driver.Column.Name) is { } index && bound.All(b => b.Operator is RelationOperator.Eq or RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte))
        {
            byte[]? low = null, high = null;
            bool lowInclusive = true, highInclusive = true;
            var type = driver.Column.Type;
            void Low(byte[] v, bool inclusive)
            {
                var c = low is null ? 1 : ValueOrder.Compare(type, v, low);
                if (c > 0) (low, lowInclusive) = (v, inclusive);
                else if (c == 0) lowInclusive &= inclusive;
            }
            void High(byte[] v, bool inclusive)
            {
                var c = high is null ? -1 : ValueOrder.Compare(type, v, high);
                if (c < 0) (high, highInclusive) = (v, inclusive);
                else if (c == 0) highInclusive &= inclusive;
            }
            foreach (var b in bound)
            {
                switch (b.Operator)
                {
                    case RelationOperator.Eq: Low(b.Value!, true); High(b.Value!, true); break;
                    case RelationOperator.Gt: Low(b.Value!, false); break;
                    case RelationOperator.Gte: Low(b.Value!, true); break;
                    case RelationOperator.Lt: High(b.Value!, false); break;
                    case RelationOperator.Lte: High(b.Value!, true); break;
                }
            }
            var entries = index.Between(low, lowInclusive, high, highInclusive);
            if (FewerPartitionsThanEntries(store.Range(fromToken, toToken), entries))
            {
                // Cassandra's SAI intersects the token range with the index; this index is ordered by value only, so
                // when the range holds fewer partitions than the value range has entries, reading the range is the
                // cheaper way to the same rows (a full run's pages would otherwise each walk the whole index).
                selected = RangeRows(store, rangeFrom, toToken, driver.Column, bound, now);
            }
            else
            {
                var found = new List<(Partition Partition, Row Row)>();
                foreach (var entry in entries)
                {
                    var p = entry.Partition!;
                    if (p.Token < fromToken || p.Token > toToken) continue;
                    // A regular value an update replaced: the index entry is stale.
                    if (driver.Column.Kind == ColumnKind.Regular && !bound.All(b => b.Matches(entry.Row!.LiveCell(driver.Column.CellIndex, p.DeletionFor(entry.Row), now)?.Value)))
                        continue;
                    found.Add((p, entry.Row!));
                }
                selected = found.Distinct().OrderBy(x => x.Partition, Partition.RingOrder.Instance).ThenBy(x => x.Row, store.RowOrder).ToList();
            }
        }
        else
        {
            selected = RangeRows(store, rangeFrom, toToken, driver.Column, bound, now);
        }

        var resume = paging is null ? null : Partition.ProbeAt(Tokens.Of(paging.PartitionKey), paging.PartitionKey);
        Partition? current = null;
        var emitted = 0;
        foreach (var (partition, row) in selected)
        {
            if (resume is not null)
            {
                var c = Partition.RingOrder.Instance.Compare(partition, resume);
                if (c < 0) continue;
                if (c == 0 && (paging!.Clustering is null || store.RowOrder.Compare(row.Clustering, paging.Clustering) <= 0)) continue;
            }
            if (!ReferenceEquals(partition, current))
            {
                current = partition;
                emitted = resume is not null && Partition.RingOrder.Instance.Compare(partition, resume) == 0 ? paging!.ReturnedInPartition : 0;
            }
            var deletion = partition.DeletionFor(row);
            if (!row.IsLive(deletion, now, plan.Table))
            {
                counter.Tombstones++;
                continue;
            }
            if (emitted >= perPartitionLimit) continue;
            counter.Examined++;
            counter.Tombstones += row.DeadCells(deletion, now);
            var view = new RowView(partition, row, deletion, now);
            counter.LastExamined = view;
            if (MatchesClustering(view, clusteringFilters) && Matches(view, otherFilters))
            {
                yield return view;
                emitted++;
            }
            if (counter.Exhausted)
            {
                yield return default;
                yield break;
            }
        }
    }

    /// <summary>The rows of a token range whose indexed value matches, in ring then clustering order, as the caller takes them.</summary>
    private static IEnumerable<(Partition Partition, Row Row)> RangeRows(TableStore store, long fromToken, long toToken, ColumnSchema column, List<BoundRelation> bound, int now)
    {
        foreach (var p in store.Range(fromToken, toToken))
            foreach (var row in p.Rows)
            {
                var view = new RowView(p, row, p.DeletionFor(row), now);
                if (bound.All(b => b.Matches(view.ValueOf(column)))) yield return (p, row);
            }
    }

    /// <summary>Walks both in step and answers whether the partitions end first (a tie goes to the index), at the cost of the shorter.</summary>
    private static bool FewerPartitionsThanEntries(IEnumerable<Partition> partitions, IEnumerable<ColumnIndex.Entry> entries)
    {
        using var partition = partitions.GetEnumerator();
        using var entry = entries.GetEnumerator();
        while (true)
        {
            if (!entry.MoveNext()) return false;
            if (!partition.MoveNext()) return true;
        }
    }

    private static IEnumerable<RowView> RowsOf(SelectPlan plan, TableStore store, Partition partition, byte[][]? resumeAfter, int now, List<BoundRelation> clusteringFilters,
        ScanCounter counter)
    {
        if (partition.DeletionTimestamp != long.MinValue) counter.Tombstones++;
        var table = plan.Table;
        var anyLive = false;
        IEnumerable<Row> rows = partition.Rows;
        if (resumeAfter is not null && partition.Rows.Count > 0)
        {
            var probe = new Row(resumeAfter, 0);
            if (!plan.Reversed)
                rows = store.RowOrder.Compare(probe, partition.Rows.Max!) < 0 ? partition.Rows.GetViewBetween(probe, partition.Rows.Max!) : Array.Empty<Row>();
            else
                rows = store.RowOrder.Compare(partition.Rows.Min!, probe) < 0 ? partition.Rows.GetViewBetween(partition.Rows.Min!, probe).Reverse() : Array.Empty<Row>();
        }
        else if (plan.Reversed)
        {
            rows = partition.Rows.Reverse();
        }
        foreach (var row in rows)
        {
            // Resuming: the row the previous page ended on was already returned.
            if (resumeAfter is not null && store.RowOrder.Compare(row.Clustering, resumeAfter) == 0) { anyLive = true; continue; }
            var deletion = partition.DeletionFor(row);
            if (!row.IsLive(deletion, now, table))
            {
                counter.Tombstones++;
                continue;
            }
            anyLive = true;
            counter.Examined++;
            counter.Tombstones += row.DeadCells(deletion, now);
            var examined = new RowView(partition, row, deletion, now);
            counter.LastExamined = examined;
            yield return examined;
        }
        // A partition with static values but no live rows reads as one row with null clustering and regular columns.
        if (resumeAfter is null && !anyLive && table.HasStatic && !plan.HasClusteringRestriction && StaticLive(table, partition, now))
            yield return new RowView(partition, null, long.MaxValue, now);
    }

    private static bool StaticLive(TableSchema table, Partition partition, int now)
    {
        foreach (var c in table.Others)
            if (c.Kind == ColumnKind.Static && partition.Static.LiveCell(c.CellIndex, partition.DeletionTimestamp, now) is not null)
                return true;
        return false;
    }

    private static List<RowView> SortedAcrossPartitions(SelectPlan plan, TableStore store, List<(long Token, byte[] Key, byte[][] Components)> keys, int now,
        List<BoundRelation> clusteringFilters, List<BoundRelation> otherFilters, ScanCounter counter)
    {
        var all = new List<RowView>();
        foreach (var k in keys)
        {
            var p = store.Find(k.Token, k.Key);
            if (p is null) continue;
            all.AddRange(RowsOf(plan, store, p, null, now, clusteringFilters, counter).Where(v => MatchesClustering(v, clusteringFilters) && Matches(v, otherFilters)));
        }
        var order = store.RowOrder;
        all.Sort((a, b) =>
        {
            var c = a.Row is null || b.Row is null ? 0 : order.Compare(a.Row, b.Row);
            return plan.Reversed ? -c : c;
        });
        return all;
    }

    private static bool MatchesClustering(RowView view, List<BoundRelation> filters)
    {
        if (view.Row is null) return true;
        foreach (var f in filters)
            if (!f.Matches(view.Row.Clustering[f.Column.Position])) return false;
        return true;
    }

    private static bool Matches(RowView view, List<BoundRelation> filters)
    {
        foreach (var f in filters)
            if (!f.Matches(view.ValueOf(f.Column))) return false;
        return true;
    }

    private static byte[]?[] Project(SelectPlan plan, RowView view, StatementContext ctx)
    {
        var outputs = plan.Outputs;
        var row = new byte[]?[outputs.Count];
        for (var i = 0; i < outputs.Count; i++) row[i] = outputs[i].Compute(view, ctx);
        return row;
    }

    private static byte[]?[] Aggregate(SelectPlan plan, List<RowView> matched, StatementContext ctx)
    {
        var limit = plan.Outputs.Count;
        var row = new byte[]?[limit];
        for (var i = 0; i < plan.Outputs.Count; i++)
        {
            var o = plan.Outputs[i];
            if (o.IsAggregate)
            {
                long n = 0;
                if (o.CountColumn is null) n = matched.Count;
                else
                {
                    var column = plan.Table.Column(o.CountColumn);
                    foreach (var v in matched) if (v.ValueOf(column) is not null) n++;
                }
                row[i] = LiteralCodec.Int64(n);
            }
            else
            {
                row[i] = matched.Count > 0 ? o.Compute(matched[0], ctx) : null;
            }
        }
        return row;
    }
}
