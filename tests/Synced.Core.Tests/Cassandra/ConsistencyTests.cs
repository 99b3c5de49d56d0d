using System;
using Synced.Core.Cassandra;
using Synced.Core.Connections;
using Synced.Cql.Protocol;
using Xunit;

namespace Synced.Core.Tests.Cassandra;

public sealed class ConsistencyTests
{
    [Theory]
    [InlineData(Consistency.Any, "Consistency", "reads")]
    [InlineData(Consistency.Serial, "Consistency", "writes")]
    [InlineData(Consistency.LocalSerial, "Consistency", "writes")]
    public void A_shared_level_that_cannot_serve_both_reads_and_writes_is_refused_up_front(Consistency level, string parameter, string use)
    {
        var settings = new ConnectionSettings { Consistency = level };

        var error = Assert.Throws<InvalidSettingException>(settings.Validate);

        Assert.Equal(parameter, error.Setting);
        Assert.Contains($"Consistency {level} cannot serve Cassandra {use}", error.Message);
        Assert.Equal(use == "reads" ? "ReadConsistency" : "WriteConsistency", error.Alternative);
        Assert.Contains(use == "reads" ? "a read consistency of its own" : "a write consistency of its own", error.Message);
    }

    [Fact]
    public void Separate_levels_make_a_write_only_or_read_only_shared_level_usable()
    {
        new ConnectionSettings { Consistency = Consistency.Any, ReadConsistency = Consistency.One }.Validate();
        new ConnectionSettings { Consistency = Consistency.Serial, WriteConsistency = Consistency.LocalQuorum }.Validate();
        new ConnectionSettings { ReadConsistency = Consistency.LocalSerial, WriteConsistency = Consistency.Any }.Validate();
    }

    [Theory]
    [InlineData(Consistency.Any, null, "ReadConsistency")]
    [InlineData(null, Consistency.Serial, "WriteConsistency")]
    public void A_separate_level_is_refused_for_the_use_it_cannot_serve(Consistency? read, Consistency? write, string parameter)
    {
        var settings = new ConnectionSettings { ReadConsistency = read, WriteConsistency = write };

        var error = Assert.Throws<InvalidSettingException>(settings.Validate);

        Assert.Equal(parameter, error.Setting);
        Assert.Null(error.Alternative);
        Assert.StartsWith(parameter == "ReadConsistency" ? "Read consistency " : "Write consistency ", error.Message);
    }

    [Fact]
    public void The_store_options_take_the_separate_levels_and_check_them()
    {
        var options = new CassandraStoreOptions { Consistency = Consistency.Quorum, WriteConsistency = Consistency.All };
        Assert.Equal(Consistency.Quorum, options.EffectiveReadConsistency);
        Assert.Equal(Consistency.All, options.EffectiveWriteConsistency);

        var reads = Assert.Throws<ArgumentException>(() => new CassandraStoreOptions { ReadConsistency = Consistency.Any }.Validate());
        Assert.Contains("ANY", reads.Message);
        var writes = Assert.Throws<ArgumentException>(() => new CassandraStoreOptions { Consistency = Consistency.LocalSerial }.Validate());
        Assert.Contains("LOCAL_SERIAL", writes.Message);
    }

    [Fact]
    public void The_connector_passes_the_separate_levels_to_the_store()
    {
        var settings = new ConnectionSettings { Consistency = Consistency.Two, ReadConsistency = Consistency.LocalOne, WriteConsistency = Consistency.EachQuorum };

        var options = settings.ToCassandraOptions();

        Assert.Equal(Consistency.LocalOne, options.EffectiveReadConsistency);
        Assert.Equal(Consistency.EachQuorum, options.EffectiveWriteConsistency);
    }
}
