using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Synced.Core.Connections;
using Synced.Core.Elasticsearch;
using Synced.Emulators.Elasticsearch;
using Xunit;

namespace Synced.Core.Tests.Elasticsearch;

/// <summary>
/// OpenSearch 2.x speaks the 7.10 API with its own version number and no product header. Synced refuses it with a
/// clear message: its point in time, field types and product differ from Elasticsearch's, and the Elasticsearch
/// client Synced uses refuses it too.
/// </summary>
public class OpenSearchTests
{
    [Fact]
    public async Task Connecting_to_opensearch_is_refused_naming_the_product_and_version()
    {
        var cluster = await EmulatedCluster.StartAsync("2.11.0", configure: o => o.Distribution = "opensearch");
        await using var _ = cluster;

        var error = await Assert.ThrowsAsync<ConnectionFailureException>(() => ElasticsearchConnection.ConnectAsync(cluster.ConnectionOptions(), CancellationToken.None));

        Assert.True(error.Failure.Kind == ConnectionFailureKind.WrongServer, error.Message);
        Assert.True(error.Message.Contains("OpenSearch 2.11.0"), error.Message);
        Assert.Contains("OpenSearch 2.11.0", error.Message);
        Assert.Contains("Elasticsearch 7.x and 8.x", error.Message);
    }

    [Fact]
    public async Task The_emulator_poses_as_opensearch_with_its_root_document_and_7_10_api()
    {
        await using var node = await ElasticsearchEmulator.StartAsync(new ElasticsearchEmulatorOptions { Port = 0, Version = "2.11.0", Distribution = "opensearch" });
        using var http = new HttpClient { BaseAddress = node.Uri };

        using var root = await http.GetAsync("/");
        using var rootDocument = JsonDocument.Parse(await root.Content.ReadAsStringAsync());
        using var put = await http.PutAsync("/os/_doc/1?refresh=true", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
        using var get = await http.GetAsync("/os/_doc/1");
        using var document = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        using var compatible = new HttpRequestMessage(HttpMethod.Get, "/");
        compatible.Headers.TryAddWithoutValidation("Accept", "application/vnd.elasticsearch+json; compatible-with=7");
        using var refused = await http.SendAsync(compatible);
        using var pit = await http.PostAsync("/os/_pit?keep_alive=1m", null);

        var version = rootDocument.RootElement.GetProperty("version");
        Assert.Equal("opensearch", version.GetProperty("distribution").GetString());
        Assert.Equal("2.11.0", version.GetProperty("number").GetString());
        Assert.StartsWith("The OpenSearch Project", rootDocument.RootElement.GetProperty("tagline").GetString());
        Assert.False(root.Headers.Contains("X-Elastic-Product"));
        Assert.True(put.IsSuccessStatusCode);
        Assert.False(document.RootElement.TryGetProperty("_type", out _));
        Assert.Equal(406, (int)refused.StatusCode);
        Assert.Equal(400, (int)pit.StatusCode);
    }
}
