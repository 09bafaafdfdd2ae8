using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PoIntake.Core.Access;

namespace PoIntake.Core.Upload;

public static class UploadServiceCollectionExtensions
{
    /// <summary>
    /// The upload endpoint's services; needs <c>ReportChecker</c> (intake) and a <c>BlobServiceClient</c> (storage).
    /// Binds <see cref="UploadOptions"/> (section <c>Upload</c>). Adds <see cref="AccessKeys"/> (section <c>Access</c>), which decides who may upload for which county.
    /// </summary>
    public static IServiceCollection AddPoIntakeUpload(this IServiceCollection services)
    {
        services.AddPoIntakeAccess();
        services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ReportUploadService>();
        return services;
    }
}
