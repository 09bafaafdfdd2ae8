using PoIntake.Core.Intake;
using PoIntake.Core.Reference;

namespace PoIntake.Tests.Storage;

/// <summary>Builds complete, valid annual reports whose figures depend on a seed, so two versions differ.</summary>
internal static class TestReports
{
    public static AnnualReport Create(int year, string countyCode, string name = "PO Testverksamhet", int seed = 1, int municipalities = 2)
    {
        var codes = MunicipalityRegistry.Default.InCounty(countyCode).Take(municipalities).Select(m => m.Code).ToArray();
        var operation = new OperationInfo(
            year, countyCode, name, codes, OperatingForm.Municipal, null, null,
            "Kontakt Person", "kontakt@example.se", null, Active: true);

        var clients = new Dictionary<(Gender, AgeGroup), int>();
        var n = 0;
        foreach (var gender in Enum.GetValues<Gender>())
        {
            foreach (var age in Enum.GetValues<AgeGroup>())
            {
                clients[(gender, age)] = (10 * seed) + n++;
            }
        }

        var reasons = new Dictionary<(ContactReason, Gender), int>();
        foreach (var reason in Enum.GetValues<ContactReason>())
        {
            foreach (var gender in Enum.GetValues<Gender>())
            {
                reasons[(reason, gender)] = seed;
            }
        }

        return new AnnualReport(
            operation,
            new OmbudFigures(new GenderCounts(2 + seed, 1, 0), new GenderCounts(1, 1, 0), 2.5m + seed),
            new ClientFigures(clients, New: 5 * seed, Ended: 3, new GenderCounts(seed, 1, 0)),
            reasons,
            new WaitingFigures(true, 14 + seed, true, new Dictionary<PriorityGroup, int> { [PriorityGroup.YoungAdults] = 1, [PriorityGroup.NoNetwork] = 2 }),
            new ManagementGroup(Enum.GetValues<ManagementMember>().ToDictionary(m => m, m => m != ManagementMember.Psychiatry), 4, true),
            [
                new SystemDeficiency(DeficiencyLevel.Local, DeficiencyArea.SocialServices, "Långa handläggningstider", "Klienten väntar", null),
                new SystemDeficiency(DeficiencyLevel.Central, DeficiencyArea.SocialInsuranceAgency, "Otydliga beslut", null, "Dialog med myndigheten"),
            ],
            new Economy(1_250_000.50m + seed, 1_100_000m))
        {
            FollowUp = WorkbookLabels.ContractYears.Asks(WorkbookLabels.ContractYears.FollowUp, year) ? FollowUp(seed) : null,
        };
    }

    /// <summary>Sheet Uppföljning within the figures of <see cref="Create"/> (3 + seed ombud, 2 supervised, 5 × seed new clients).</summary>
    public static FollowUpAnswers FollowUp(int seed) => new(
        $"Fler unga vuxna söker stöd ({seed}).",
        new Dictionary<NewClientSource, int>
        {
            [NewClientSource.OtherAuthority] = seed, [NewClientSource.Relatives] = seed, [NewClientSource.Self] = seed, [NewClientSource.Other] = 2 * seed,
        },
        new Dictionary<SupervisionForm, int> { [SupervisionForm.External] = 1, [SupervisionForm.Collegial] = 1, [SupervisionForm.None] = 1 + seed },
        2,
        1,
        1,
        "Brukarråd varje kvartal.",
        seed % 2 == 1,
        ManagementGroupForm.Own,
        true,
        null);

    public static AnnualReport NilReturn(int year, string countyCode, string name = "PO Vilande")
    {
        var codes = MunicipalityRegistry.Default.InCounty(countyCode).Take(1).Select(m => m.Code).ToArray();
        return new AnnualReport(
            new OperationInfo(year, countyCode, name, codes, OperatingForm.Municipal, null, null, "Kontakt Person", "kontakt@example.se", null, Active: false),
            null, null, null, null, null, null, null);
    }
}
