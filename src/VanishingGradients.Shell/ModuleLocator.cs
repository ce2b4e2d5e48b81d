using System;
using System.IO;

namespace VanishingGradients.Shell;

/// <summary>Finds the assembled VanishingGradients module (artifacts/module/VanishingGradients/*.psd1).</summary>
public static class ModuleLocator
{
    /// <summary>Environment variable that overrides the search: a .psd1 path, or the folder holding it.</summary>
    public const string EnvironmentVariable = "VG_MODULE_PATH";

    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = "Directory.Build.props";

    private const string ManifestName = "VanishingGradients.psd1";

    private static readonly string RelativeModulePath =
        Path.Combine("artifacts", "module", "VanishingGradients", ManifestName);

    /// <summary>
    /// The module manifest to import: $VG_MODULE_PATH if set, else the one under the repository root found by
    /// walking up from the current directory, then from the application's directory.
    /// </summary>
    /// <exception cref="FileNotFoundException">With a message telling the user what to do.</exception>
    public static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            string path = Directory.Exists(fromEnvironment) ? Path.Combine(fromEnvironment, ManifestName) : fromEnvironment;
            return File.Exists(path)
                ? Path.GetFullPath(path)
                : throw new FileNotFoundException($"{EnvironmentVariable} is set to '{fromEnvironment}', but there is no module manifest at '{path}'.", path);
        }

        string? root = FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null)
        {
            throw new FileNotFoundException(
                $"Cannot find the VanishingGradients repository ({RootMarker}) above '{Environment.CurrentDirectory}' " +
                $"or '{AppContext.BaseDirectory}'. Set {EnvironmentVariable} to the module manifest, pass -Module <path>, or pass -NoModule.");
        }

        string manifest = Path.Combine(root, RelativeModulePath);
        return File.Exists(manifest)
            ? manifest
            : throw new FileNotFoundException(
                $"The VanishingGradients module is not built yet (expected '{manifest}'). " +
                $"Run 'dotnet build' in '{root}' first, or pass -NoModule to run without it.", manifest);
    }

    /// <summary>
    /// The outermost folder at or above <paramref name="start"/> that holds <see cref="RootMarker"/>: inner
    /// folders (tests/) have their own Directory.Build.props that imports the root one.
    /// </summary>
    public static string? FindRepositoryRoot(string start)
    {
        string? root = null;
        for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, RootMarker)))
            {
                root = dir.FullName;
            }
        }

        return root;
    }
}
