using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PoIntake.Core.Reference;

namespace PoIntake.Core.Upload;

public static class UploadServiceCollectionExtensions
{
    /// <summary>
    /// The upload endpoint's services; needs <c>ReportChecker</c> (intake) and a <c>BlobServiceClient</c> (storage).
    /// Binds section <c>Upload</c>, validated at start.
    /// </summary>
    public static IServiceCollection AddPoIntakeUpload(this IServiceCollection services)
    {
        services.TryAddSingleton(MunicipalityRegistry.Default);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        services.TryAddSingleton<CountyUploadKeys>();
        services.TryAddSingleton<ReportUploadService>();
        return services;
    }
}
