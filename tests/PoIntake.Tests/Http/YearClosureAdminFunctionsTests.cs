using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PoIntake.Core.Storage;
using PoIntake.Functions.Http;
using PoIntake.Tests.Access;
using PoIntake.Tests.Storage;
using static PoIntake.Tests.Http.HttpFunctionTestKit;

namespace PoIntake.Tests.Http;

/// <summary>Closing and reopening a year over HTTP (functions/Http/YearClosureAdminFunctions.cs), its own YearClosures table on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class YearClosureAdminFunctionsTests(AzuriteFixture azurite)
{
    private const string Actor = "administration " + TestRoleKeys.AdministrationHolder;

    [Fact]
    public async Task Close_ThenReopen_RecordsWhoWhenAndWhy_AndRefusesWithoutKeyReasonOrChange()
    {
        var (function, closures, time) = await CreateAsync();

        AssertProblem(await Call(function.CloseAsync, Request("POST", "?reason=Publicerad", nationalKey: TestRoleKeys.NationalKey), "2025"), StatusCodes.Status403Forbidden);
        AssertProblem(await Call(function.CloseAsync, Admin("POST"), "2025"), StatusCodes.Status400BadRequest);
        AssertProblem(await Call(function.ReopenAsync, Admin("POST", "?reason=Fel"), "2025"), StatusCodes.Status409Conflict);
        Assert.Empty(await closures.HistoryAsync(2025, CancellationToken.None));

        var closed = AssertJson(await Call(function.CloseAsync, Admin("POST", "?reason=L%C3%A4gesrapporten%20publicerad"), "2025"), StatusCodes.Status200OK);

        Assert.True(closed.GetProperty("closed").GetBoolean());
        Assert.Equal((Actor, "Lägesrapporten publicerad"), (closed.GetProperty("closedBy").GetString(), closed.GetProperty("reason").GetString()));
        Assert.True((await closures.StateAsync(2025, CancellationToken.None)).Closed);
        Assert.False((await closures.StateAsync(2026, CancellationToken.None)).Closed);
        AssertProblem(await Call(function.CloseAsync, Admin("POST", "?reason=Igen"), "2025"), StatusCodes.Status409Conflict);

        time.Advance(TimeSpan.FromDays(2));
        var reopened = AssertJson(await Call(function.ReopenAsync, Admin("POST", "?reason=R%C3%A4ttelse"), "2025"), StatusCodes.Status200OK);

        Assert.False(reopened.GetProperty("closed").GetBoolean());
        var history = AssertJson(await Call(function.GetAsync, Admin("GET"), "2025"), StatusCodes.Status200OK).GetProperty("history");
        Assert.Equal(
            [("Close", Actor, "Lägesrapporten publicerad"), ("Reopen", Actor, "Rättelse")],
            history.EnumerateArray().Select(h => (h.GetProperty("action").GetString(), h.GetProperty("by").GetString(), h.GetProperty("reason").GetString())));
    }

    private async Task<(YearClosureAdminFunctions Function, YearClosureStore Closures, FakeTimeProvider Time)> CreateAsync()
    {
        await azurite.StartAsync();
        var tables = new StorageTables(new TableServiceClient(azurite.ConnectionString), "Close" + Guid.NewGuid().ToString("N")[..12]);
        await tables.Get(TableNames.YearClosures).CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var closures = new YearClosureStore(tables, time, Options.Create(new YearClosingOptions()));
        return (new YearClosureAdminFunctions(closures, NullLogger<YearClosureAdminFunctions>.Instance), closures, time);
    }

    private static HttpRequest Admin(string method, string query = "") => Request(method, query, administrationKey: TestRoleKeys.AdministrationKey);
}
