using Azure.Storage.Blobs;
using PoIntake.Core.Contacts;
using PoIntake.Core.Reminders;
using PoIntake.Core.Storage;
using PoIntake.DevHost.Samples;
using PoIntake.Tests.Storage;
using PoIntake.Tests.Totals;

namespace PoIntake.Tests.Grants;

/// <summary>devhost's sample contacts registers, loaded like a county board's: the reminder preview shows real mails.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SampleContactsOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Preview_FourteenDaysBeforeTheGrantApplicationDeadline_RemindsTheSampleMunicipalities()
    {
        var scenario = await StorageScenario.ForAsync(azurite);
        var container = scenario.Get<BlobServiceClient>().GetBlobContainerClient(ContainerNames.Contacts);
        var import = scenario.Get<ContactImportService>();
        foreach (var register in ContactSamples.All())
        {
            await container.GetBlobClient(register.BlobName).UploadAsync(BinaryData.FromBytes(register.Write()), overwrite: true);
            var result = await import.IngestAsync(register.BlobName, CancellationToken.None);
            Assert.Equal((true, register.Rows.Count), (result!.Replaced, result.Loaded));
        }

        // 1 March 2022 is a Tuesday: the 14-day reminder goes out on Tuesday 15 February (README, "The grant cycle").
        var preview = await scenario.Get<ReminderPass>().PreviewAsync(new DateOnly(2022, 2, 15), CancellationToken.None);

        var municipalityMails = preview.Where(p => p.Audience == ReminderAudience.MunicipalityContact).Select(p => p.Recipient).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sampleMunicipalities = ContactSamples.All().SelectMany(r => r.Rows).Where(r => r.Role == "Kommun").Select(r => r.Email).ToArray();
        Assert.NotEmpty(sampleMunicipalities);
        Assert.Subset(municipalityMails, sampleMunicipalities.ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.All(preview.Where(p => p.Audience == ReminderAudience.MunicipalityContact), p => Assert.Equal(new DateOnly(2022, 3, 1), p.DeadlineDate));
    }
}
