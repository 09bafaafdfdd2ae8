using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PoIntake.Core.Upload;

public static class UploadServiceCollectionExtensions
{
    /// <summary>The upload endpoint's service; needs <c>ReportChecker</c> (intake) and a <c>BlobServiceClient</c> (storage).</summary>
    public static IServiceCollection AddPoIntakeUpload(this IServiceCollection services)
    {
        services.TryAddSingleton<ReportUploadService>();
        return services;
    }
}
