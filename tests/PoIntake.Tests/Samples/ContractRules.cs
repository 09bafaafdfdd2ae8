using System.Net.Mail;
using PoIntake.Core.Intake;

namespace PoIntake.Tests.Samples;

/// <summary>The rules of docs/workbook-contract.md that a report record can break, written out from the contract for the sample tests.</summary>
internal static class ContractRules
{
    public static List<string> CheckOperation(OperationInfo operation)
    {
        var violations = new List<string>();
        Require(operation.Year is >= 2013 and <= 2026, "year out of range", violations);
        Require(!string.IsNullOrWhiteSpace(operation.Name), "no name", violations);
        Require(operation.MunicipalityCodes.Count > 0, "no municipalities", violations);
        Require(!string.IsNullOrWhiteSpace(operation.ContactPerson), "no contact person", violations);
        Require(MailAddress.TryCreate(operation.ContactEmail, out _), "bad e-mail", violations);
        if (operation.OperatingForm == OperatingForm.OtherProvider)
        {
            Require(!string.IsNullOrWhiteSpace(operation.ProviderName), "other provider without name", violations);
            Require(operation.OrganisationForm is not null, "other provider without organisation form", violations);
        }

        return violations;
    }

    public static List<string> Check(AnnualReport report)
    {
        var v = CheckOperation(report.Operation);
        if (report.IsNilReturn)
        {
            return v;
        }

        var (ombud, clients, reasons, waiting, management, deficiencies, economy) =
            (report.Ombud!, report.Clients!, report.ContactReasons!, report.Waiting!, report.ManagementGroup!, report.SystemDeficiencies!, report.Economy!);
        foreach (var gender in Enum.GetValues<Gender>())
        {
            Require(ombud.WithSupervision[gender] <= ombud.Ombud[gender], $"supervision > ombud ({gender})", v);
            Require(clients.WithChildrenAtHome[gender] <= clients.ForGender(gender), $"children > clients ({gender})", v);
            foreach (var reason in Enum.GetValues<ContactReason>())
            {
                Require(reasons[(reason, gender)] <= clients.ForGender(gender), $"{reason} > clients ({gender})", v);
                Require(reasons[(reason, gender)] >= 0, $"{reason} negative", v);
            }
        }

        Require(ombud.FullTimeEquivalents <= ombud.Ombud.Total, "årsarbetare > ombud", v);
        Require(ombud.Ombud.Total == 0 || ombud.FullTimeEquivalents > 0, "no årsarbetare with ombud", v);
        Require(clients.ByGenderAndAge.Values.All(c => c >= 0), "negative clients", v);
        Require(clients.New <= clients.Total && clients.Ended <= clients.Total, "new/ended > clients", v);
        Require(waiting.HasWaitingTime || waiting.EstimatedWaitingDays == 0, "waiting days with Nej", v);
        Require(waiting.HasPriorityOrder || waiting.Priorities.Count == 0, "priorities without priority order", v);
        Require(waiting.Priorities.Values.All(p => p is >= 1 and <= 3), "priority outside 1–3", v);
        Require(management.Meetings >= 0, "negative meetings", v);
        Require(deficiencies.All(d => !string.IsNullOrWhiteSpace(d.Description)), "deficiency without text", v);
        Require(
            deficiencies.All(d => new[] { d.Description, d.Consequence, d.Action }.All(t => (t?.Length ?? 0) <= WorkbookLabels.Deficiencies.MaxTextLength)),
            "deficiency text too long",
            v);
        Require(economy.GrantedSek >= 0 && economy.SpentSek >= 0 && economy.SpentSek <= economy.GrantedSek, "economy", v);

        // Accepted without warnings but WAITING_ZERO_DAYS, which the samples carry where the published Tabell 4 has Ja with 0 days.
        Require(clients.Total <= 60 * ombud.FullTimeEquivalents, "more than 60 clients per årsarbetare", v);
        Require(waiting.EstimatedWaitingDays <= 365, "waiting over 365 days", v);
        return v;
    }

    private static void Require(bool condition, string violation, List<string> violations)
    {
        if (!condition)
        {
            violations.Add(violation);
        }
    }
}
