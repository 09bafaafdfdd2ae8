using PoIntake.DevHost;

namespace PoIntake.Tests.DevHost;

public sealed class LocalSettingsTests
{
    [Fact]
    public void Read_Values_MapsDoubleUnderscoreToSections()
    {
        var path = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "IsEncrypted": false, "Values": { "PoIntakeStorage": "UseDevelopmentStorage=true", "Screening__MaxFileBytes": "100" } }""");
        try
        {
            var values = LocalSettings.Read(path).ToDictionary(p => p.Key, p => p.Value);

            Assert.Equal("UseDevelopmentStorage=true", values["PoIntakeStorage"]);
            Assert.Equal("100", values["Screening:MaxFileBytes"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingFile_IsEmpty()
    {
        Assert.Empty(LocalSettings.Read(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json")));
    }

    [Fact]
    public void FromArgs_NoSamplesSwitch_IsRemovedFromHostArguments()
    {
        var options = DevHostOptions.FromArgs(["--no-samples", "--urls", "http://localhost:1"], out var hostArgs);

        Assert.False(options.UploadSamples);
        Assert.Equal(["--urls", "http://localhost:1"], hostArgs);
    }

    [Fact]
    public void FromArgs_Port_ListensThereAndIsRemovedFromHostArguments()
    {
        var options = DevHostOptions.FromArgs(["--port", "7181", "--no-samples"], out var hostArgs);

        Assert.Equal(7181, options.HttpPort);
        Assert.Equal("http://localhost:7181", options.BaseUrl);
        Assert.False(options.UploadSamples);
        Assert.Empty(hostArgs);
        Assert.Equal(DevHostOptions.DefaultHttpPort, DevHostOptions.FromArgs([], out _).HttpPort);
    }

    [Fact]
    public void FromArgs_WithoutSwitch_UploadsSamplesFromTheRepository()
    {
        var options = DevHostOptions.FromArgs([], out _);

        Assert.True(options.UploadSamples);
        Assert.Equal(Path.Combine(RepositoryRoot.Path, "samples"), options.SamplesDirectory);
    }
}
