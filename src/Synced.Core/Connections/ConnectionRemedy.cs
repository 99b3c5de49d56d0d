namespace Synced.Core.Connections;

/// <summary>
/// What may set a connection failure right, for a caller that names the settings its own way (the cmdlets name
/// their parameters): the failure's message says the same in words.
/// </summary>
public enum ConnectionRemedy
{
    /// <summary>Check the cluster's addresses and port, and that its nodes are up.</summary>
    CheckAddress,

    /// <summary>Check the credentials (user name and password, or the API key).</summary>
    CheckCredential,

    /// <summary>Check the certificate authority (or the pinned certificate) and the host name.</summary>
    CheckCertificate,

    /// <summary>Raise the time a connection may take to open.</summary>
    RaiseConnectTimeout,

    /// <summary>Raise the time a request may wait for its answer.</summary>
    RaiseRequestTimeout,

    /// <summary>Check the keyspace or index name.</summary>
    CheckTarget,

    /// <summary>Let the run create the target's tables from the source's.</summary>
    CreateMissing,
}
