namespace Synced.Core.Elasticsearch;

/// <summary>The answer to one REST request: its status and raw body.</summary>
internal readonly struct ApiAnswer
{
    public ApiAnswer(int status, byte[] body)
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }

    public byte[] Body { get; }

    public bool IsSuccess => Status >= 200 && Status < 300;
}
