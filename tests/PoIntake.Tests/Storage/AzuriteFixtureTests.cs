using Azure.Data.Tables;

namespace PoIntake.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StopThenStart_KeepsPortsAndData()
    {
        var table = new TableClient(azurite.ConnectionString, "FixtureCheck" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var port = azurite.TablePort;

        await azurite.StopAsync();
        Assert.False(azurite.IsRunning);
        await azurite.StartAsync();

        Assert.Equal(port, azurite.TablePort);
        var entity = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal(42, entity.Value.GetInt32("Value"));
    }
}
