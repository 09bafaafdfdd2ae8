using Azure.Storage.Blobs;

namespace PoIntake.DevHost.Storage;

/// <summary>A sample workbook and the blob it was uploaded to.</summary>
internal sealed record UploadedSample(string Kind, string BlobName);

/// <summary>Puts samples/valid/** and samples/invalid/** into the reports container at their {year}/{county}/{file} paths.</summary>
internal static class SampleUploader
{
    public static readonly string[] Kinds = ["valid", "invalid"];

    /// <summary>Uploads every sample when the container holds no blob yet; returns what was uploaded (empty when it did nothing).</summary>
    public static async Task<IReadOnlyList<UploadedSample>> UploadIfEmptyAsync(BlobContainerClient reports, string samplesDirectory, CancellationToken cancellationToken)
    {
        await foreach (var _ in reports.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            return [];
        }

        var uploaded = new List<UploadedSample>();
        foreach (var kind in Kinds)
        {
            var folder = Path.Combine(samplesDirectory, kind);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var blobName = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                await reports.GetBlobClient(blobName).UploadAsync(file, overwrite: true, cancellationToken);
                uploaded.Add(new UploadedSample(kind, blobName));
            }
        }

        return uploaded;
    }

    /// <summary>
    /// Uploads generated workbooks (the sample grant registers and contacts registers) into a container that holds no blob
    /// yet, so an empty devhost shows the grant cycle and real reminders; returns what was uploaded.
    /// </summary>
    public static async Task<IReadOnlyList<UploadedSample>> UploadIfEmptyAsync(
        BlobContainerClient container, string kind, IEnumerable<(string BlobName, Func<byte[]> Content)> samples, CancellationToken cancellationToken)
    {
        await foreach (var _ in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            return [];
        }

        var uploaded = new List<UploadedSample>();
        foreach (var (blobName, content) in samples)
        {
            await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content()), overwrite: true, cancellationToken);
            uploaded.Add(new UploadedSample(kind, blobName));
        }

        return uploaded;
    }
}
