using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Synced.Core.Comparison;

namespace Synced.Core.Cassandra;

/// <summary>
/// Collapses the rows of a version scan's sub-range to the newest version of each id: the sub-range hands them on in
/// token order, the rows of a partition together, so only the id being read is held. One per sub-range.
/// </summary>
internal sealed class NewestOfPartition
{
    private readonly ChannelWriter<EntryVersion> _writer;
    private Guid _id;
    private DateTime _newest;
    private bool _any;

    public NewestOfPartition(ChannelWriter<EntryVersion> writer) => _writer = writer;

    /// <summary>Takes rows (id, tmstmp as a timeuuid); writes the newest of each id once the next id begins.</summary>
    public async ValueTask AddAsync(List<(Guid Id, Guid Version)> rows, CancellationToken cancellationToken)
    {
        foreach (var (id, version) in rows)
        {
            var tmstmp = EntryTime.FromTimeUuid(version);
            if (_any && id == _id)
            {
                if (tmstmp > _newest) _newest = tmstmp;
                continue;
            }
            if (_any) await _writer.WriteAsync(new EntryVersion(_id, _newest), cancellationToken).ConfigureAwait(false);
            _id = id;
            _newest = tmstmp;
            _any = true;
        }
    }

    /// <summary>Writes the last id's newest version (the sub-range is read).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (!_any) return;
        _any = false;
        await _writer.WriteAsync(new EntryVersion(_id, _newest), cancellationToken).ConfigureAwait(false);
    }
}
