namespace Synced.Cql;

/// <summary>User name and password for Cassandra's PasswordAuthenticator (sent as SASL PLAIN).</summary>
public sealed class CqlCredentials
{
    public CqlCredentials(string userName, string password)
    {
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    /// <summary>Never shows the password.</summary>
    public override string ToString() => $"user {UserName}";
}
