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
    public void TryRun_BadArguments_PrintsUsageAndReturns2(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, DevCommands.TryRun(args, TextWriter.Null, error));
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }
}
