using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// The load context of everything in the module's deps/ folder: the chart renderer (VanishingGradients.Charts with
    /// ScottPlot, SkiaSharp, HarfBuzzSharp and their native libraries in deps/&lt;rid&gt;/) and the third-party libraries
    /// of the core (MathNet.Numerics, System.Numerics.Tensors). Another module that loaded a different SkiaSharp into
    /// the session first then neither breaks the charts nor runs them on a version they were not built with.
    /// <para>
    /// The cmdlets, the core and the grading library stay in PowerShell's default context, at the module's root: their
    /// types are the module's public surface (<c>[VanishingGradients.Softmax]::Evaluate(...)</c>,
    /// <c>-is [VanishingGradients.LayerStatistics]</c>, the format views), and PowerShell resolves type names only in
    /// the default context.
    /// </para>
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private const string DependencyFolder = "deps";

        private static readonly object Gate = new object();
        private static ModuleLoadContext? _instance;

        private readonly string _root, _dependencies;
        private readonly HashSet<string> _hostAssemblies;

        private ModuleLoadContext(string root) : base("VanishingGradients")
        {
            _root = root;
            _dependencies = Path.Combine(root, DependencyFolder);
            _hostAssemblies = HostAssemblies();
        }

        /// <summary>The one context of this process; every runspace that imports the module shares it.</summary>
        public static ModuleLoadContext Instance
        {
            get
            {
                lock (Gate)
                {
                    return _instance ??= new ModuleLoadContext(Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location)!);
                }
            }
        }

        /// <summary>
        /// Hooked to the default context's Resolving event: an assembly the default context cannot find (the cmdlets
        /// asking for the chart renderer, the core asking for MathNet) comes from deps/ through this context; the
        /// module's own root assemblies are loaded into the default context, so everyone shares their types.
        /// </summary>
        public static Assembly? ResolveForDefault(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            var context = Instance;
            if (context.IsDependency(name)) return context.LoadFromAssemblyName(name);
            string? own = context.RootFile(name);
            return own != null ? defaultContext.LoadFromAssemblyPath(own) : null;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            // pwsh's own assemblies and the runtime's win: one copy of their types for the whole session.
            if (name.Name == null || _hostAssemblies.Contains(name.Name)) return null;
            if (IsDependency(name)) return LoadFromAssemblyPath(DependencyFile(name));
            // The chart renderer reads the core's records: it must see the core the cmdlets made them with.
            return RootFile(name) != null ? Default.LoadFromAssemblyName(name) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            foreach (string folder in NativeFolders())
                foreach (string file in NativeFileNames(unmanagedDllName))
                {
                    string path = Path.Combine(_dependencies, folder, file);
                    if (File.Exists(path)) return LoadUnmanagedDllFromPath(path);
                }
            return IntPtr.Zero;
        }

        private bool IsDependency(AssemblyName name) => name.Name != null && File.Exists(DependencyFile(name));

        private string DependencyFile(AssemblyName name) => Path.Combine(_dependencies, name.Name + ".dll");

        private string? RootFile(AssemblyName name)
        {
            if (name.Name == null) return null;
            string path = Path.Combine(_root, name.Name + ".dll");
            return File.Exists(path) ? path : null;
        }

        // The trusted platform assemblies (the runtime's and pwsh's own, from pwsh.deps.json) and whatever sits in
        // $PSHOME beside System.Management.Automation.
        private static HashSet<string> HostAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
                foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                    names.Add(Path.GetFileNameWithoutExtension(path));
            string? psHome = Path.GetDirectoryName(typeof(PSObject).Assembly.Location);
            if (!string.IsNullOrEmpty(psHome) && Directory.Exists(psHome))
                foreach (string path in Directory.EnumerateFiles(psHome, "*.dll"))
                    names.Add(Path.GetFileNameWithoutExtension(path));
            return names;
        }

        // deps/<os>-<arch>/ first, then deps/<os>/ for the platforms whose packages ship one build for every
        // architecture (macOS: universal binaries).
        private static IEnumerable<string> NativeFolders()
        {
            string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            yield return os + "-" + arch;
            yield return os;
        }

        private static IEnumerable<string> NativeFileNames(string name)
        {
            yield return name;
            string extension = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            if (!name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) yield return name + extension;
        }
    }

    /// <summary>
    /// Hooks <see cref="ModuleLoadContext"/> into the default context when the module is imported, and unhooks it when
    /// the module is removed. The assemblies already loaded stay loaded: a load context is not unloaded.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static int _imports;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_imports++ == 0) AssemblyLoadContext.Default.Resolving += ModuleLoadContext.ResolveForDefault;
            }
        }

        public void OnRemove(PSModuleInfo module)
        {
            lock (Gate)
            {
                if (_imports > 0 && --_imports == 0) AssemblyLoadContext.Default.Resolving -= ModuleLoadContext.ResolveForDefault;
            }
        }
    }
}
