using PoIntake.Core.Access;

namespace PoIntake.Functions.Http;

/// <summary>
/// Who may call an HTTP function, declared on its <c>[Function]</c> method and enforced for every call by
/// <see cref="AccessMiddleware"/> through <see cref="RouteGate"/> before the function runs; the function reads what the
/// gate admitted with <see cref="AdmittedRoute.Of"/>. Every HTTP function declares either this or <see cref="PublicAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AccessAttribute(AccessScope scope) : Attribute
{
    public AccessScope Scope { get; } = scope;

    /// <summary>
    /// A national route that a county board may call for its own county by naming it in <c>?county=</c> (the draft
    /// lägesrapport): with the parameter the route is <see cref="AccessScope.CountyRead"/> for that county.
    /// </summary>
    public bool CountyInQuery { get; init; }
}

/// <summary>An HTTP function anyone may call (the templates, the pages and their assets); its route values are still checked.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PublicAttribute : Attribute;
