using System.IO;
using System.Linq;
using System.Text.Json;
using NUnit.Framework;

namespace VanishingGradients.Tests
{
    /// <summary>The JSON fixtures of tests/fixtures, copied next to the tests by the project file.</summary>
    internal static class Fixtures
    {
        public static JsonElement Load(string name) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", name))).RootElement;

        public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }
}
