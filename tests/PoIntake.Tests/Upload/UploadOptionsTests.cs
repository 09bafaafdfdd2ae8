using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PoIntake.Core.Upload;

namespace PoIntake.Tests.Upload;

public sealed class UploadOptionsTests
{
    [Fact]
    public void Bind_AppSettingsShape_EachCountyKeyChecksOnlyItsCounty()
    {
        var keys = Resolve(TestCountyKeys.Settings()).GetRequiredService<CountyUploadKeys>();

        Assert.True(keys.Required);
        Assert.Equal(CountyKeyVerdict.Allowed, keys.Check("25", TestCountyKeys.KeyOf("25")));
        Assert.Equal(CountyKeyVerdict.Allowed, keys.Check("25", $"  {TestCountyKeys.KeyOf("25")}\n"));
        Assert.Equal(CountyKeyVerdict.WrongKey, keys.Check("25", TestCountyKeys.KeyOf("24")));
        Assert.Equal(CountyKeyVerdict.WrongKey, keys.Check("25", TestCountyKeys.KeyOf("25").ToUpperInvariant()));
        Assert.Equal(CountyKeyVerdict.Missing, keys.Check("25", " "));
        Assert.Equal("24", keys.CountyOwning(TestCountyKeys.KeyOf("24")));
        Assert.Null(keys.CountyOwning("gissning"));
    }

    [Fact]
    public void Bind_NothingConfigured_FailsClosed()
    {
        var keys = Resolve([]).GetRequiredService<CountyUploadKeys>();

        Assert.True(keys.Required);
        Assert.Equal(CountyKeyVerdict.CountyNotEnabled, keys.Check("01", "vad som helst"));
    }

    [Theory]
    [InlineData("Upload:CountyKeyHashes:02", "0000000000000000000000000000000000000000000000000000000000000000", "unknown county code")]
    [InlineData("Upload:CountyKeyHashes:01", "hemlig-nyckel-i-klartext", "SHA-256")]
    [InlineData("Upload:CountyKeyHashes:01", "zz00000000000000000000000000000000000000000000000000000000000000", "SHA-256")]
    public void Validate_MalformedSetting_RefusesToStartNamingIt(string setting, string value, string reason)
    {
        var services = Resolve(new Dictionary<string, string?> { [setting] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UploadOptions>>().Value);

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewKey_DistinctAndHeaderSafe()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => CountyUploadKeys.NewKey()).ToList();

        Assert.Equal(50, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Matches("^[A-Za-z0-9_-]{43}$", key));
    }

    private static ServiceProvider Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPoIntakeUpload().BuildServiceProvider();
    }
}
