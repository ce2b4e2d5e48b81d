namespace System.Runtime.CompilerServices
{
    // Lets netstandard2.0 code use records and init-only setters.
    internal static class IsExternalInit { }
}
