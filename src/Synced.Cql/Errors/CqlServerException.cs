using System;
using Synced.Cql.Protocol;

namespace Synced.Cql.Errors;

/// <summary>
/// An ERROR answered by the server. Each error code has its own subclass carrying the code's payload; this type
/// reads them from an ERROR body and writes them (servers and emulators use the same classes).
/// </summary>
public abstract class CqlServerException : CqlException
{
    protected CqlServerException(ErrorCode code, string message) : base(message)
    {
        Code = code;
        ServerMessage = message;
    }

    /// <summary>The protocol error code.</summary>
    public ErrorCode Code { get; }

    /// <summary>The message as the server sent it.</summary>
    public string ServerMessage { get; }

    /// <summary>The node that answered, when known (set by the client).</summary>
    public string? Host { get; internal set; }

    /// <summary>Warnings the node attached to the ERROR frame (e.g. tombstones read before a failure).</summary>
    public System.Collections.Generic.IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();

    public override string Message => Host == null ? base.Message : $"{base.Message} (from {Host}, error 0x{(int)Code:x4} {Code})";

    /// <summary>Writes the ERROR body: [int] code, [string] message, then the code's payload.</summary>
    internal void WriteBody(FrameWriter writer)
    {
        writer.WriteInt((int)Code);
        writer.WriteString(ServerMessage.Length > 16000 ? ServerMessage.Substring(0, 16000) : ServerMessage);
        WritePayload(writer);
    }

    /// <summary>Writes what follows the message for this error code (nothing by default).</summary>
    private protected virtual void WritePayload(FrameWriter writer)
    {
    }

    /// <summary>Reads an ERROR body into the exception for its code.</summary>
    internal static CqlServerException Read(ref FrameReader reader)
    {
        var code = (ErrorCode)reader.ReadInt();
        var message = reader.ReadString();
        switch (code)
        {
            case ErrorCode.ServerError: return new ServerErrorException(message);
            case ErrorCode.ProtocolError: return new ProtocolErrorException(message);
            case ErrorCode.BadCredentials: return new BadCredentialsException(message);
            case ErrorCode.Unavailable:
            {
                var consistency = reader.ReadConsistency();
                var required = reader.ReadInt();
                return new UnavailableException(message, consistency, required, reader.ReadInt());
            }

            case ErrorCode.Overloaded: return new OverloadedException(message);
            case ErrorCode.IsBootstrapping: return new IsBootstrappingException(message);
            case ErrorCode.TruncateError: return new TruncateException(message);
            case ErrorCode.WriteTimeout:
            {
                var (consistency, received, blockFor) = ReadConsistencyPrefix(ref reader);
                return new WriteTimeoutException(message, consistency, received, blockFor, reader.ReadString());
            }

            case ErrorCode.ReadTimeout:
            {
                var (consistency, received, blockFor) = ReadConsistencyPrefix(ref reader);
                return new ReadTimeoutException(message, consistency, received, blockFor, reader.ReadByte() != 0);
            }

            case ErrorCode.ReadFailure:
            {
                var (consistency, received, blockFor) = ReadConsistencyPrefix(ref reader);
                var failures = reader.ReadInt();
                return new ReadFailureException(message, consistency, received, blockFor, failures, reader.ReadByte() != 0);
            }

            case ErrorCode.FunctionFailure:
            {
                var keyspace = reader.ReadString();
                var function = reader.ReadString();
                return new FunctionFailureException(message, keyspace, function, reader.ReadStringList());
            }

            case ErrorCode.WriteFailure:
            {
                var (consistency, received, blockFor) = ReadConsistencyPrefix(ref reader);
                var failures = reader.ReadInt();
                return new WriteFailureException(message, consistency, received, blockFor, failures, reader.ReadString());
            }

            case ErrorCode.SyntaxError: return new SyntaxErrorException(message);
            case ErrorCode.Unauthorized: return new UnauthorizedException(message);
            case ErrorCode.Invalid: return new InvalidQueryException(message);
            case ErrorCode.ConfigError: return new ConfigErrorException(message);
            case ErrorCode.AlreadyExists:
            {
                var keyspace = reader.ReadString();
                return new AlreadyExistsException(message, keyspace, reader.ReadString());
            }

            case ErrorCode.Unprepared: return new UnpreparedException(message, reader.ReadShortBytes());
            default: return new UnknownServerErrorException(code, message);
        }
    }

    /// <summary>The start of a <see cref="QueryConsistencyException"/>'s payload: consistency, received, block-for.</summary>
    private static (Consistency Consistency, int Received, int BlockFor) ReadConsistencyPrefix(ref FrameReader reader)
    {
        var consistency = reader.ReadConsistency();
        var received = reader.ReadInt();
        return (consistency, received, reader.ReadInt());
    }
}
