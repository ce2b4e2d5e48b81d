using System.Management.Automation;
using System.Security.Cryptography;

namespace VanishingGradients.PowerShell
{
    /// <summary>
    /// New-RandomGenerator: numpy's legacy generator (np.random.seed / randn) as an object, for Invoke-DepthExperiment
    /// -Generator to continue across calls, and for drawing x and y with its Randn(rows, cols) in a notebook's order.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "RandomGenerator")]
    [OutputType(typeof(NumpyRandom))]
    public sealed class NewRandomGeneratorCommand : PSCmdlet
    {
        /// <summary>np.random.seed's range; a fresh seed from the OS when not given (InitialSeed tells which).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateRange(0L, uint.MaxValue)]
        public long Seed { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(new NumpyRandom(MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? (uint)Seed : FreshSeed()));
        }

        private static uint FreshSeed()
        {
            var bytes = new byte[4];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return System.BitConverter.ToUInt32(bytes, 0);
        }
    }
}
