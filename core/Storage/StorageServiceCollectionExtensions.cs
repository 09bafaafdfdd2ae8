using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients (connection <see cref="ConnectionNames.Storage"/>), the unprefixed
    /// <see cref="StorageTables"/>, the stores of docs/storage.md, <see cref="StorageInitializer"/> and the blob intake
    /// (<see cref="IReportIntake"/>, <see cref="IPreviousReportSource"/>,
    /// <see cref="ICurrentCoverageSource"/>). Needs what <c>AddPoIntakeCore()</c> registers
    /// (the parser and checker, <see cref="TimeProvider"/>, the municipality registry).
    /// </summary>
    public static IServiceCollection AddPoIntakeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetSection(ConnectionNames.Storage);
        services.AddOptions<StorageConnectionOptions>()
            .Configure(options => options.IsConfigured = StorageClients.IsConfigured(connection))
            .Validate(options => options.IsConfigured, StorageConnectionOptions.MissingMessage)
            .ValidateOnStart();
        services.AddAzureClientsCore();
        services.TryAddSingleton(sp => StorageClients.CreateBlobServiceClient(connection, sp.GetRequiredService<AzureComponentFactory>()));
        services.TryAddSingleton(sp => StorageClients.CreateTableServiceClient(connection, sp.GetRequiredService<AzureComponentFactory>()));

        services.TryAddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton<StorageInitializer>();
        services.TryAddSingleton<IntakeLogStore>();
        services.TryAddSingleton<IIntakeLogReader>(sp => sp.GetRequiredService<IntakeLogStore>());
        services.TryAddSingleton<ReportVersionStore>();
        services.TryAddSingleton<CurrentReportStore>();
        services.TryAddSingleton<IPreviousReportSource>(sp => sp.GetRequiredService<CurrentReportStore>());
        services.TryAddSingleton<ICurrentCoverageSource>(sp => sp.GetRequiredService<CurrentReportStore>());
        services.TryAddSingleton<YearRevisionStore>();
        services.TryAddSingleton<IntakeResultStore>();
        services.AddOptions<YearLockOptions>()
            .Bind(configuration.GetSection(YearLockOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<YearLockStore>();
        services.AddOptions<YearClosingOptions>()
            .Bind(configuration.GetSection(YearClosingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<YearClosureStore>();
        services.TryAddSingleton<CountyBoardReportStore>();
        services.TryAddSingleton<NationalFiguresStore>();
        services.TryAddSingleton<IYearIntakeGate>(sp => sp.GetRequiredService<YearLockStore>());
        return services;
    }
}

/// <summary>
/// Builds the clients from the named connection the way the Functions host reads its own connections: a connection
/// string as the section's value, or identity-based settings (blobServiceUri, tableServiceUri, accountName, credential, clientId).
/// </summary>
internal static class StorageClients
{
    public static BlobServiceClient CreateBlobServiceClient(IConfigurationSection connection, AzureComponentFactory factory)
    {
        if (!string.IsNullOrWhiteSpace(connection.Value))
        {
            return new BlobServiceClient(connection.Value);
        }

        return new BlobServiceClient(ServiceUri(connection, "blob"), Credential(connection, factory));
    }

    public static TableServiceClient CreateTableServiceClient(IConfigurationSection connection, AzureComponentFactory factory)
    {
        if (!string.IsNullOrWhiteSpace(connection.Value))
        {
            return new TableServiceClient(connection.Value);
        }

        return new TableServiceClient(ServiceUri(connection, "table"), Credential(connection, factory));
    }

    /// <summary>A connection string, or for identity-based connections both service URIs (or the account name).</summary>
    internal static bool IsConfigured(IConfigurationSection connection) =>
        !string.IsNullOrWhiteSpace(connection.Value)
        || !string.IsNullOrWhiteSpace(connection["accountName"])
        || (!string.IsNullOrWhiteSpace(connection["blobServiceUri"]) && !string.IsNullOrWhiteSpace(connection["tableServiceUri"]));

    internal static Uri ServiceUri(IConfigurationSection connection, string service)
    {
        if (connection[service + "ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri, UriKind.Absolute);
        }

        if (connection["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net", UriKind.Absolute);
        }

        throw new InvalidOperationException(
            $"Storage connection '{connection.Path}' is not configured: set a connection string, or {connection.Path}__{service}ServiceUri (or __accountName) with __credential.");
    }

    private static TokenCredential Credential(IConfigurationSection connection, AzureComponentFactory factory) =>
        factory.CreateTokenCredential(connection);
}

/// <summary>Checked at start-up so a host without its storage connection stops at once, naming the setting.</summary>
internal sealed class StorageConnectionOptions
{
    public const string MissingMessage =
        "Setting '" + ConnectionNames.Storage + "' is missing: set " + ConnectionNames.Storage + " to a connection string "
        + "(locally UseDevelopmentStorage=true), or " + ConnectionNames.Storage + "__blobServiceUri, "
        + ConnectionNames.Storage + "__queueServiceUri and " + ConnectionNames.Storage + "__tableServiceUri with "
        + ConnectionNames.Storage + "__credential=managedidentity and " + ConnectionNames.Storage + "__clientId.";

    public bool IsConfigured { get; set; }
}
