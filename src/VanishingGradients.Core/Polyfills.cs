#if NETSTANDARD2_0
// Lets records and init-only properties compile for netstandard2.0.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
#else
// Code compiled against the netstandard2.0 build (the PowerShell cmdlets) names the polyfill above in the signatures
// of init-only setters; forwarding that name to the runtime's type lets those calls bind to this build.
[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(System.Runtime.CompilerServices.IsExternalInit))]
#endif
