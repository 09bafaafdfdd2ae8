using PoIntake.Core.Intake;

namespace PoIntake.Core.Contacts;

/// <summary>
/// Who a contacts register may name . Socialstyrelsen's recipients get the national status report (every
/// county's completeness), so only Socialstyrelsen's own register, <c>contacts/socialstyrelsen.xlsx</c>, may add them,
/// and it names nobody else; a county's register, <c>contacts/{countyCode}.xlsx</c>, names its own county board and its
/// own municipalities (the parser already refuses another county's municipality, <c>CONTACTS_MUNICIPALITY_OTHER_COUNTY</c>).
/// A refused row is left out with an Error finding on its Roll cell; the register's other rows still load.
/// </summary>
public static class ContactRegisterRules
{
    /// <summary>The register code (blob <c>contacts/socialstyrelsen.xlsx</c>, Contacts partition) of Socialstyrelsen's own register.</summary>
    public const string NationalRegister = "socialstyrelsen";

    /// <summary>
    /// True when <paramref name="contact"/> (read from row <paramref name="row"/> of register <paramref name="registerCode"/>)
    /// may be in that register; otherwise adds the Swedish finding and returns false.
    /// </summary>
    public static bool Admits(Contact contact, int row, string registerCode, ICollection<Finding> findings)
    {
        var national = registerCode == NationalRegister;
        if (!national && contact.Role == ContactRole.NationalBoard)
        {
            findings.Add(ContactsFindings.RoleNationalOnly(row));
            return false;
        }

        if (national && contact.Role != ContactRole.NationalBoard)
        {
            findings.Add(ContactsFindings.RoleCountyOnly(row, contact.Role));
            return false;
        }

        return true;
    }
}
