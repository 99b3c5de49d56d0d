using System.Collections.Generic;
using Synced.Cql.Errors;
using Synced.Cql.Protocol;
using Xunit;

namespace Synced.Cql.Tests.Errors;

public class ServerErrorRoundTripTests
{
    public static IEnumerable<object[]> Errors() => new[]
    {
        new object[] { new ServerErrorException("boom") },
        new object[] { new ProtocolErrorException("Invalid or unsupported protocol version (5)") },
        new object[] { new BadCredentialsException("Provided username u and/or password are incorrect") },
        new object[] { new UnavailableException("Cannot achieve consistency level QUORUM", Consistency.Quorum, 2, 1) },
        new object[] { new OverloadedException("busy") },
        new object[] { new IsBootstrappingException("booting") },
        new object[] { new TruncateException("no") },
        new object[] { new WriteTimeoutException("timed out", Consistency.LocalQuorum, 1, 2, "BATCH") },
        new object[] { new ReadTimeoutException("timed out", Consistency.One, 0, 1, true) },
        new object[] { new ReadFailureException("failed", Consistency.All, 1, 3, 2, false) },
        new object[] { new FunctionFailureException("udf threw", "ks", "f", new[] { "int", "text" }) },
        new object[] { new WriteFailureException("failed", Consistency.Two, 1, 2, 1, "SIMPLE") },
        new object[] { new SyntaxErrorException("line 1:0 no viable alternative") },
        new object[] { new UnauthorizedException("no SELECT permission") },
        new object[] { new InvalidQueryException("unconfigured table t") },
        new object[] { new ConfigErrorException("bad config") },
        new object[] { new AlreadyExistsException("Table ks.t already exists", "ks", "t") },
        new object[] { new UnpreparedException("unknown id", new byte[] { 1, 2, 3 }) },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Error_body_written_reads_back_as_the_same_exception_with_its_payload(CqlServerException error)
    {
        using var writer = new FrameWriter();
        error.WriteBody(writer);
        var reader = new FrameReader(writer.ToArray());

        var read = CqlServerException.Read(ref reader);

        Assert.Equal(error.GetType(), read.GetType());
        Assert.Equal(error.Code, read.Code);
        Assert.Equal(error.ServerMessage, read.ServerMessage);
        Assert.Equal(0, reader.Remaining);
        foreach (var property in error.GetType().GetProperties())
        {
            if (property.DeclaringType == error.GetType())
            {
                Assert.Equal(property.GetValue(error), property.GetValue(read));
            }
        }
    }

    [Fact]
    public void Unknown_error_code_keeps_code_and_message()
    {
        using var writer = new FrameWriter();
        writer.WriteInt(0x7777);
        writer.WriteString("future error");
        var reader = new FrameReader(writer.ToArray());

        var error = Assert.IsType<UnknownServerErrorException>(CqlServerException.Read(ref reader));

        Assert.Equal((ErrorCode)0x7777, error.Code);
        Assert.Equal("future error", error.Message);
    }
}
