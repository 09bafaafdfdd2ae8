using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using PoIntake.Core.Intake;

namespace PoIntake.Core.Totals;

/// <summary>
/// A figure for every value of a contract dimension, in the catalogue's order (<see cref="Dimensions"/>). Serialised as an
/// object keyed by the values' API ids, so the totals JSON names each value exactly as the facts and the csv do.
/// </summary>
[JsonConverter(typeof(ByDimensionJsonConverterFactory))]
public sealed class ByDimension<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<ByDimension<TKey, TValue>>
    where TKey : struct, Enum
{
    private readonly Dictionary<TKey, TValue> _values;

    public ByDimension(Func<TKey, TValue> valueOf)
    {
        _values = Dimension.ToDictionary(v => v.Value, v => valueOf(v.Value));
    }

    public static Dimension<TKey> Dimension => Dimensions.Of<TKey>();

    public int Count => _values.Count;

    public IEnumerable<TKey> Keys => Dimension.Select(v => v.Value);

    public IEnumerable<TValue> Values => Keys.Select(k => _values[k]);

    public TValue this[TKey key] => _values[key];

    public bool ContainsKey(TKey key) => _values.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Keys.Select(k => KeyValuePair.Create(k, _values[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ByDimension<TKey, TValue>? other) =>
        other is not null && Keys.All(k => EqualityComparer<TValue>.Default.Equals(_values[k], other._values[k]));

    public override bool Equals(object? obj) => Equals(obj as ByDimension<TKey, TValue>);

    public override int GetHashCode() => Values.Aggregate(0, (hash, value) => HashCode.Combine(hash, value));

    public override string ToString() => string.Join(", ", this.Select(kv => $"{Dimension.Id(kv.Key)}={kv.Value}"));

    internal void WriteProperties(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        foreach (var (key, value) in this)
        {
            writer.WritePropertyName(Dimension.Id(key));
            JsonSerializer.Serialize(writer, value, options);
        }
    }
}

/// <summary>Counts per gender plus their total; JSON <c>{"women":…,"men":…,"otherGender":…,"total":…}</c>.</summary>
[JsonConverter(typeof(GenderTotalsJsonConverter))]
public sealed record GenderTotals(ByDimension<Gender, int> Counts)
{
    public GenderTotals(Func<Gender, int> countOf)
        : this(new ByDimension<Gender, int>(countOf))
    {
    }

    public int Total => Counts.Values.Sum();

    public int this[Gender gender] => Counts[gender];

    internal void WriteProperties(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        Counts.WriteProperties(writer, options);
        writer.WriteNumber(JsonName(nameof(Total), options), Total);
    }

    internal static string JsonName(string property, JsonSerializerOptions options) =>
        options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}

// The totals are only ever written (GET /api/totals/{year}); nothing reads them back from JSON.
internal sealed class ByDimensionJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ByDimension<,>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ByDimensionJsonConverter<,>).MakeGenericType(typeToConvert.GetGenericArguments()))!;
}

/// <summary>A totals object: written as <c>{…}</c> around the properties the subclass writes.</summary>
internal abstract class TotalsObjectJsonConverter<T> : JsonConverter<T>
{
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Totals are written, never read, as JSON.");

    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteProperties(writer, value, options);
        writer.WriteEndObject();
    }

    protected abstract void WriteProperties(Utf8JsonWriter writer, T value, JsonSerializerOptions options);
}

internal sealed class ByDimensionJsonConverter<TKey, TValue> : TotalsObjectJsonConverter<ByDimension<TKey, TValue>>
    where TKey : struct, Enum
{
    protected override void WriteProperties(Utf8JsonWriter writer, ByDimension<TKey, TValue> value, JsonSerializerOptions options) =>
        value.WriteProperties(writer, options);
}

internal sealed class GenderTotalsJsonConverter : TotalsObjectJsonConverter<GenderTotals>
{
    protected override void WriteProperties(Utf8JsonWriter writer, GenderTotals value, JsonSerializerOptions options) =>
        value.WriteProperties(writer, options);
}

/// <summary>Ombud flat: the gender counts and total, then full-time equivalents and supervision.</summary>
internal sealed class OmbudTotalsJsonConverter : TotalsObjectJsonConverter<OmbudTotals>
{
    protected override void WriteProperties(Utf8JsonWriter writer, OmbudTotals value, JsonSerializerOptions options)
    {
        value.ByGender.WriteProperties(writer, options);
        writer.WritePropertyName(GenderTotals.JsonName(nameof(OmbudTotals.FullTimeEquivalents), options));
        JsonSerializer.Serialize(writer, value.FullTimeEquivalents, options);
        writer.WriteNumber(GenderTotals.JsonName(nameof(OmbudTotals.WithSupervision), options), value.WithSupervision);
    }
}
