using Azure.Storage.Blobs;
using PoIntake.Core.Pipeline;
using PoIntake.Core.Contacts;
using PoIntake.Core.Grants;
using PoIntake.Core.Intake;
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
    public async Task Preview_1MarchReminders_OnlyTheMunicipalitiesGrantedLastYear_TheOptedInOneInformedOnce()
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

        foreach (var sample in GrantSamples.Registers(2021))
        {
            var record = await scenario.Get<GrantIntakeService>().UploadAsync(2021, sample.CountyCode, sample.Write(), CancellationToken.None);
            Assert.Equal(IntakeOutcome.Accepted, record.Outcome);
        }

        // 1 March 2022 is a Tuesday: the 14-day reminder goes out on Tuesday 15 February (README, "The grant cycle").
        var preview = await scenario.Get<ReminderPass>().PreviewAsync(new DateOnly(2022, 2, 15), CancellationToken.None);

        // Expected from the sample registers alone: a municipality contact is reminded when its municipality is in a
        // Beviljat application for 2021 (nobody has applied for 2022 yet); one without personligt ombud is not.
        var granted2021 = GrantSamples.Registers(2021).SelectMany(r => r.Applications)
            .Where(a => a.Decision == GrantDecision.Granted).SelectMany(a => a.MunicipalityCodes).ToHashSet(StringComparer.Ordinal);
        var rows = ContactSamples.All().SelectMany(r => r.Rows).Where(r => r.Role == "Kommun").ToArray();
        var expected = rows.Where(r => granted2021.Contains(r.MunicipalityCode!)).Select(r => r.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var municipalityMails = preview.Where(p => p.Audience == ReminderAudience.MunicipalityContact && p.Recipient.StartsWith("socialtjansten@", StringComparison.Ordinal))
            .Select(p => p.Recipient).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(expected.SetEquals(municipalityMails), $"expected {expected.Count}, got {municipalityMails.Count}");
        Assert.True(municipalityMails.Count <= 245, $"{municipalityMails.Count} municipalities reminded; 245 had personligt ombud in 2021");
        Assert.Contains(rows, r => !granted2021.Contains(r.MunicipalityCode!));
        Assert.DoesNotContain(preview, p => p.Audience is ReminderAudience.GrantInformation or ReminderAudience.StatusReport or ReminderAudience.CountyBoardSummary);
        Assert.All(preview.Where(p => p.Audience == ReminderAudience.MunicipalityContact), p => Assert.Equal(new DateOnly(2022, 3, 1), p.DeadlineDate));

        // 30 days before is Sunday 30 January, moved to Friday 28 January: the first reminder carries the one informational
        // mail to the opted-in municipality without personligt ombud.
        var first = await scenario.Get<ReminderPass>().PreviewAsync(new DateOnly(2022, 1, 28), CancellationToken.None);
        var optedIn = Assert.Single(rows, r => r.GrantInformation);
        Assert.DoesNotContain(optedIn.MunicipalityCode!, granted2021);
        Assert.Equal([optedIn.Email], first.Where(p => p.Audience == ReminderAudience.GrantInformation).Select(p => p.Recipient));
    }
}
