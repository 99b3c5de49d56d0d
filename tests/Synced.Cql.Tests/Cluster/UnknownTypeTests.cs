using System;
using System.Threading.Tasks;
using Synced.Cql.Tests.Client;
using Synced.Cql.Types;
using Xunit;

namespace Synced.Cql.Tests.Cluster;

/// <summary>A column of a type the client does not know never stops the schema from loading.</summary>
public sealed class UnknownTypeTests
{
    [Fact]
    public async Task A_future_type_and_an_unknown_user_type_leave_the_schema_loaded_with_the_reason_on_their_columns()
    {
        await using var server = new FakeCqlServer();
        server.Tables.Add(new FakeTable("ks", "good", ("id", "uuid", "partition_key", 0), ("name", "text", "regular", -1)));
        server.Tables.Add(new FakeTable("ks", "future", ("id", "uuid", "partition_key", 0), ("shape", "geometry<point, 4326>", "regular", -1)));
        server.Tables.Add(new FakeTable("ks", "missing_udt", ("id", "uuid", "partition_key", 0), ("home", "frozen<address>", "regular", -1)));
        server.Tables.Add(new FakeTable("ks", "custom", ("id", "uuid", "partition_key", 0), ("blob", "'org.example.cassandra.PointType'", "regular", -1)));
        var options = new CqlClusterOptions { HeartbeatInterval = TimeSpan.Zero };
        options.ContactPoints.Add(server.ContactPoint);
        await using var session = await CqlSession.ConnectAsync(options);

        var metadata = await session.GetMetadataAsync();

        var ks = metadata.GetKeyspace("ks")!;
        Assert.Equal(4, ks.Tables.Count);
        Assert.Null(ks.Tables["good"].GetColumn("name")!.TypeProblem);
        var shape = ks.Tables["future"].GetColumn("shape")!;
        Assert.Contains("unknown type 'geometry'", shape.TypeProblem);
        Assert.Equal(CqlTypeCode.Custom, shape.Type.Code);
        Assert.Equal("geometry<point, 4326>", shape.Type.CustomClass);
        Assert.Contains("address", ks.Tables["missing_udt"].GetColumn("home")!.TypeProblem);
        var custom = ks.Tables["custom"].GetColumn("blob")!;
        Assert.Null(custom.TypeProblem);
        Assert.Equal("org.example.cassandra.PointType", custom.Type.CustomClass);
    }
}
