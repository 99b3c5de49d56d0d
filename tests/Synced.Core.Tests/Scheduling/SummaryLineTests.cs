using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Checkpoints;
using Synced.Core.Connections;
using Synced.Core.Engine;
using Synced.Core.Scheduling;
using Synced.Core.Stores;
using Synced.Core.Tests.Checkpoints;
using Synced.Core.Tests.Engine;
using Xunit;
using static Synced.Core.Tests.Engine.EngineFixture;

namespace Synced.Core.Tests.Scheduling;

public sealed class SummaryLineTests : IDisposable
{
    private static readonly DateTime Start = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private async Task<RunOutcome> RunAsync(EngineFixture data, Func<CancellationToken, Task<(ISyncStore, ISyncStore)>>? connect = null, string? name = null)
    {
        var clock = new FakeClock(Start);
        await using var stores = new StorePair(connect ?? (_ => Task.FromResult<(ISyncStore, ISyncStore)>((data.Cassandra, data.Elasticsearch))));
        var request = new SyncRequest(new SyncConfiguration("app", "app", name: name));
        var loop = new ContinuousRunner(request, new CheckpointStore(_state.Path), stores, null, clock);
        return (await loop.RunAsync(_ => { }, null, CancellationToken.None))!;
    }

    [Fact]
    public async Task A_run_is_one_line_with_time_marker_configuration_status_counts_duration_and_watermark()
    {
        var data = new EngineFixture().AddTable("users");
        data.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        data.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));

        var line = SummaryLine.Format(await RunAsync(data));

        // Two entries go to Elasticsearch, then come back as not newer.
        Assert.Equal(
            "2015-03-01T00:00:00Z Synced.Summary configuration=app-app-" + new SyncConfiguration("app", "app").Hash +
            " status=Succeeded read=4 written=2 not_newer=2 failed=0 duration=0.000s watermark=2015-03-01T00:00:00.0000000Z advanced=2/2",
            line);
    }

    [Fact]
    public async Task A_failed_run_names_its_error_quoted_on_the_same_line()
    {
        var line = SummaryLine.Format(await RunAsync(new EngineFixture(),
            _ => throw new ConnectionFailureException(ConnectionFailureKind.Unreachable, StoreSide.Cassandra, "Cassandra is not reachable at \"db1:9042\":\nrefused", null),
            name: "nightly sync"));

        Assert.DoesNotContain('\n', line);
        Assert.Contains("configuration=\"nightly sync\" status=Failed", line);
        Assert.Contains("error=\"Cassandra is not reachable at \\\"db1:9042\\\": refused\"", line);
        Assert.DoesNotContain("read=", line);
        Assert.Contains("failed_runs_in_a_row=1", line);
    }

    [Fact]
    public async Task An_incomplete_run_says_why()
    {
        var data = new EngineFixture().AddTable("users");
        data.Cassandra.Put(Entry("users", Guid.NewGuid(), T0));
        data.Elasticsearch.FailWhen = _ => "mapping conflict";

        var line = SummaryLine.Format(await RunAsync(data));

        Assert.Matches("status=Incomplete read=1 written=0 not_newer=0 failed=1 ", line);
        Assert.Contains("advanced=1/2", line); // Elasticsearch -> Cassandra had nothing to fail
        Assert.Contains("problem=\"1 entry could not be synced", line);
        Assert.Matches(new Regex("^[0-9TZ:-]+ Synced.Summary( [a-z_]+=(\"([^\"\\\\]|\\\\.)*\"|[^ \"]+))+$"), line);
    }
}
