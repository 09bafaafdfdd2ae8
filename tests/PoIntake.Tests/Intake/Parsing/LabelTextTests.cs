using PoIntake.Core.Intake.Parsing;

namespace PoIntake.Tests.Intake.Parsing;

public sealed class LabelTextTests
{
    [Theory]
    [InlineData("18-29 år", "18–29 år")]
    [InlineData("18 – 29 år", "18-29 år")]
    [InlineData("65– år", "65 - år")]
    [InlineData("Län:", "län")]
    [InlineData("  Antal\u00A0personliga\u202Fombud  ", "antal personliga ombud")]
    [InlineData("ÅTGÄRD ELLER RESULTAT", "Åtgärd eller resultat")]
    [InlineData("Patient-, brukar- och anhörigorganisationer", "Patient–, brukar– och anhörigorganisationer")]
    public void Same_LabelsDifferingOnlyInSpacesDashesCaseOrColon_Match(string left, string right) =>
        Assert.True(LabelText.Same(left, right));

    [Theory]
    [InlineData("18-29 år", "18-30 år")]
    [InlineData("Män", "Kvinnor")]
    [InlineData("Ekonomi", "Ekonomin")]
    public void Same_DifferentLabels_DoNotMatch(string left, string right) =>
        Assert.False(LabelText.Same(left, right));
}

public sealed class LabelTextNormalizeTests
{
    [Fact]
    public void LowerInvariant_EveryChar_IsCharToLowerInvariant()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var ch = (char)i;
            Assert.Equal(char.ToLowerInvariant(ch), LabelText.LowerInvariant(ch));
        }
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("a -b", "a-b")]
    [InlineData("a- b", "a-b")]
    [InlineData("a-:", "a-")]
    [InlineData("abc :", "abc")]
    [InlineData("abc: :", "abc")]
    [InlineData("ab\tc", "ab c")]
    [InlineData("ǅemal Ⅳ", "ǆemal ⅳ")]
    [InlineData("18\u200929", "18 29")]
    public void Normalize_Examples(string text, string expected) =>
        Assert.Equal(expected, LabelText.Normalize(text));

    /// <summary>
    /// The fast path (a normalised text returned as it is) and the stack buffer must give exactly what the rule says:
    /// compared with a plain implementation of the rule over random texts from the characters that matter.
    /// </summary>
    [Fact]
    public void Normalize_RandomTexts_EqualsThePlainRule()
    {
        const string alphabet = "aZåÅöÖ é-–—‑ \u00A0\u202F\t:ǅⅣ1";
        var random = new Random(20261202);
        for (var n = 0; n < 50_000; n++)
        {
            var chars = new char[random.Next(0, n % 100 == 0 ? 400 : 12)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var normalised = LabelText.Normalize(text);
            Assert.Equal(PlainRule(text), normalised);
            Assert.Equal(normalised, LabelText.Normalize(normalised));
        }
    }

    private static string PlainRule(string text)
    {
        var builder = new System.Text.StringBuilder();
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (LabelText.IsSpace(ch))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (LabelText.IsDash(ch))
            {
                builder.Append('-');
                pendingSpace = false;
            }
            else
            {
                if (pendingSpace && builder[^1] != '-')
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(ch));
            }
        }

        return builder.ToString().TrimEnd(':', ' ');
    }
}
