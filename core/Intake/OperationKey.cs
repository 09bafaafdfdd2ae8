using System.Text;

namespace PoIntake.Core.Intake;

/// <summary>
/// The stable key of a verksamhet within a (year, county): its name, case-folded, white space and
/// punctuation collapsed to single hyphens ("PO Skåne Nordost" → "po-skåne-nordost").
/// </summary>
public static class OperationKey
{
    public static string From(string operationName)
    {
        var builder = new StringBuilder(operationName.Length);
        var pendingHyphen = false;
        foreach (var ch in operationName.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(ch);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }
}
