namespace PoIntake.Core.Email;

/// <summary>An ACS connection string <c>endpoint=https://…/;accesskey=base64</c> (segments split on ';', each at its first '=').</summary>
internal sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static AcsConnectionString Parse(string connectionString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("a segment is not keyword=value.");
            }

            if (!values.TryAdd(segment[..equals].Trim(), segment[(equals + 1)..].Trim()))
            {
                throw new FormatException($"keyword '{segment[..equals].Trim()}' appears twice.");
            }
        }

        if (!values.TryGetValue("endpoint", out var endpointText) || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            throw new FormatException("endpoint is missing or not an absolute URL.");
        }

        if (!values.TryGetValue("accesskey", out var key) || key.Length == 0)
        {
            throw new FormatException("accesskey is missing.");
        }

        try
        {
            return new AcsConnectionString(endpoint, Convert.FromBase64String(key));
        }
        catch (FormatException)
        {
            throw new FormatException("accesskey is not base64.");
        }
    }
}
