# Descriptions of the connection parameters every cluster-facing cmdlet shares; merged into each cmdlet's help.
@{
    CassandraHost           = 'Cassandra contact points, as host or host:port (IPv6 as [address]:port). Other nodes are discovered from system.peers. Default: localhost.'
    CassandraPort           = 'The CQL native protocol port of contact points given without one. Default: 9042.'
    CassandraCredential     = "Credentials for Cassandra's PasswordAuthenticator. Never written to checkpoints, logs or error messages."
    CassandraTls            = 'Connects to Cassandra over TLS, validating the nodes'' certificates and host names against the system trust store (or -CassandraCertificateAuthorityPath).'
    CassandraCertificateAuthorityPath = 'A CA certificate file (PEM or DER) that signed the Cassandra nodes'' certificates; implies -CassandraTls.'
    CassandraClientCertificate = 'A client certificate (with its private key) for Cassandra nodes that require one; implies -CassandraTls.'
    ElasticsearchCertificateAuthorityPath = 'A CA certificate file (PEM or DER) that signed the Elasticsearch nodes'' certificates, for https:// URIs.'
    ElasticsearchCertificateFingerprint = 'The SHA-256 fingerprint (hex) of the Elasticsearch node certificate to trust, as Elasticsearch 8 prints it at first start.'
    CassandraDataCenter     = 'The local data center: requests go to its nodes first. Default: the data center of the first contact point that answers.'
    Consistency             = 'Consistency level of Cassandra reads and writes. Default: LocalQuorum. A level that cannot serve both is refused before anything runs (error id InvalidConsistency): Any cannot read, Serial and LocalSerial cannot write; use -ReadConsistency / -WriteConsistency to set them apart.'
    ReadConsistency         = 'Consistency level of Cassandra reads (table scans, and the newest-version read before each write), instead of -Consistency. Any is refused.'
    WriteConsistency        = 'Consistency level of Cassandra writes, instead of -Consistency. Serial and LocalSerial are refused.'
    ElasticsearchUri        = 'Elasticsearch node URIs (http:// or https://). Default: http://localhost:9200.'
    ElasticsearchCredential = 'Basic-authentication credentials for Elasticsearch.'
    ElasticsearchApiKey     = 'An Elasticsearch API key (the base64 encoding of id:key), instead of -ElasticsearchCredential.'
    IndexLayout             = 'How tables map to indices: PerTable (default: table T lives in index <index>-<t>, and the alias <index> spans them) or SingleIndex (every table in index <index>, told apart by a keyword field "table").'
    DiscriminatorField      = 'With -IndexLayout SingleIndex: the keyword field that holds each document''s table name. Default: table.'
    ConnectTimeout          = 'Time to open a connection to a node of either cluster: TCP, TLS and the handshake (Cassandra) or the first GET / (Elasticsearch). A [timespan] or a number of seconds. Default: 10 seconds. A node that does not answer in time fails with an error that names the cluster, the operation and the limit.'
    RequestTimeout          = 'Time one request to either cluster waits for its answer: a bulk, a scan page, a read. A [timespan] or a number of seconds. Default: 60 seconds, room for large bulks and slow scans on a busy cluster. A request that times out fails with an error that names the cluster, the operation and the limit; Cassandra reads are tried up to 4 times, each with this limit.'
    StatePath               = 'The state directory for checkpoints and locks. Default: $env:SYNCED_STATE_PATH, else %LOCALAPPDATA%\Synced on Windows and $XDG_STATE_HOME/synced or ~/.local/state/synced elsewhere.'
}
