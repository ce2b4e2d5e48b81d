#if NETSTANDARD2_0
// Lets records and init-only properties compile for netstandard2.0.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
#endif
