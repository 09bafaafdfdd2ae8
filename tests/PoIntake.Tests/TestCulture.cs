using System.Globalization;
using System.Runtime.CompilerServices;

namespace PoIntake.Tests;

/// <summary>
/// Runs every test under the invariant culture, whatever the developer's machine is set to: the function app runs on
/// Linux with no locale (C.UTF-8, which .NET reads as invariant), so that is what the tests must see. Swedish formatting
/// is tested where the code asks for sv-SE explicitly.
/// </summary>
internal static class TestCulture
{
    [ModuleInitializer]
    internal static void Pin()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
