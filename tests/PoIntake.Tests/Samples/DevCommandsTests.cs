using Microsoft.Extensions.Options;
using PoIntake.Core.Access;
using PoIntake.DevHost.Commands;
using static PoIntake.Tests.Template.WorkbookReading;
using L = PoIntake.Core.Intake.WorkbookLabels;

namespace PoIntake.Tests.Samples;

public sealed class DevCommandsTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5000")]
    [InlineData("serve")]
    public void TryRun_ArgsNamingNoCommand_ReturnsNull(params string[] args)
    {
        Assert.Null(DevCommands.TryRun(args, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void TryRun_Template_WritesTheBlankTemplateForTheYear()
    {
        var path = Path.Combine(Path.GetTempPath(), $"po-template-{Guid.NewGuid():N}", "mall.xlsx");
        try
        {
            var exit = DevCommands.TryRun(["template", "2024", path], TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, exit);
            using var workbook = Open(File.ReadAllBytes(path));
            Assert.Equal(2024, ValueOf(workbook.Worksheet(L.Sheets.Operation), L.Operation.Year).GetValue<int>());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("template")]
    [InlineData("template", "tjugo", "x.xlsx")]
    [InlineData("template", "1999", "x.xlsx")]
    [InlineData("samples", "a", "b")]
    [InlineData("county-key")]
    [InlineData("county-key", "02")]
    [InlineData("county-key", "25", "26")]
    public void TryRun_BadArguments_PrintsUsageAndReturns2(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, DevCommands.TryRun(args, TextWriter.Null, error));
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryRun_CountyKey_PrintsAKeyWhoseHashTheSettingLineCarries()
    {
        var output = new StringWriter();

        Assert.Equal(0, DevCommands.TryRun(["county-key", "25"], output, TextWriter.Null));

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Norrbottens län", lines[0], StringComparison.Ordinal);
        var key = lines[1];
        var setting = lines.Single(l => l.StartsWith("Access__CountyKeyHashes__25=", StringComparison.Ordinal));
        var keys = new AccessKeys(Options.Create(new AccessOptions { CountyKeyHashes = { ["25"] = setting.Split('=')[1] } }));
        Assert.True(keys.Check(AccessScope.CountyUpload, "25", new PresentedKeys(key, null)).IsAllowed);
        Assert.Equal(43, key.Length);
    }

    [Fact]
    public void TryRun_NationalKey_PrintsAKeyWhoseHashTheHoldersSettingCarries()
    {
        var output = new StringWriter();

        Assert.Equal(0, DevCommands.TryRun(["national-key", "socialstyrelsen-2027"], output, TextWriter.Null));

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var key = lines[1];
        var setting = lines.Single(l => l.StartsWith("Access__NationalKeyHashes__socialstyrelsen-2027=", StringComparison.Ordinal));
        var keys = new AccessKeys(Options.Create(new AccessOptions { NationalKeyHashes = { ["socialstyrelsen-2027"] = setting.Split('=')[1] } }));
        Assert.True(keys.Check(AccessScope.National, null, new PresentedKeys(null, key)).IsAllowed);
        Assert.False(keys.Check(AccessScope.National, null, new PresentedKeys(null, AccessKeys.NewKey())).IsAllowed);
        var usage = new StringWriter();
        Assert.Equal(2, DevCommands.TryRun(["national-key", "Socialstyrelsen!"], TextWriter.Null, usage));
        Assert.Contains("usage", usage.ToString(), StringComparison.Ordinal);
    }
}
