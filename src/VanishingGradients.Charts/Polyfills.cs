// Lets records and init-only properties compile for netstandard2.0 (the core has the same, but internal).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
